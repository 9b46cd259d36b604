import { isMap } from 'yaml'
import { declareFromYaml } from '../declare.js'
import { basenameOf, dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, stringAt } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

/** Helm `Chart.yaml`: a dependency on the vcluster chart pins the vcluster version. */
export const helmChart: Extractor = {
  id: 'helm-chart',
  accepts: (path) => basenameOf(path) === 'Chart.yaml',
  mightDeclare: (text) => text.includes('vcluster'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc } of yaml.documents) {
      const root = doc.contents
      if (!isMap(root)) continue
      for (const dependency of itemsOf(root.get('dependencies', true))) {
        if (stringAt(dependency, ['name'])?.value !== 'vcluster') continue
        const version = stringAt(dependency, ['version'])
        if (!version) {
          out.diagnostics.push({
            ...file.locate(dependency.range?.[0] ?? 0),
            message: 'vcluster chart dependency has no version: pin one so upgrades can be checked'
          })
          continue
        }
        declareFromYaml(out, file, version, {
          component: 'vcluster',
          source: 'helm-chart',
          group: dirnameOf(file.path),
          what: 'vcluster chart dependency version',
          parse: { allowRange: true }
        })
      }
    }
    return out
  }
}
