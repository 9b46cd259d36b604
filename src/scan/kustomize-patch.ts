import { isMap, isScalar, isSeq } from 'yaml'
import { declareVersion } from './declare.js'
import { emptyExtraction, type Extraction, type PatchFragment, type PatchTarget } from './extractors/extractor.js'
import { readValuesKey, readValuesNode } from './extractors/vcluster-values.js'
import type { SourceFile } from './source-file.js'
import type { Traced } from './traced.js'
import { itemsOf, mapAt, stringAt, stringIn, tracedOf } from './yaml-nodes.js'

const SOURCE = 'kustomize-patch'

/** Kinds whose chart version and values a patch can set (Flux `HelmRelease`). */
const PATCHED_KINDS = new Set(['HelmRelease'])

/**
 * One document of a kustomize patch, as what it sets on the objects it selects: a strategic
 * merge patch (a partial object: its `kind` and `metadata.name` select, unless the
 * kustomization gives a `target`) or a JSON 6902 patch (a list of operations; only a `target`
 * selects). Only HelmRelease patches are read: `spec.chart.spec.version` is the vcluster version
 * and `spec.values` the values of the release it is joined to (resolve/overlays.ts). Undefined when the
 * document sets nothing the gate reads.
 */
export function readPatchDocument(file: SourceFile, root: unknown, target: PatchTarget | undefined): PatchFragment | undefined {
  const scratch = emptyExtraction()
  let selects: PatchTarget | undefined
  let chart: string | undefined
  if (isSeq(root)) {
    if (!target) return undefined
    selects = target
    chart = readOperations(scratch, file, root)
  } else if (isMap(root)) {
    const own: PatchTarget = {
      ...optional('kind', stringAt(root, ['kind'])?.value),
      ...optional('name', stringAt(root, ['metadata', 'name'])?.value),
      ...optional('namespace', stringAt(root, ['metadata', 'namespace'])?.value)
    }
    selects = target ?? own
    const chartSpec = mapAt(root, ['spec', 'chart', 'spec'])
    chart = stringIn(chartSpec, 'chart')?.value
    const version = stringIn(chartSpec, 'version')
    if (version) declareChartVersion(scratch, tracedOf(file, version))
    const spec = mapAt(root, ['spec'])
    if (spec) readValuesNode(scratch, file, spec.get('values', true), '', SOURCE)
  } else {
    return undefined
  }
  if (selects.kind !== undefined && !PATCHED_KINDS.has(selects.kind)) return undefined
  if (scratch.declarations.length === 0 && (scratch.unknowns ?? []).length === 0 && chart === undefined) return undefined
  return { target: selects, ...(chart !== undefined ? { chart } : {}), declarations: scratch.declarations, unknowns: scratch.unknowns ?? [] }
}

/** JSON 6902 `add`/`replace` operations on the chart, its version and the values; returns the chart a patch sets. */
function readOperations(out: Extraction, file: SourceFile, operations: unknown): string | undefined {
  let chart: string | undefined
  for (const operation of itemsOf(operations)) {
    const op = stringAt(operation, ['op'])?.value
    const path = stringAt(operation, ['path'])?.value
    if ((op !== 'add' && op !== 'replace') || path === undefined || !isMap(operation)) continue
    const value = operation.get('value', true)
    const scalar = stringAt(value, [])
    if (path === '/spec/chart/spec/version' && scalar) declareChartVersion(out, tracedOf(file, scalar))
    else if (path === '/spec/chart/spec/chart' && scalar) chart = scalar.value
    else if (path === '/spec/values') readValuesNode(out, file, value, '', SOURCE)
    else if (path.startsWith('/spec/values/')) {
      // RFC 6901: `~1` is `/` and `~0` is `~` inside one key.
      const key = path.slice('/spec/values/'.length).split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')).join('.')
      if (scalar && isScalar(value)) readValuesKey(out, key, tracedOf(file, scalar), '', SOURCE)
      else if (isMap(value)) readValuesNode(out, file, value, '', SOURCE)
    }
  }
  return chart
}

function declareChartVersion(out: Extraction, version: Traced): void {
  declareVersion(out, version, { component: 'vcluster', source: SOURCE, group: '', what: 'vcluster chart version (kustomize patch)', parse: { allowRange: true } })
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}
