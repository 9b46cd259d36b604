import ignore from 'ignore'
import type { Declaration, Diagnostic, GroupLink, Location, UnknownVersion, Usage } from '../model.js'
import type { Discovery } from './discover.js'
import type { ChartFacts, DistroChoice, Extractor, KustomizeOverlay, PatchableObject, PatchFragment } from './extractors/extractor.js'
import { readPatchFiles } from './kustomize-patch-files.js'
import { extractorsFor } from './extractors/index.js'
import { vclusterValues } from './extractors/vcluster-values.js'
import { keptUnknowns, preferExact } from './detectors/prefer-exact.js'
import { dirnameOf } from './paths.js'
import { resolveNamedUses } from './named-values.js'
import { resolveKeyedUses } from './keyed-values.js'
import { diagnosticKey, extractText, overLimit, readText, scanFile, type FileScan } from './file-scan.js'
import { directorySource, type TreeSource } from './tree-source.js'
import { DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING, MAX_TOTAL_BYTES } from './limits.js'

export interface ScanOptions {
  maxFileBytes?: number
  extractors?: readonly Extractor[]
  /** Only files matching one of these (gitignore-style globs) are read; default all. */
  include?: readonly string[]
  /** Files and directories matching one of these (gitignore-style globs) are never read. */
  exclude?: readonly string[]
  /**
   * The only apiVersions whose use is recorded (those the database names); undefined records
   * every one. Applies to the default extractors, not to `extractors`.
   */
  apiVersions?: ReadonlySet<string>
  /** Where the files come from; the directory `root` by default. */
  source?: TreeSource
  /** Whether `.gitignore` files apply: false for a commit written out from git or an archive (see DiscoverOptions). */
  gitignore?: boolean
  /** The bytes read in one tree before the rest is skipped; `MAX_TOTAL_BYTES`, and never more (tests set less). */
  maxTotalBytes?: number
  /** Called every few files and once after the last: see `GateOptions.checkpoint`. */
  checkpoint?: () => void
}

export interface ScanResult {
  declarations: Declaration[]
  diagnostics: Diagnostic[]
  /** What manifests use (APIs, pod features, feature gates). */
  usages: Usage[]
  filesScanned: number
  /** Releases that take values from other files or ConfigMaps (for the resolve stage). */
  links: GroupLink[]
  /** Distros that values or chart names pick without a version (for the release default). */
  distros: LocatedDistroChoice[]
  /** Groups that install the vcluster chart. */
  deploys: string[]
  /** Versions that files set but that cannot be read. */
  unknowns: UnknownVersion[]
  /** Objects a kustomize patch can select (set when there are some). */
  objects?: PatchableObject[]
  /** Kustomizations with their patches read (set when there are some). */
  overlays?: KustomizeOverlay<PatchFragment>[]
  /** Helm charts that vendor, depend on or are a vcluster chart (set when there are some). */
  charts?: ChartFacts[]
}

/** A scan with the walk and what each listed file gave: what a base derived from it reuses. */
export interface TreeScan {
  result: ScanResult
  discovery: Discovery
  fileScans: ReadonlyMap<string, FileScan>
}

export type LocatedDistroChoice = DistroChoice & { file: string }

export { DEFAULT_MAX_FILE_BYTES }

/** Files between two checkpoints: about three hundred at 20,000 files. */
const FILES_PER_CHECKPOINT = 64

/**
 * Finds every declared version under `root`. A file that cannot be read or parsed becomes
 * a diagnostic; it never stops the scan or hides what other files declare. After every file
 * is read, the values files and ConfigMaps that releases point to are read and linked; what
 * goes with what is decided by the resolve stage (src/resolve).
 */
export async function scanRepository(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  return (await scanTree(root, options)).result
}

/** A file not read, with the warning that says why. */
function skippedFile(path: string, message: string): FileScan {
  return { path, extraction: { declarations: [], diagnostics: [{ file: path, message, warning: true }] }, readAsValues: false }
}

/** `scanRepository`, keeping the walk and the per-file results. */
export async function scanTree(root: string, options: ScanOptions = {}): Promise<TreeScan> {
  const extractors = options.extractors ?? extractorsFor(options.apiVersions)
  const maxFileBytes = Math.min(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING)
  const filter = pathFilter(options)
  // The extractors that accept each listed path, worked out once while walking.
  const accepting = new Map<string, readonly Extractor[]>()
  const readersOf = pathReaders(extractors)
  const source = options.source ?? directorySource(root)
  const discovery = source.discover({
    maxFileBytes,
    skip: filter.excluded,
    ...(options.gitignore === false ? { gitignore: false } : {}),
    wanted: (path) => {
      if (!filter.included(path)) return false
      const readers = readersOf(path)
      if (readers.length > 0) accepting.set(path, readers)
      return readers.length > 0
    }
  })
  const maxTotalBytes = Math.min(options.maxTotalBytes ?? MAX_TOTAL_BYTES, MAX_TOTAL_BYTES)
  let total = 0
  const scans = withoutAliases(discovery).map((file, index): FileScan => {
    if (index % FILES_PER_CHECKPOINT === 0) options.checkpoint?.()
    const reused = source.reuse?.(file.path)
    if (reused) return reused
    if (total >= maxTotalBytes) return skippedFile(file.path, `skipped: the files read before it add up to ${total} bytes, past the ${maxTotalBytes}-byte limit of one run`)
    const bytes = source.read(file, maxFileBytes)
    if (bytes.ok) total += bytes.bytes.length
    return scanFile(file.path, bytes, accepting.get(file.path) ?? [], maxFileBytes)
  })

  options.checkpoint?.()
  const named: FileScan = { path: '', extraction: resolveNamedUses(scans.map((scan) => scan.extraction)), readAsValues: false }
  const linked = readLinkedValues(source, scans, { maxFileBytes, excluded: filter.excluded })
  const keyed: FileScan = { path: '', extraction: resolveKeyedUses(scans.map((scan) => scan.extraction), new Set(scans.map((scan) => scan.path)), source, maxFileBytes), readAsValues: false }
  const all = [...scans, named, keyed, ...linked.scans]
  const preferred = preferExact(
    all.flatMap((scan) => scan.extraction.declarations),
    all.flatMap((scan) => scan.extraction.diagnostics),
    all.flatMap((scan) => scan.extraction.unknowns ?? [])
  )
  const declarations = uniqueDeclarations(preferred.declarations)
  const distros: LocatedDistroChoice[] = all.flatMap((scan) =>
    (scan.extraction.distros ?? []).map((choice) => ({ ...choice, file: scan.path }))
  )
  const objects = all.flatMap((scan) => scan.extraction.objects ?? [])
  const charts = all.flatMap((scan) => scan.extraction.charts ?? [])
  const overlays = readPatchFiles(source, all.flatMap((scan) => scan.extraction.overlays ?? []), { maxFileBytes, excluded: filter.excluded })
  const result: ScanResult = {
    declarations: declarations.sort(byPosition),
    diagnostics: unique([...discovery.diagnostics, ...preferred.diagnostics, ...linked.diagnostics]),
    usages: all.flatMap((scan) => scan.extraction.usages ?? []),
    filesScanned: discovery.filesSeen,
    links: linked.links,
    distros,
    deploys: [...new Set(all.flatMap((scan) => scan.extraction.deploys ?? []))],
    unknowns: uniqueUnknowns(
      [...keptUnknowns(all.flatMap((scan) => scan.extraction.unknowns ?? []), preferred.diagnostics), ...linked.unknowns, ...unreadableValues(scans)],
      declarations
    ),
    ...(objects.length > 0 ? { objects } : {}),
    ...(overlays.length > 0 ? { overlays } : {}),
    ...(charts.length > 0 ? { charts } : {})
  }
  return { result, discovery, fileScans: new Map(scans.map((scan) => [scan.path, scan])) }
}

/**
 * The files to read, without a symbolic link to a file of the same directory that is read
 * anyway (`values.yaml -> values-k3s.yaml`): another name for the same file is not a second
 * declaration. A link from another directory is kept: there it gives that directory its values.
 */
function withoutAliases(discovery: Discovery): Discovery['files'] {
  if (discovery.linked.size === 0) return discovery.files
  const read = new Set(discovery.files.map((file) => file.path))
  return discovery.files.filter((file) => {
    const target = discovery.linked.get(file.path)
    return target === undefined || !read.has(target) || dirnameOf(target) !== dirnameOf(file.path)
  })
}

/**
 * The extractors (in their order) that accept a path. Extractors that share a path test are
 * asked once: most of them read every YAML file, and twenty tests of each of a monorepo's
 * paths were a noticeable part of the walk. The answers make a bit mask, and each mask's list
 * of extractors is made once: a path costs its tests and no arrays.
 */
function pathReaders(extractors: readonly Extractor[]): (path: string) => readonly Extractor[] {
  const tests = [...new Set(extractors.map((extractor) => extractor.accepts))]
  if (tests.length > 31) throw new Error('more distinct path tests than bits in a mask')
  const readersByMask = new Map<number, readonly Extractor[]>()
  return (path) => {
    let mask = 0
    for (let index = 0; index < tests.length; index++) if (tests[index]!(path)) mask |= 1 << index
    let readers = readersByMask.get(mask)
    if (readers === undefined) {
      readers = extractors.filter((extractor) => (mask & (1 << tests.indexOf(extractor.accepts))) !== 0)
      readersByMask.set(mask, readers)
    }
    return readers
  }
}

interface PathFilter {
  included: (path: string) => boolean
  excluded: (path: string, isDirectory: boolean) => boolean
}

/** include/exclude globs with .gitignore semantics (the `ignore` package), as users know them. */
function pathFilter(options: ScanOptions): PathFilter {
  const include = options.include?.length ? ignore().add([...options.include]) : undefined
  const exclude = options.exclude?.length ? ignore().add([...options.exclude]) : undefined
  return {
    included: (path) => include === undefined || include.ignores(path),
    excluded: (path, isDirectory) => exclude !== undefined && exclude.ignores(isDirectory ? `${path}/` : path)
  }
}

/**
 * Turns what extractors said about values elsewhere into group links, reading each
 * referenced values file that the first pass did not read as vcluster values (its name or
 * content did not look like one). Paths outside the scanned root are never read.
 */
function readLinkedValues(
  source: TreeSource,
  scans: readonly FileScan[],
  limits: { maxFileBytes: number; excluded: PathFilter['excluded'] }
): { links: GroupLink[]; scans: FileScan[]; diagnostics: Diagnostic[]; unknowns: UnknownVersion[] } {
  const providers = new Map<string, { files: string[]; groups: string[] }>()
  for (const scan of scans) {
    for (const provider of scan.extraction.providers ?? []) {
      const entry = providers.get(provider.ref) ?? { files: [], groups: [] }
      entry.files.push(...(provider.files ?? []))
      if (provider.group !== undefined) entry.groups.push(provider.group)
      providers.set(provider.ref, entry)
    }
  }
  const readAsValues = new Set(scans.filter((scan) => scan.readAsValues).map((scan) => scan.path))
  const links: GroupLink[] = []
  const extra: FileScan[] = []
  const diagnostics: Diagnostic[] = []
  const unknowns: UnknownVersion[] = []
  // A values file that a release names but that cannot be read leaves the release's virtual version unknown.
  const unreadable = (group: string, from: Location, path: string, reason: string): void => {
    unknowns.push({ component: 'kubernetes', role: 'virtual', file: from.file, line: from.line, column: from.column, raw: path, reason, cause: 'unreadable', group })
  }
  for (const scan of scans) {
    for (const link of scan.extraction.links ?? []) {
      const target = link.target
      const files = 'file' in target ? [target.file] : (providers.get(target.ref)?.files ?? [])
      if ('ref' in target) {
        for (const memberGroup of providers.get(target.ref)?.groups ?? []) links.push({ group: link.group, memberGroup })
      }
      for (const path of files) {
        if (limits.excluded(path, false)) continue
        if (!readAsValues.has(path)) {
          const read = readValuesFile(source, path, limits.maxFileBytes)
          if (read === undefined) {
            unreadable(link.group, link.from, path, `values file ${path} is not in the repository`)
            continue
          }
          if ('message' in read) {
            diagnostics.push({ ...link.from, message: read.message })
            unreadable(link.group, link.from, path, read.message)
            continue
          }
          readAsValues.add(path)
          extra.push(read)
        }
        links.push({ group: link.group, file: path, from: link.from })
      }
    }
  }
  return { links, scans: extra, diagnostics, unknowns }
}

/**
 * One unknown per place and slot: two readers (or two readings) of one unreadable value are one
 * unknown, and a place where a reader did read the version (a lenient reading of values that do
 * not parse further down) is not unknown.
 */
function uniqueUnknowns(unknowns: readonly UnknownVersion[], declarations: readonly Declaration[]): UnknownVersion[] {
  const read = new Set(declarations.map((d) => `${d.file}:${d.line}:${d.component}:${d.role ?? ''}`))
  const seen = new Set<string>()
  return unknowns.filter((u) => {
    if (read.has(`${u.file}:${u.line}:${u.component}:${u.role ?? ''}`)) return false
    const key = `${u.file}:${u.line}:${u.column}:${u.component}:${u.role ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A file named like vcluster values that cannot be read at all (permissions, size, binary): its version is unknown. */
function unreadableValues(scans: readonly FileScan[]): UnknownVersion[] {
  return scans.flatMap((scan) => {
    const unread = scan.extraction.declarations.length === 0 && scan.extraction.diagnostics.find((d) => d.file === scan.path && d.line === undefined)
    if (!unread || !VALUES_NAME.test(scan.path)) return []
    return [{ component: 'kubernetes' as const, role: 'virtual' as const, file: scan.path, line: 1, column: 1, raw: '', reason: unread.message, cause: 'unreadable' as const, group: dirnameOf(scan.path) }]
  })
}

const VALUES_NAME = /(?:^|\/)(?:vcluster|values)[^/]*\.ya?ml$/

/** Reads one file as vcluster values; undefined when it does not exist in the repository. */
function readValuesFile(source: TreeSource, path: string, maxFileBytes: number): FileScan | { message: string } | undefined {
  const resolved = source.resolve(path)
  if (!resolved.ok) return resolved.reason === 'missing' ? undefined : { message: `values file ${path} not read: ${resolved.reason}` }
  const tooLarge = (size: number): string => `values file ${path} not read: ${overLimit(size, maxFileBytes)}`
  if (resolved.size > maxFileBytes) return { message: tooLarge(resolved.size) }
  const read = readText(path, source.readResolved(path, resolved.absolute, maxFileBytes), tooLarge)
  if (!('text' in read)) return { path, extraction: read, readAsValues: true }
  return { path, extraction: extractText(path, read, [vclusterValues]), readAsValues: true }
}

/** Reading order: by file, line and column; an implied default after the version it is implied from. */
export function byPosition(a: Declaration, b: Declaration): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || Number(a.implied ?? false) - Number(b.implied ?? false)
}

/** A workflow `env` value used by two steps of one job is one declaration, not two. */
function uniqueDeclarations(declarations: Declaration[]): Declaration[] {
  const seen = new Set<string>()
  return declarations.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.component}:${d.role ?? ''}:${d.group ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...new Map(diagnostics.map((diagnostic) => [diagnosticKey(diagnostic), diagnostic])).values()]
}

