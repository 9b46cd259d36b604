import { isMap, type YAMLMap } from 'yaml'
import { declareVersion } from '../declare.js'
import { dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { vclusterChartDistro } from '../vcluster-config.js'
import { itemsOf, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import { emptyExtraction, type ChartDependency, type ChartFacts, type Extraction, type Extractor } from './extractor.js'
import { literal } from './literal.js'
import { mayHoldKey } from './written-key.js'
import { yamlExtractor } from './yaml-extractor.js'

const VCLUSTER = literal('vcluster')
const LOCAL_CHART = literal('file://')
const holdsKubeVersion = mayHoldKey('kubeVersion')

/**
 * Helm `Chart.yaml`: a dependency on a vcluster chart pins the vcluster version (its values
 * sit in the `values.yaml` beside it, the same group), and `kubeVersion` is the range of
 * host Kubernetes versions the chart accepts. What the chart is made of (its dependencies'
 * aliases, `file://` charts, its own name and version when it is a vcluster chart that an
 * umbrella vendors) goes to the resolve stage (resolve/umbrella.ts).
 */
export const helmChart: Extractor = yamlExtractor({
  id: 'helm-chart',
  accepts: (path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'),
  mightDeclare: (text) => VCLUSTER.foundIn(text) || holdsKubeVersion(text) || LOCAL_CHART.foundIn(text),
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
    readChartFacts(out, file, root)
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

/**
 * What the chart is made of, for the umbrella pass: recorded when it depends on a vcluster or a
 * local (`file://`) chart, or is a vcluster chart itself (which an umbrella may vendor).
 */
export function readChartFacts(out: Extraction, file: SourceFile, root: YAMLMap, path = dirnameOf(file.path)): void {
  const name = stringIn(root, 'name')?.value ?? ''
  const dependencies: ChartDependency[] = []
  for (const dependency of itemsOf(root.get('dependencies', true))) {
    const written = stringAt(dependency, ['name'])
    if (!written) continue
    const repository = stringAt(dependency, ['repository'])?.value ?? ''
    const local = repository.startsWith('file://') && isLiteralPath(repository.slice('file://'.length)) ? joinPath(dirnameOf(file.path), repository.slice('file://'.length)) : undefined
    const vcluster = vclusterChartDistro(written.value) !== undefined
    if (!vcluster && local === undefined) continue
    const key = stringAt(dependency, ['alias'])?.value || written.value
    dependencies.push({ key, name: written.value, vcluster, ...(local !== undefined ? { local } : {}), from: file.locate(written.node.range?.[0] ?? 0) })
  }
  const isVcluster = vclusterChartDistro(name) !== undefined
  if (!isVcluster && dependencies.length === 0) return
  const facts: ChartFacts = { path, name, dependencies }
  const version = stringIn(root, 'version')
  if (isVcluster && version) {
    const scratch = emptyExtraction()
    const declared = declareVersion(scratch, tracedOf(file, version), { component: 'vcluster', source: 'helm-chart', group: '', what: 'vendored vcluster chart version' })
    if (declared) facts.version = declared
  }
  out.charts?.push(facts)
}
