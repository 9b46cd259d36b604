import { isMap } from 'yaml'
import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../groups.js'
import { basenameOf, dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, stringAt, stringIn, stringsIn, type StringAt } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'kustomization'

/**
 * `kustomization.yaml`: `helmCharts` entries install a chart (version, `valuesFile`,
 * `additionalValuesFiles`, `valuesInline`); `configMapGenerator` entries turn values files
 * into the ConfigMaps a Flux HelmRelease reads with `valuesFrom`.
 */
export const kustomization: Extractor = {
  id: SOURCE,
  accepts: (path) => /^kustomization\.ya?ml$/i.test(basenameOf(path)),
  mightDeclare: (text) => text.includes('helmCharts') || text.includes('configMapGenerator'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    const directory = dirnameOf(file.path)
    const link = (group: string, path: StringAt): void => {
      if (isLiteralPath(path.value)) {
        out.links?.push({ group, target: { file: joinPath(directory, path.value) }, from: file.locate(path.node.range?.[0] ?? 0) })
      }
    }
    for (const { doc } of yaml.documents) {
      const root = doc.contents
      if (!isMap(root)) continue
      itemsOf(root.get('helmCharts', true)).forEach((chart, n) => {
        const group = fileGroup(file.path, `helmCharts.${n}`)
        const isVcluster = declareChartRelease(out, file, { chart: stringIn(chart, 'name'), version: stringIn(chart, 'version'), group, source: SOURCE })
        if (!isVcluster) return
        for (const path of [...stringsIn(chart, 'valuesFile'), ...stringsIn(chart, 'additionalValuesFiles')]) link(group, path)
        readValuesNode(out, file, isMap(chart) ? chart.get('valuesInline', true) : undefined, group, SOURCE)
      })
      for (const generator of itemsOf(root.get('configMapGenerator', true))) {
        const name = stringAt(generator, ['name'])?.value
        if (name === undefined) continue
        const files = stringsIn(generator, 'files')
          .map((entry) => entry.value.slice(entry.value.indexOf('=') + 1))
          .filter(isLiteralPath)
          .map((path) => joinPath(directory, path))
        if (files.length > 0) out.providers?.push({ ref: `ConfigMap/${name}`, files })
      }
    }
    return out
  }
}
