import type * as ChildProcess from 'node:child_process'
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs'
import { isAbsolute, join, posix, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import type { Diagnostic } from '../model.js'
import { readFileBytes } from './read-file.js'
import { MAX_GITIGNORE_BYTES } from './limits.js'

export interface DiscoverOptions {
  /** A `.gitignore` larger than this is not read (the scan applies the limit to the files it reads). */
  maxFileBytes: number
  /** Only paths for which this returns true are listed (cheap, path-only test). */
  wanted: (path: string) => boolean
  /** Paths never entered or counted (user `exclude` globs). */
  skip?: (path: string, isDirectory: boolean) => boolean
  /**
   * Whether `.gitignore` files apply (default true). False for a commit written out from git or
   * an archive: every file of a commit is tracked, and `.gitignore` only hides untracked files.
   */
  gitignore?: boolean
}

/** Its size is checked when it is read (on the opened file), not here: one stat per file less. */
export interface DiscoveredFile {
  /** Repository-relative, `/`-separated. */
  path: string
  absolute: string
}

export interface Discovery {
  files: DiscoveredFile[]
  /** Every regular file seen (wanted or not), for the report's `filesScanned`. */
  filesSeen: number
  /**
   * The paths counted in `filesSeen`, in walk order, and the symbolic links among them with
   * the file each leads to (relative to the root): what a base derived from this walk needs
   * (src/commits/derived-base.ts). A path string the walk makes anyway; about 1 ms on 20,000 files.
   */
  seen: string[]
  linked: Map<string, string>
  diagnostics: Diagnostic[]
  /** Folders never entered because of their name (`vendor`, `.terraform`, `node_modules`), relative to the root. */
  skippedFolders: string[]
}

/** Never worth reading, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', 'vendor', '.terraform'])

/**
 * Walks the tree once, honouring `.gitignore` files at every level, and lists the files
 * an extractor might read. Symbolic links are followed only to files inside the root;
 * linked directories are not entered, so loops and escapes are impossible. The I/O is
 * synchronous: one listing per directory, no promise per entry.
 */
export function discover(root: string, options: DiscoverOptions): Discovery {
  const realRoot = realpathSync.native(root)
  const result: Discovery = { files: [], filesSeen: 0, seen: [], linked: new Map(), diagnostics: [], skippedFolders: [] }
  let tracked: Tracked | undefined | null = null
  const walk: Walk = { options, realRoot, tracked: () => (tracked === null ? (tracked = trackedFiles(realRoot)) : tracked), trackedRead: () => tracked !== null, patternTests: 0 }
  // Depth first, as a recursion would go, but with an explicit stack: a deep tree cannot exhaust the call stack.
  const pending: PendingDirectory[] = [{ absolute: realRoot, path: '', ignores: [] }]
  for (let next = pending.pop(); next; next = pending.pop()) {
    pending.push(...listDirectory(next, result, walk).reverse())
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const path of submodulesNotCheckedOut(realRoot, options)) result.diagnostics.push({ file: path, message: SUBMODULE_NOT_READ, warning: true })
  return result
}

export const SUBMODULE_NOT_READ = 'skipped: a git submodule whose files are not in the checkout (submodule not read; check out with `submodules: true` to read it)'

/**
 * The submodules `.gitmodules` names under the root whose folder is missing or empty: a checkout
 * without `submodules: true`, or an archive, holds nothing there, yet a deployment that clones
 * recursively deploys what they hold. A pull request turned its declaring folder into a submodule
 * and its versions read as "fixed" (redteam G04, G05). A gitlink that `.gitmodules` does not
 * name cannot be cloned, so it deploys nothing. Git reads only the top-level `.gitmodules`.
 */
function submodulesNotCheckedOut(realRoot: string, options: DiscoverOptions): string[] {
  const file = join(realRoot, '.gitmodules')
  const stats = lstatOrUndefined(file)
  if (!stats?.isFile()) return []
  const read = readFileBytes(file, MAX_GITMODULES_BYTES)
  if (!read.ok) return []
  const paths: string[] = []
  for (const match of read.bytes.toString('utf8').matchAll(/^[ \t]*path[ \t]*=[ \t]*(.*?)[ \t]*$/gm)) {
    const path = posix.normalize(match[1]!.replace(/^"(.*)"$/, '$1')).replace(/\/+$/, '')
    if (path === '.' || path.startsWith('../') || posix.isAbsolute(path) || options.skip?.(path, true) || paths.includes(path)) continue
    if (!hasEntries(join(realRoot, ...path.split('/')))) paths.push(path)
  }
  return paths.sort()
}

const MAX_GITMODULES_BYTES = 64 * 1024

function hasEntries(absolute: string): boolean {
  try {
    return readdirSync(absolute).length > 0
  } catch {
    return false
  }
}

interface ScopedIgnore {
  /** Directory (relative, `/`-separated, '' for the root) the .gitignore lives in. */
  base: string
  rules: Ignore
  /** How many patterns it holds. */
  patterns: number
}

/** Past this many `.gitignore` patterns above a directory, git's list of tracked files is asked before the patterns. */
const MANY_PATTERNS = 200

interface PendingDirectory {
  absolute: string
  /** Relative, `/`-separated, '' for the root. */
  path: string
  /** The rules of every .gitignore above it. */
  ignores: ScopedIgnore[]
}

interface Walk {
  options: DiscoverOptions
  realRoot: string
  /**
   * In a git work tree: the tracked files and their directories (read even when a `.gitignore`
   * names them). Asked only under a `.gitignore`, so a tree without one starts no process.
   */
  tracked: () => Tracked | undefined
  /** Whether `tracked` has been asked already (git's list is read at most once, and only when needed). */
  trackedRead: () => boolean
  /** Pattern tests made so far where git could not answer; past `MAX_PATTERN_TESTS` no `.gitignore` applies. */
  patternTests: number
}

/**
 * Outside a git work tree each `.gitignore` pattern is tried on each path below it. Past this
 * many tries (a few seconds of wildcard patterns) the rest of the walk applies none and reads
 * what they would hide, saying so: reading more is slower but never hides a declaration.
 */
export const MAX_PATTERN_TESTS = 3_000_000

interface Tracked {
  files: ReadonlySet<string>
  directories: ReadonlySet<string>
}

/**
 * The files git tracks (`git ls-files --cached`), relative to `root`, and their directories;
 * undefined when `root` is not in a git work tree. A `.gitignore` only keeps untracked files
 * out of git: a pull request that adds one naming its tracked declaring file must not hide that
 * file from the gate. Only paths a `.gitignore` names are looked up here, so every tracked file
 * gives the same answers as the tracked files git finds ignored (`--ignored --exclude-standard`),
 * which git works out by reading the ignore files of every directory of the index: on the
 * benchmark's 20,000 files that took 0.15 s of wall time on an idle machine and up to 1.1 s
 * under load, against 0.04 s and 0.2-0.3 s for the plain listing.
 */
function trackedFiles(root: string): Tracked | undefined {
  let listing: string
  try {
    // Loaded here, not imported: most scans never need git, and the CLI promises to start no process without --base.
    const { execFileSync } = process.getBuiltinModule('node:child_process') as typeof ChildProcess
    listing = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 })
  } catch {
    return undefined
  }
  const files = new Set(listing.split('\0').filter(Boolean))
  const directories = new Set<string>()
  for (const file of files) {
    // Parents from the deepest up: a directory already known has its own parents known too.
    for (let at = file.lastIndexOf('/'); at !== -1; at = file.lastIndexOf('/', at - 1)) {
      const directory = file.slice(0, at)
      if (directories.has(directory)) break
      directories.add(directory)
    }
  }
  return { files, directories }
}

/** Lists one directory into `result`; returns its subdirectories to walk, in listing order. */
function listDirectory(directory: PendingDirectory, result: Discovery, walk: Walk): PendingDirectory[] {
  const { options, realRoot } = walk
  const { absolute: absoluteDir, path: relativeDir } = directory
  // Under many patterns, tracked first: a set lookup, where the rules cost each pattern on each
  // path (a 127 KiB .gitignore of 4,000 wildcard patterns over 3,000 tracked files took 90 s,
  // redteam H09). Under few, the rules first, so a tree whose .gitignore names nothing tracked
  // starts no git process. Outside a git work tree the rules decide alone.
  const isTracked = (path: string, isDirectory: boolean): boolean | undefined => (isDirectory ? walk.tracked()?.directories : walk.tracked()?.files)?.has(path)
  const ignored = (path: string, isDirectory: boolean): boolean => {
    if (ignores.length === 0 || walk.patternTests > MAX_PATTERN_TESTS) return false
    // Once git's list is read (a pattern matched a path before), a tracked path is read whatever the
    // patterns say: a set lookup instead of every pattern of every .gitignore above it. On the
    // benchmark tree the list is read at its first entry (/.bench-tree.json): the walk alone went
    // from 0.40 to 0.30 s of CPU on Node 24 and 0.51 to 0.40 s on Node 20 (medians of 5 fresh runs).
    if (walk.trackedRead() && isTracked(path, isDirectory)) return false
    if (patterns > MANY_PATTERNS) {
      if (isTracked(path, isDirectory)) return false
      if (walk.tracked() === undefined && (walk.patternTests += patterns) > MAX_PATTERN_TESTS) {
        result.diagnostics.push({ file: relativeDir || '.', message: `.gitignore not applied from here on: outside a git work tree its patterns were tried ${MAX_PATTERN_TESTS} times (the files they name are read)`, warning: true })
        return false
      }
      return isIgnored(ignores, path, isDirectory)
    }
    return isIgnored(ignores, path, isDirectory) && !isTracked(path, isDirectory)
  }
  let entries: Dirent[]
  try {
    entries = listing(absoluteDir)
  } catch (error) {
    result.diagnostics.push({ file: relativeDir || '.', message: `cannot read directory: ${reason(error)}` })
    return []
  }
  const ignores = [...directory.ignores]
  let patterns = directory.ignores.reduce((sum, scope) => sum + scope.patterns, 0)
  const gitignore = options.gitignore === false ? undefined : entries.find((entry) => entry.name === '.gitignore')
  const local = gitignore && readGitignore(gitignore, childOf(absoluteDir, gitignore.name), realRoot, options.maxFileBytes)
  if (local && 'size' in local) {
    result.diagnostics.push({ file: relativeDir ? `${relativeDir}/.gitignore` : '.gitignore', message: `not applied: ${local.size} bytes is over the ${MAX_GITIGNORE_BYTES}-byte limit for a .gitignore (the files it names are read)`, warning: true })
  } else if (local) {
    ignores.push({ base: relativeDir, rules: local.rules, patterns: local.patterns })
    patterns += local.patterns
  }

  const subdirectories: PendingDirectory[] = []
  for (const entry of entries) {
    const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name)) {
        if (entry.name !== '.git' && !options.skip?.(path, true)) result.skippedFolders.push(path)
        continue
      }
      if (ignored(path, true) || options.skip?.(path, true)) continue
      if (hasUndecodableName(entry.name)) {
        result.diagnostics.push({ file: path, message: UNDECODABLE_NAME })
        continue
      }
      subdirectories.push({ absolute: childOf(absoluteDir, entry.name), path, ignores })
      continue
    }
    if (ignored(path, false) || options.skip?.(path, false)) continue
    if (hasUndecodableName(entry.name)) {
      if (options.wanted(path)) result.diagnostics.push({ file: path, message: UNDECODABLE_NAME })
      continue
    }
    if (entry.isSymbolicLink()) {
      const target = linkedFileInside(childOf(absoluteDir, entry.name), realRoot)
      if (!target.ok) {
        // A file or folder not read could change the verdict (red-team S03: a declaring folder linked out of `path`).
        if (options.wanted(path) || target.unscannedDirectory) result.diagnostics.push({ file: path, message: target.reason, warning: true })
        continue
      }
      result.linked.set(path, target.target)
    } else if (!entry.isFile()) {
      // A FIFO would block a reader forever; sockets and devices are not repository content.
      if (options.wanted(path)) result.diagnostics.push({ file: path, message: NOT_REGULAR })
      continue
    }
    result.filesSeen++
    result.seen.push(path)
    if (!options.wanted(path)) continue
    result.files.push({ path, absolute: childOf(absoluteDir, entry.name) })
  }
  return subdirectories
}

/**
 * The absolute path of a directory entry: the directory is already absolute and normal (from
 * `realpath`), and a name holds no separator, so `path.join`'s normalising is not needed for
 * each of the tens of thousands of entries.
 */
function childOf(absoluteDir: string, name: string): string {
  return absoluteDir.endsWith(sep) ? `${absoluteDir}${name}` : `${absoluteDir}${sep}${name}`
}

/**
 * The entries of a directory, sorted by name (libuv's scandir sorts them), so diagnostics come
 * in the same order on every machine; one call per directory, no promise per entry.
 */
function listing(absoluteDir: string): Dirent[] {
  return readdirSync(absoluteDir, { withFileTypes: true })
}

export const NOT_REGULAR = 'skipped: not a regular file (a FIFO, socket or device)'

/**
 * A name that is not UTF-8 reaches us with U+FFFD in place of its bytes, and that name does
 * not exist on disk: say so instead of a puzzling ENOENT.
 */
const UNDECODABLE_NAME = 'skipped: the name is not valid UTF-8 (rename it)'

function hasUndecodableName(name: string): boolean {
  return name.includes('\uFFFD')
}

function isIgnored(ignores: ScopedIgnore[], path: string, isDirectory: boolean): boolean {
  for (const { base, rules } of ignores) {
    const within = base ? path.slice(base.length + 1) : path
    if (rules.ignores(isDirectory ? `${within}/` : within)) return true
  }
  return false
}

/**
 * A `.gitignore` is read only when it is a regular file inside the root and within the size
 * limit: a FIFO there would block the scan forever and a link to `/dev/zero` would never end.
 */
function readGitignore(entry: Pick<Dirent, 'isSymbolicLink' | 'isFile'>, path: string, realRoot: string, maxBytes: number): { rules: Ignore; patterns: number } | { size: number } | undefined {
  if (entry.isSymbolicLink() ? !linkedFileInside(path, realRoot).ok : !entry.isFile()) return undefined
  const read = readFileBytes(path, Math.min(maxBytes, MAX_GITIGNORE_BYTES))
  if (!read.ok) return 'size' in read ? { size: read.size } : undefined
  const text = read.bytes.toString('utf8')
  return { rules: ignore().add(text), patterns: text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length }
}

/**
 * Whether the walk of `root` would count `path` as a file it saw, if a regular file were there:
 * no directory on the way is always skipped, ignored by a `.gitignore` or excluded, and the file
 * itself is not. Asked about files that are not on disk (a file the head deleted, for a base
 * derived from the head's walk: src/commits/derived-base.ts); the `.gitignore` files on the way
 * are read from `root` once each.
 */
export function walkWouldSee(root: string, options: Pick<DiscoverOptions, 'maxFileBytes' | 'skip'>): (path: string) => boolean {
  const realRoot = realpathSync.native(root)
  const ignoresOf = new Map<string, ScopedIgnore[]>()
  const scopeOf = (dir: string, above: ScopedIgnore[]): ScopedIgnore[] => {
    let scope = ignoresOf.get(dir)
    if (scope === undefined) {
      const file = join(realRoot, ...(dir ? dir.split('/') : []), '.gitignore')
      const stats = lstatOrUndefined(file)
      const rules = stats && readGitignore(stats, file, realRoot, options.maxFileBytes)
      scope = rules && !('size' in rules) ? [...above, { base: dir, ...rules }] : above
      ignoresOf.set(dir, scope)
    }
    return scope
  }
  return (path) => {
    const names = path.split('/')
    let ignores = scopeOf('', [])
    for (let depth = 1; depth < names.length; depth++) {
      const dir = names.slice(0, depth).join('/')
      const name = names[depth - 1]!
      if (ALWAYS_SKIPPED.has(name) || isIgnored(ignores, dir, true) || options.skip?.(dir, true) || hasUndecodableName(name)) return false
      ignores = scopeOf(dir, ignores)
    }
    return !isIgnored(ignores, path, false) && !options.skip?.(path, false) && !hasUndecodableName(names[names.length - 1]!)
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

type LinkCheck = { ok: true; target: string } | { ok: false; reason: string; unscannedDirectory?: true }

/**
 * Follows a symbolic link only to a regular file inside the root. A linked directory is never
 * entered (loops and escapes are impossible); one that leads out of the root is reported
 * whatever its name, since what it holds goes unchecked.
 */
function linkedFileInside(absolute: string, realRoot: string): LinkCheck {
  let target: string
  try {
    target = realpathSync.native(absolute)
  } catch (error) {
    const code = reason(error)
    if (code === 'ELOOP') return { ok: false, reason: 'skipped: symbolic link loop' }
    if (code === 'ENOENT') return { ok: false, reason: 'skipped: symbolic link to a missing file' }
    return { ok: false, reason: `skipped: symbolic link cannot be followed (${code})` }
  }
  const stats = statSafe(target)
  const inside = relative(realRoot, target)
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return { ok: false, reason: 'skipped: symbolic link points outside the scanned directory', ...(stats?.isDirectory() ? { unscannedDirectory: true as const } : {}) }
  }
  if (stats?.isDirectory()) return { ok: false, reason: 'skipped: symbolic link to a directory is not followed' }
  if (!stats?.isFile()) return { ok: false, reason: 'skipped: symbolic link to something that is not a regular file' }
  return { ok: true, target: inside.split(sep).join('/') }
}

/**
 * A repository-relative path named by another file (a values file a release points to),
 * checked to stay inside the root, also through symbolic links.
 */
export function resolveInsideRoot(root: string, path: string): { ok: true; absolute: string; size: number } | { ok: false; reason: string } {
  const normalised = posix.normalize(path)
  if (normalised.startsWith('../') || normalised === '..' || posix.isAbsolute(normalised)) {
    return { ok: false, reason: 'the path leaves the scanned directory' }
  }
  const realRoot = realpathSync.native(root)
  const absolute = join(realRoot, ...normalised.split('/'))
  const stats = statSafe(absolute)
  if (!stats) return { ok: false, reason: 'missing' }
  const inside = linkedFileInside(absolute, realRoot)
  if (!inside.ok) return { ok: false, reason: inside.reason.replace(/^skipped: /, '') }
  return { ok: true, absolute, size: stats.size }
}

function statSafe(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code ?? (error instanceof Error ? error.message : String(error))
}
