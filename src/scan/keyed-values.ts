import { declareImageTag, declareVersion } from './declare.js'
import { emptyExtraction, type Extraction } from './extractors/extractor.js'
import { readText } from './file-scan.js'
import { basenameOf, dirnameOf } from './paths.js'
import { markInferred } from './detectors/prefer-exact.js'
import { SourceFile } from './source-file.js'
import type { TreeSource } from './tree-source.js'
import { stringAt, tracedOf } from './yaml-nodes.js'

/** A chart's values files: YAML files directly in its directory whose name says values. */
function valuesFilesOf(chart: string, listed: ReadonlySet<string>): string[] {
  return [...listed].filter((path) => dirnameOf(path) === chart && VALUES_FILE.test(basenameOf(path))).sort()
}

const VALUES_FILE = /(^|[-_.])values([-_.][^/]*)?\.ya?ml$/i

/** Files read to resolve keys at most (each is one more read; a repository needs a handful). */
const MAX_FILES = 256

/**
 * Declares each keyed use with the value its key has in the YAML files it names (a chart's
 * values files, the `env.yaml` a Terragrunt local decodes), at the value's line. A key that no
 * candidate file holds is said at the reference. Only the files some use names are read, each once.
 */
export function resolveKeyedUses(extractions: readonly Extraction[], listed: ReadonlySet<string>, source: TreeSource, maxFileBytes: number): Extraction {
  const out = emptyExtraction()
  const uses = extractions.flatMap((extraction) => extraction.keyed ?? [])
  if (uses.length === 0) return out
  const files = new Map<string, SourceFile | undefined>()
  const valuesFiles = new Map<string, string[]>()
  const fileAt = (path: string): SourceFile | undefined => {
    if (files.has(path)) return files.get(path)
    let file: SourceFile | undefined
    if (files.size < MAX_FILES && listed.has(path)) {
      const resolved = source.resolve(path)
      const read = resolved.ok ? readText(path, source.readResolved(path, resolved.absolute, maxFileBytes), () => '') : undefined
      if (read && 'text' in read) file = new SourceFile(path, read.text, read.shownText)
    }
    files.set(path, file)
    return file
  }
  for (const use of uses) {
    const chartFiles = use.chart === undefined ? [] : (valuesFiles.get(use.chart) ?? valuesFiles.set(use.chart, valuesFilesOf(use.chart, listed)).get(use.chart)!)
    const candidates = [...use.files, ...chartFiles].filter((path) => listed.has(path))
    const chosen = use.pick === 'nearest' ? candidates.slice(0, 1) : candidates
    let found = false
    let unread = false
    for (const path of chosen) {
      const file = fileAt(path)
      if (!file) {
        unread = true
        continue
      }
      for (const { doc } of file.yaml().documents) {
        const value = stringAt(doc.contents, use.path)
        if (!value) continue
        found = true
        // A presence check: the file's own reader (kind-config.ts) declares what the key holds.
        if (use.absent) continue
        const written = tracedOf(file, value)
        if (use.image) declareImageTag(out, written, use.request)
        else declareVersion(out, written, use.request)
      }
      if (found && use.pick === 'first-set') break
    }
    // A file that is not in the repository (written at run time) says nothing either way.
    if (use.absent && (chosen.length === 0 || unread)) continue
    if (!found && use.absent) {
      const diagnostic = { ...use.from, message: use.absent.message, unresolved: true as const, cause: use.absent.cause }
      out.diagnostics.push(diagnostic)
      markInferred(diagnostic, use.request.component)
    } else if (!found) {
      const where = chosen.length === 0 ? 'no such file in this repository' : unread ? `${chosen.join(', ')} not read: over ${MAX_FILES} files or unreadable` : `not set in ${chosen.join(', ')}`
      const diagnostic = { ...use.from, message: `${use.request.what}: "${use.written}" has no value (${where}), so the version cannot be read`, unresolved: true as const }
      out.diagnostics.push(diagnostic)
      markInferred(diagnostic, use.request.component)
    }
  }
  return out
}
