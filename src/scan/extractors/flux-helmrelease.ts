import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease, linkValuesFile } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn, type StringAt } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'flux-helmrelease'

const FLUX_API = literal('fluxcd.io/')

/**
 * Flux `HelmRelease` (v2, v2beta1, v2beta2): `spec.chart.spec.chart` + `version`, or a
 * `chartRef` to a `HelmChart`/`OCIRepository` that pins it; values in `spec.values`,
 * `spec.valuesFrom` (ConfigMaps, joined by name) and `spec.chart.spec.valuesFiles`.
 */
export const fluxHelmRelease: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: isYamlPath,
  // The extractor reads only objects whose apiVersion holds `fluxcd.io/`.
  mightDeclare: (text) => FLUX_API.foundIn(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    const apiVersion = stringAt(root, ['apiVersion'])?.value ?? ''
    const kind = stringAt(root, ['kind'])?.value
    const spec = mapAt(root, ['spec'])
    const name = stringAt(root, ['metadata', 'name'])?.value
    if (!spec || !apiVersion.includes('fluxcd.io/')) return
    const group = fileGroup(file.path, index)
    if (kind === 'HelmRelease' && name !== undefined) {
      // A kustomize overlay can patch it by kind and name (resolve/overlays.ts).
      const namespace = stringAt(root, ['metadata', 'namespace'])?.value
      out.objects?.push({ kind, name, ...(namespace !== undefined ? { namespace } : {}), group, file: file.path })
    }
    if (kind === 'HelmRelease') readHelmRelease(out, file, spec, group)
    else if (kind === 'HelmChart') readChartSource(out, file, stringIn(spec, 'chart'), stringIn(spec, 'version'), group, `HelmChart/${name}`)
    else if (kind === 'OCIRepository') {
      const ref = mapAt(spec, ['ref'])
      readChartSource(out, file, stringIn(spec, 'url'), stringIn(ref, 'tag') ?? stringIn(ref, 'semver'), group, `OCIRepository/${name}`)
    }
  }
})

function readHelmRelease(out: Extraction, file: SourceFile, spec: YAMLMap, group: string): void {
  const chartSpec = mapAt(spec, ['chart', 'spec'])
  const chartRef = mapAt(spec, ['chartRef'])
  if (chartSpec) {
    const isVcluster = declareChartRelease(out, file, {
      chart: stringIn(chartSpec, 'chart'),
      version: stringIn(chartSpec, 'version'),
      group,
      source: SOURCE,
      unversioned: 'Flux installs the latest'
    })
    if (!isVcluster) return
    for (const valuesFile of itemsOf(chartSpec.get('valuesFiles', true))) {
      const path = stringAt(valuesFile, [])
      if (path) linkValuesFile(out, file, group, '.', path)
    }
  } else if (chartRef) {
    const kind = stringIn(chartRef, 'kind')?.value
    const name = stringIn(chartRef, 'name')
    if (!kind || !name) return
    out.links?.push({ group, target: { ref: `${kind}/${name.value}` }, from: locationOf(file, name) })
    out.deploys?.push(group)
  } else {
    return
  }
  readValuesNode(out, file, spec.get('values', true), group, SOURCE)
  for (const from of itemsOf(spec.get('valuesFrom', true))) {
    if (!isMap(from)) continue
    const kind = stringIn(from, 'kind')?.value
    const name = stringIn(from, 'name')
    if ((kind === 'ConfigMap' || kind === 'Secret') && name) {
      out.links?.push({ group, target: { ref: `${kind}/${name.value}` }, from: locationOf(file, name) })
    }
  }
}

/** A chart source a HelmRelease's `chartRef` names: it pins the version for that release. */
function readChartSource(
  out: Extraction,
  file: SourceFile,
  chart: StringAt | undefined,
  version: StringAt | undefined,
  group: string,
  ref: string
): void {
  if (declareChartRelease(out, file, { chart, version, group, source: SOURCE, unversioned: 'Flux installs the latest' })) {
    out.providers?.push({ ref, group })
  }
}

function locationOf(file: SourceFile, at: StringAt) {
  return file.locate(at.node.range?.[0] ?? 0)
}
