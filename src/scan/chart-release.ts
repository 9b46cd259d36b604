import { declareVersion } from './declare.js'
import { isLiteralPath, joinPath } from './paths.js'
import { expand, type Variables } from './shell/expand.js'
import type { Extraction } from './extractors/extractor.js'
import type { SourceFile } from './source-file.js'
import { vclusterChartDistro } from './vcluster-config.js'
import { tracedOf, type StringAt } from './yaml-nodes.js'

export interface ChartRelease {
  chart: StringAt | undefined
  version: StringAt | undefined
  group: string
  source: string
  /** What tools do when the version is left out, for the diagnostic. */
  unversioned?: string
  /** Parameters the version may be written with (an ApplicationSet's generator elements). */
  variables?: Variables
}

/**
 * A Helm release of some chart (Argo CD, Flux, Helmfile, Fleet, kustomize): when the chart is
 * vcluster, its version is a vcluster declaration. Returns whether the chart is vcluster, so
 * that callers read its values only then.
 */
export function declareChartRelease(out: Extraction, file: SourceFile, release: ChartRelease): boolean {
  const chart = release.chart && vclusterChartDistro(release.chart.value)
  if (!release.chart || !chart) return false
  out.deploys?.push(release.group)
  if (chart.distro) out.distros?.push({ group: release.group, distro: chart.distro, from: 'chart' })
  if (!release.version) {
    out.diagnostics.push({
      ...file.locate(release.chart.node.range?.[0] ?? 0),
      message: `vcluster chart has no version: ${release.unversioned ?? 'the latest is installed'}; pin one so upgrades can be checked`,
      unresolved: true,
      cause: 'no-version'
    })
    return true
  }
  const written = tracedOf(file, release.version)
  for (const expanded of release.variables ? expand(written, release.variables) : [{ value: written }]) {
    declareVersion(out, expanded.value, {
      component: 'vcluster',
      source: release.source,
      group: expanded.group ?? release.group,
      what: 'vcluster chart version',
      parse: { allowRange: true }
    })
  }
  return true
}

/**
 * A values file a release names (`valuesFiles`, Helmfile `values`, kustomize `valuesFile`),
 * relative to `directory`. Templated paths cannot be followed and are left alone.
 */
export function linkValuesFile(out: Extraction, file: SourceFile, group: string, directory: string, path: StringAt): void {
  if (!isLiteralPath(path.value)) return
  out.links?.push({ group, target: { file: joinPath(directory, path.value) }, from: file.locate(path.node.range?.[0] ?? 0) })
}
