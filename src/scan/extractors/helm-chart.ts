import { isMap } from 'yaml'
import { declareVersion } from '../declare.js'
import { dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { vclusterChartDistro } from '../vcluster-config.js'
import { itemsOf, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
import { mayHoldKey } from './written-key.js'
import { yamlExtractor } from './yaml-extractor.js'

const VCLUSTER = literal('vcluster')
const holdsKubeVersion = mayHoldKey('kubeVersion')

/**
 * Helm `Chart.yaml`: a dependency on a vcluster chart pins the vcluster version (its values
 * sit in the `values.yaml` beside it, the same group), and `kubeVersion` is the range of
 * host Kubernetes versions the chart accepts.
 */
export const helmChart: Extractor = yamlExtractor({
  id: 'helm-chart',
  accepts: (path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'),
  mightDeclare: (text) => VCLUSTER.foundIn(text) || holdsKubeVersion(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    const group = dirnameOf(file.path)
    if (!isMap(root)) return
    const kubeVersion = stringIn(root, 'kubeVersion')
    if (kubeVersion) {
      declareVersion(out, tracedOf(file, kubeVersion), {
        component: 'kubernetes',
        role: 'host',
        source: 'helm-chart',
        group,
        what: 'chart kubeVersion',
        parse: { allowRange: true }
      })
    }
    for (const dependency of itemsOf(root.get('dependencies', true))) {
      const chart = vclusterChartDistro(stringAt(dependency, ['name'])?.value ?? '')
      if (!chart) continue
      out.deploys?.push(group)
      if (chart.distro) out.distros?.push({ group, distro: chart.distro, from: 'chart' })
      const version = stringAt(dependency, ['version'])
      if (!version) {
        out.diagnostics.push({
          ...file.locate(dependency.range?.[0] ?? 0),
          message: 'vcluster chart dependency has no version: pin one so upgrades can be checked',
          unresolved: true,
          cause: 'no-version'
        })
        continue
      }
      declareVersion(out, tracedOf(file, version), {
        component: 'vcluster',
        source: 'helm-chart',
        group,
        what: 'vcluster chart dependency version',
        parse: { allowRange: true }
      })
    }
  }
})
