import type { KustomizeOverlay, PatchFile, PatchFragment } from './extractors/extractor.js'
import { readText, overLimit } from './file-scan.js'
import { readPatchDocument } from './kustomize-patch.js'
import { SourceFile } from './source-file.js'
import type { TreeSource } from './tree-source.js'

/** Patch files read in one scan at most (each once, however many kustomizations name it). */
const MAX_PATCH_FILES = 2000

/**
 * The kustomizations with every patch they name by file read into what it sets (once every
 * file is read: a patch file is any YAML, often one no extractor reads). A patch file that is
 * missing, outside the repository or unreadable sets nothing here: kustomize itself refuses to
 * build such an overlay.
 */
export function readPatchFiles(
  source: TreeSource,
  overlays: readonly KustomizeOverlay[],
  limits: { maxFileBytes: number; excluded: (path: string, isDirectory: boolean) => boolean }
): KustomizeOverlay<PatchFragment>[] {
  let budget = MAX_PATCH_FILES
  // A patch file is text and a target: read and parsed once per (file, target), not once per naming kustomization.
  const known = new Map<string, PatchFragment[]>()
  const read = (patch: PatchFile): PatchFragment[] => {
    const key = `${patch.path}\0${JSON.stringify(patch.target ?? null)}`
    let fragments = known.get(key)
    if (fragments === undefined) known.set(key, (fragments = readOnce(patch)))
    return fragments
  }
  const readOnce = (patch: PatchFile): PatchFragment[] => {
    if (budget-- <= 0 || limits.excluded(patch.path, false)) return []
    const resolved = source.resolve(patch.path)
    if (!resolved.ok || resolved.size > limits.maxFileBytes) return []
    const text = readText(patch.path, source.readResolved(patch.path, resolved.absolute, limits.maxFileBytes), (size) => overLimit(size, limits.maxFileBytes))
    if (!('text' in text)) return []
    const file = new SourceFile(patch.path, text.text)
    return file
      .yaml()
      .documents.map(({ doc }) => readPatchDocument(file, doc.contents, patch.target))
      .filter((fragment): fragment is PatchFragment => fragment !== undefined)
  }
  return overlays.map((overlay) => ({
    ...overlay,
    patches: overlay.patches.flatMap((patch) => ('path' in patch ? read(patch) : [patch]))
  }))
}
