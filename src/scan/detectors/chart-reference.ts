import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { dirnameOf } from '../paths.js'
import { expand, mayReference } from '../shell/expand.js'
import { locateToken, textOf, traced, type Traced } from '../traced.js'
import { vclusterChartDistro } from '../vcluster-config.js'
import { declareInferred, declareNamedUse } from './declare-inferred.js'
import { FEATURE_DEFINITION } from './devcontainer-feature.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import type { Entry, Mapping } from './mappings.js'

/** `vcluster` names the chart; `loft` the vendor (`loft.sh/` is the API of the vCluster Platform, whose releases name no chart; `var.loft_chart`). */
const TRIGGERS = anyLiteral('vcluster', 'loft')

/** Keys that name a chart, whatever the tool (Argo CD, Flux, Fleet, helmfile, kustomize, Pulumi, Terraform, ...). */
const CHART_KEYS = ['chart', 'chartname', 'name', 'helmchart', 'chartref']
/** Keys that say where a chart comes from. */
const REPOSITORY_KEYS = ['repourl', 'repository', 'repo', 'url', 'source', 'helmrepo', 'chartrepo', 'chartrepository', 'registry']
/** Keys that pin the chart's version, in order of preference. */
const VERSION_KEYS = ['version', 'chartversion', 'targetrevision', 'revision', 'tag']

/**
 * Any mapping that names a vcluster chart (`vcluster`, the pre-0.20 distro charts
 * `vcluster-k8s`/`-k0s`/`-eks`, `loft/vcluster`, `oci://ghcr.io/loft-sh/vcluster`, or any chart
 * from charts.loft.sh / ghcr.io/loft-sh named vcluster) with the version beside it. A chart
 * named without a version is said: the latest is installed, and nothing can be checked.
 */
export const chartReference: Detector = {
  id: 'chart-reference',
  mightDetect: TRIGGERS,
  detect(view: FileView, out: Extraction): void {
    // A Chart.yaml's own name and version describe the chart itself (a wrapper chart may be called vcluster); its dependencies are read exactly.
    // So do a dev container feature's (`devcontainer-feature.json` of a feature named vcluster, version 1.0.1).
    const chartFile = /(^|\/)Chart\.ya?ml$/.test(view.file.path) || FEATURE_DEFINITION.test(view.file.path)
    for (const mapping of view.mappings) {
      if (chartFile && mapping.path.length === 0) continue
      const chart = vclusterChartIn(mapping, view)
      if (!chart) continue
      const group = dirnameOf(view.file.path)
      out.deploys?.push(group)
      if (chart.distro) out.distros?.push({ group, distro: chart.distro, from: 'chart' })
      const version = VERSION_KEYS.map((key) => mapping.entries.get(key)).find((entry) => entry !== undefined)
      if (version?.reference) {
        declareNamedUse(view, out, chartReference.id, version.reference.name, version.reference.offset, { component: 'vcluster', what: 'vcluster chart version', range: true })
        continue
      }
      // A version written as an expression the detectors cannot read is left to the exact readers.
      if (version && version.values.length === 0) continue
      if (!version) {
        const { location } = locateToken(chart.value, 0, textOf(chart.value).length)
        out.diagnostics.push({ ...location, message: 'vcluster chart without a version: the latest is installed; pin one so upgrades can be checked', unresolved: true, cause: 'no-version' })
        continue
      }
      for (const value of version.values) declareInferred(view, out, chartReference.id, value, { component: 'vcluster', what: 'vcluster chart version', range: true })
    }
  }
}

interface ChartNamed {
  value: Traced
  distro?: string
}

function vclusterChartIn(mapping: Mapping, view: FileView): ChartNamed | undefined {
  // Loops rather than map-and-find: this runs for every mapping of every file that names vcluster or loft.
  let repository: string | undefined
  for (let i = 0; i < REPOSITORY_KEYS.length && repository === undefined; i++) repository = firstText(mapping.entries.get(REPOSITORY_KEYS[i]!))
  const fromLoft = repository !== undefined && /charts\.loft\.sh|loft-sh|loftsh/.test(repository)
  // A chart from another repository that happens to be called vcluster is somebody else's.
  if (repository !== undefined && !fromLoft && /^(https?|oci):\/\//.test(repository)) return undefined
  for (const key of CHART_KEYS) {
    const entry = mapping.entries.get(key)
    const value = entry?.values[0]
    if (!value) continue
    // `name: vcluster` is a chart only beside a repository or a version (not a container, a namespace, a release of another chart).
    if (key === 'name' && (mapping.entries.has('chart') || (repository === undefined && !VERSION_KEYS.some((version) => mapping.entries.has(version))))) continue
    // `{ group, version: v2, kind: HelmRelease, name: vcluster }` selects an object (a kustomize patch target, an object reference): its version is an API version.
    if (key === 'name' && mapping.entries.has('kind')) continue
    // Only a text that says vcluster, or may expand to one, names the chart (vclusterChartDistro): most `name`s of a manifest do not.
    const text = textOf(value)
    if (!text.includes('vcluster') && !mayReference(text)) continue
    // `name: ${CHART_NAME:=vcluster}` (a clusterctl template) names vcluster through its default.
    const info = [value, ...expand(value, view.variablesFor(value)).map((each) => each.value)].map((each) => vclusterChartDistro(textOf(each).trim())).find((each) => each !== undefined)
    if (info) return { value, ...(info.distro ? { distro: info.distro } : {}) }
  }
  // `charts: { vcluster: { source: https://charts.loft.sh, version: 0.29.1 } }`: the chart is named by the key above.
  const parent = mapping.path[mapping.path.length - 1]
  if (fromLoft && parent !== undefined && vclusterChartDistro(parent)) {
    const entry = REPOSITORY_KEYS.map((key) => mapping.entries.get(key)).find((candidate) => candidate?.values[0] !== undefined)
    const info = vclusterChartDistro(parent)
    if (entry?.values[0]) return { value: entry.values[0], ...(info?.distro ? { distro: info.distro } : {}) }
  }
  // `chart = var.vcluster_chart` (Terraform): a chart held in a variable whose name says vcluster or loft.
  let named: Entry['reference']
  for (let i = 0; i < CHART_KEYS.length && named === undefined; i++) named = mapping.entries.get(CHART_KEYS[i]!)?.reference
  if (named && /vcluster|loft/i.test(named.name) && VERSION_KEYS.some((key) => mapping.entries.has(key))) return { value: traced(view.file, named.name, named.offset) }
  // vCluster Platform templates and instances: `helmRelease.chart` names no chart, the platform installs vcluster.
  if (platformRelease(mapping)) {
    const version = VERSION_KEYS.map((key) => mapping.entries.get(key)?.values[0]).find((value) => value !== undefined)
    if (version) return { value: version }
  }
  return undefined
}

function platformRelease(mapping: Mapping): boolean {
  const path = mapping.path
  if (path.length < 2 || path[path.length - 1]!.toLowerCase() !== 'chart' || path[path.length - 2]!.toLowerCase() !== 'helmrelease') return false
  return /(^|\.)loft\.sh\//.test(mapping.document?.apiVersion ?? '') && !CHART_KEYS.some((key) => mapping.entries.has(key))
}

function firstText(entry: Entry | undefined): string | undefined {
  const value = entry?.values[0]
  return value ? textOf(value) : undefined
}
