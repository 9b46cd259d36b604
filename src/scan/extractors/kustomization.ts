import { isMap, isScalar } from 'yaml'
import { declareChartRelease, linkValuesFile } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import { readPatchDocument } from '../kustomize-patch.js'
import { embeddedSource, type SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn, stringsIn, type StringAt } from '../yaml-nodes.js'
import type { Extraction, Extractor, KustomizeOverlay, PatchTarget } from './extractor.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'kustomization'

/** Keys that say what a kustomization builds and patches (an overlay). */
const OVERLAY_KEYS = ['resources', 'components', 'bases', 'patches']

/**
 * `kustomization.yaml`: `helmCharts` entries install a chart (version, `valuesFile`,
 * `additionalValuesFiles`, `valuesInline`); `configMapGenerator` entries turn values files
 * into the ConfigMaps a Flux HelmRelease reads with `valuesFrom`; `resources` and patches
 * (`patches`, `patchesStrategicMerge`, `patchesJson6902`) make an overlay, which the resolve
 * stage joins to the releases it patches (resolve/overlays.ts).
 */
export const kustomization: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => /(^|\/)kustomization\.ya?ml$/i.test(path),
  mightDeclare: (text) => text.includes('helmCharts') || text.includes('configMapGenerator') || OVERLAY_KEYS.some((key) => text.includes(key)),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    const directory = dirnameOf(file.path)
    if (!isMap(root)) return
    itemsOf(root.get('helmCharts', true)).forEach((chart, n) => {
      const group = fileGroup(file.path, `helmCharts.${n}`)
      const isVcluster = declareChartRelease(out, file, { chart: stringIn(chart, 'name'), version: stringIn(chart, 'version'), group, source: SOURCE })
      if (!isVcluster) return
      for (const path of [...stringsIn(chart, 'valuesFile'), ...stringsIn(chart, 'additionalValuesFiles')]) linkValuesFile(out, file, group, directory, path)
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
    readOverlay(out, file, root, directory)
  }
})

/** What the kustomization builds and the patches it applies, in kustomize's order. */
function readOverlay(out: Extraction, file: SourceFile, root: unknown, directory: string): void {
  if (!isMap(root)) return
  const resources = ['resources', 'components', 'bases']
    .flatMap((key) => stringsIn(root, key))
    .map((entry) => entry.value)
    // A remote base (`github.com/...`, `https://...`) is not in the repository.
    .filter((path) => isLiteralPath(path) && !/^[a-z]+:\/\/|^github\.com\//i.test(path))
    .map((path) => joinPath(directory, path))
  const overlay: KustomizeOverlay = { file: file.path, resources, patches: [] }
  const patchAt = (entry: unknown, target: PatchTarget | undefined): void => {
    const path = stringIn(entry, 'path')
    const inline = stringIn(entry, 'patch')
    if (path && isLiteralPath(path.value)) overlay.patches.push({ path: joinPath(directory, path.value), ...(target ? { target } : {}), from: file.locate(path.node.range?.[0] ?? 0) })
    else if (inline) readInlinePatch(overlay, file, inline, target)
  }
  for (const entry of itemsOf(root.get('patches', true))) patchAt(entry, targetOf(mapAt(entry, ['target'])))
  for (const entry of itemsOf(root.get('patchesJson6902', true))) patchAt(entry, targetOf(mapAt(entry, ['target'])))
  for (const entry of itemsOf(root.get('patchesStrategicMerge', true))) {
    const written = stringAt(entry, [])
    if (!written) continue
    if (written.value.includes('\n')) readInlinePatch(overlay, file, written, undefined)
    else if (isLiteralPath(written.value)) overlay.patches.push({ path: joinPath(directory, written.value), from: file.locate(written.node.range?.[0] ?? 0) })
  }
  if (overlay.resources.length > 0 || overlay.patches.length > 0) out.overlays?.push(overlay)
}

/** A patch written inline (`patch: |`, a strategic merge patch as a string), read where it is written. */
function readInlinePatch(overlay: KustomizeOverlay, file: SourceFile, patch: StringAt, target: PatchTarget | undefined): void {
  if (!isScalar(patch.node) || typeof patch.node.value !== 'string' || !patch.node.range) return
  const embedded = embeddedSource(file, patch.node.value, patch.node.range)
  for (const { doc } of embedded.yaml().documents) {
    const fragment = readPatchDocument(embedded, doc.contents, target)
    if (fragment) overlay.patches.push(fragment)
  }
}

function targetOf(target: unknown): PatchTarget | undefined {
  if (!isMap(target)) return undefined
  const out: PatchTarget = {}
  for (const key of ['kind', 'name', 'namespace'] as const) {
    const value = stringIn(target, key)?.value
    if (value !== undefined) out[key] = value
  }
  return out
}
