import { isYamlPath } from './paths.js'
import { isUtf8 } from 'node:buffer'
import type { Declaration, Diagnostic } from '../model.js'
import { chartArchive, readChartArchive } from './chart-archive.js'
import { NOT_REGULAR } from './discover.js'
import type { Extraction, Extractor } from './extractors/extractor.js'
import { vclusterValues } from './extractors/vcluster-values.js'
import type { FileBytes } from './read-file.js'
import { SourceFile } from './source-file.js'

/** What one file gave. */
export interface FileScan {
  path: string
  extraction: Extraction
  /** Whether the file was read as vcluster values (so a link need not read it again). */
  readAsValues: boolean
}

/** Decodes one file's bytes and runs every extractor of `accepting` (those that accept its path) whose pre-filter passes on its text. */
export function scanFile(path: string, bytes: FileBytes, accepting: readonly Extractor[], maxFileBytes: number): FileScan {
  if (bytes.ok && accepting.includes(chartArchive)) return { path, extraction: readChartArchive(path, bytes.bytes), readAsValues: false }
  const read = readText(path, bytes, (size) => `skipped: ${overLimit(size, maxFileBytes)} (maxFileBytes in .kube-compat-gate.yml)`)
  if (!('text' in read)) return { path, extraction: read, readAsValues: false }
  const { text } = read
  const applicable = accepting.filter((extractor) => extractor.mightDeclare(text))
  if (applicable.length === 0) return { path, extraction: { declarations: [], diagnostics: [] }, readAsValues: false }
  return { path, extraction: extractText(path, read, applicable, true), readAsValues: applicable.includes(vclusterValues) }
}

/**
 * Extraction of text read from a file; bytes that were not UTF-8 are said first, as values may be garbled.
 * `prefiltered`: every extractor's pre-filter passed on the text (so a one-document file is not searched again).
 */
export function extractText(path: string, read: ReadText, extractors: readonly Extractor[], prefiltered = false): Extraction {
  const file = new SourceFile(path, read.text, read.shownText)
  if (prefiltered) for (const extractor of extractors) file.passesWhole(extractor.mightDeclare)
  const extraction = extractAll(file, extractors)
  if (read.invalidUtf8) {
    const at = read.text.indexOf('\uFFFD')
    extraction.diagnostics.unshift({ ...file.locate(Math.max(at, 0)), message: 'not valid UTF-8: invalid bytes were read as U+FFFD (save the file as UTF-8)' })
  }
  return extraction
}

export interface ReadText {
  text: string
  invalidUtf8: boolean
  /** The text as GitHub shows it, when `text` reads some characters as line breaks that GitHub does not (lines are counted in it). */
  shownText?: string
}

/** The file's text, or an extraction holding why it could not be read (`tooLarge` words the size limit). */
export function readText(path: string, read: FileBytes, tooLarge: (size: number) => string): ReadText | Extraction {
  const unread = (message: string): Extraction => ({ declarations: [], diagnostics: [{ file: path, message }], usages: [] })
  if (!read.ok) {
    if ('code' in read) return unread(`cannot read file (${read.code})`)
    if ('size' in read) return { declarations: [], diagnostics: [{ file: path, message: tooLarge(read.size), warning: true }], usages: [] }
    return unread(NOT_REGULAR)
  }
  const decoded = decode(read.bytes)
  if (!decoded) return unread('skipped: binary content (a NUL byte in the first 8000 bytes)')
  if (isLfsPointer(decoded.text)) return { declarations: [], diagnostics: [{ file: path, message: LFS_POINTER, warning: true }], usages: [] }
  return isYamlPath(path) ? withGoYamlLineBreaks(decoded) : decoded
}

/**
 * Go's YAML reader (gopkg.in/yaml.v2 and v3, which kubectl, helm and sigs.k8s.io/yaml use) breaks
 * lines at a lone CR, NEL (U+0085), U+2028 and U+2029 (`is_break` in its scanner); the `yaml`
 * package, a YAML 1.2 reader, only at LF and CR LF, so a file written with those hid its
 * versions. They become LF, one character for one so offsets stay, and lines are still counted
 * at LF only (`shownText`), as git and GitHub number them.
 */
const GO_YAML_ONLY_BREAKS = /\r(?!\n)|[\u0085\u2028\u2029]/g

function withGoYamlLineBreaks(decoded: ReadText): ReadText {
  const { text } = decoded
  if (!text.includes('\r') && !text.includes('\u0085') && !text.includes('\u2028') && !text.includes('\u2029')) return decoded
  const read = text.replace(GO_YAML_ONLY_BREAKS, '\n')
  return read === text ? decoded : { ...decoded, text: read, shownText: text }
}

/**
 * A Git LFS pointer stands in for the file when the checkout did not fetch LFS content
 * (actions/checkout without `lfs: true`, a `git archive` of the store): the versions the real
 * file declares are not there. Said as a warning, and worded "skipped" so that a pull request
 * moving a declaring file into LFS fails as any change that makes a declaring file unreadable.
 */
const LFS_POINTER = 'skipped: a Git LFS pointer, not the file (check out with `lfs: true` to read the versions it may declare)'

/**
 * A pointer starts with its spec line: git-lfs v1, or the older URLs git-lfs still accepts (hawser,
 * git-media), with LF or CRLF line ends, and names its object by a sha256 oid.
 */
function isLfsPointer(text: string): boolean {
  return text.length < 1024 && LFS_SPEC_LINE.test(text) && /^oid sha256:[0-9a-f]{64}\r?$/m.test(text)
}

const LFS_SPEC_LINE = /^version (?:https:\/\/(?:git-lfs|hawser)\.github\.com\/spec\/v1|http:\/\/git-media\.io\/v\/2)\r?\n/

export function overLimit(size: number, maxFileBytes: number): string {
  return `${size} bytes is over the ${maxFileBytes}-byte limit`
}

function extractAll(file: SourceFile, extractors: readonly Extractor[]): Extraction {
  const out: Required<Extraction> = { declarations: [], diagnostics: [], usages: [], links: [], providers: [], distros: [], deploys: [], uses: [], values: [], keyed: [], unknowns: [], objects: [], overlays: [], charts: [] }
  const diagnostics = new Map<string, Diagnostic>()
  for (const extractor of extractors) {
    try {
      const result = extractor.extract(file)
      // One by one: `push(...list)` passes every item as an argument, and a file of a few
      // hundred thousand declarations overflowed the stack (and hid its versions).
      append(out.declarations, result.declarations)
      append(out.usages, result.usages)
      append(out.links, result.links)
      append(out.providers, result.providers)
      append(out.distros, result.distros)
      append(out.deploys, result.deploys)
      append(out.uses, result.uses)
      append(out.values, result.values)
      append(out.keyed, result.keyed)
      append(out.unknowns, result.unknowns)
      append(out.objects, result.objects)
      append(out.overlays, result.overlays)
      append(out.charts, result.charts)
      // Extractors of the same file see the same parse errors; report each once.
      for (const diagnostic of result.diagnostics) diagnostics.set(diagnosticKey(diagnostic), diagnostic)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      diagnostics.set(`${file.path}:${extractor.id}`, { file: file.path, message: `${extractor.id} could not read this file: ${message}` })
    }
  }
  out.diagnostics = [...diagnostics.values()]
  if (out.declarations.length > MAX_DECLARATIONS_PER_FILE) capDeclarations(file.path, out)
  return out
}

/**
 * Past this many declarations in one file, each distinct declaration (component, role, distro,
 * version, group, source) is kept at its first place only: eight 7 MB values files of 150,000
 * name/value pairs each (126 distinct versions) cost more than two minutes to pair and judge
 * (redteam D12). Every distinct version is still judged, so no error is lost; past this many
 * distinct ones, the rest are not read, and a warning says so either way.
 */
export const MAX_DECLARATIONS_PER_FILE = 10_000

function capDeclarations(path: string, out: Required<Extraction>): void {
  const total = out.declarations.length
  const distinct = new Map<string, Declaration>()
  for (const declaration of out.declarations) {
    const { component, role, distro, version, constraint, implied, group, source, confidence } = declaration
    const key = JSON.stringify([component, role, distro, version, constraint, implied, group, source, confidence])
    if (!distinct.has(key)) distinct.set(key, declaration)
  }
  const kept = [...distinct.values()]
  out.declarations = kept.slice(0, MAX_DECLARATIONS_PER_FILE)
  const message =
    kept.length > MAX_DECLARATIONS_PER_FILE
      ? `skipped in part: ${total} versions declared, ${kept.length} of them distinct, past the ${MAX_DECLARATIONS_PER_FILE} a file is read for: the first ${MAX_DECLARATIONS_PER_FILE} distinct ones are judged, the rest not read`
      : `${total} versions declared, past the ${MAX_DECLARATIONS_PER_FILE} a file is read for in full: each of its ${kept.length} distinct versions is judged at its first place`
  out.diagnostics.push({ file: path, message, warning: true })
}

/**
 * The text of a file: UTF-8, or UTF-16 when a byte order mark says so (Windows PowerShell
 * writes UTF-16 by default). A BOM is not part of the text; invalid UTF-8 becomes U+FFFD
 * rather than an error. Undefined for binary content.
 */
function decode(bytes: Buffer): ReadText | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), invalidUtf8: false }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), invalidUtf8: false }
  const sample = bytes.subarray(0, 8000)
  if (sample.includes(0) && looksBinary(sample, bytes)) return undefined
  // A NUL in otherwise plain text (bash and make skip it) is read as U+FFFD: same offsets, still a text file.
  const text = bytes.toString('utf8').replaceAll('\u0000', '\uFFFD')
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, invalidUtf8: text.includes('\uFFFD') && !isUtf8(bytes) }
}

/**
 * Content with a NUL byte is binary unless it is otherwise text: valid UTF-8, no other control
 * bytes than tab, line ends, form feed and ESC, and NULs a small share of the first bytes (UTF-16
 * without a byte order mark is half NULs). A NUL in a trailing comment used to hide a script.
 */
function looksBinary(sample: Buffer, bytes: Buffer): boolean {
  let nuls = 0
  for (const byte of sample) {
    if (byte === 0) nuls++
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) return true
  }
  return nuls * 4 > sample.length || !isUtf8(bytes)
}

/** Diagnostics with the same place and message are one. */
export function diagnosticKey(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line ?? ''}:${diagnostic.column ?? ''}:${diagnostic.message}`
}

function append<T>(target: T[], items: readonly T[] | undefined): void {
  if (items) for (const item of items) target.push(item)
}
