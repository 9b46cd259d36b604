import { spawn } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { resolveInsideRoot, walkWouldSee, type Discovery, type DiscoveredFile } from '../scan/discover.js'
import { readFileBytes, type FileBytes } from '../scan/read-file.js'
import type { FileScan } from '../scan/file-scan.js'
import type { TreeScan } from '../scan/scan.js'
import type { ResolvedPath, TreeSource } from '../scan/tree-source.js'
import { runTool, type CommitTree } from './commit-tree.js'

/** A commit of the repository whose work tree holds the scanned head. */
export interface BaseCommit {
  /** The work tree's top directory. */
  top: string
  sha: string
  /**
   * Set when the checkout does not have the commit (a shallow checkout): the change and the
   * touched files' base content as the REST API gave them (src/github/api-base.ts).
   */
  remote?: RemoteChange
}

/** A change between a base commit the checkout lacks and the checkout's HEAD, read through the REST API. */
export interface RemoteChange {
  /** The touched paths, relative to the scanned directory. */
  changes: ReadonlyMap<string, Change>
  /** The base content of every touched path the base has (`M` and `D`). */
  bytes: ReadonlyMap<string, Buffer>
  /** How many requests it took, for the log. */
  requests: number
  /** The whole base commit on disk (its tarball), when the base cannot be derived after all. */
  fullTree(): Promise<CommitTree>
}

/** The base's files, or why they must be scanned in full. */
export type DerivedBase =
  | {
      source: TreeSource
      /** How many files the change touched (read from git objects, or gone from the base). */
      changedFiles: number
      /** The base's text of a file: `same` when the change did not touch it, undefined when the base has no such file. */
      baseText(path: string): string | undefined | 'same'
    }
  | { fallback: string }

type Status = 'A' | 'M' | 'D'

export interface Change {
  status: Status
  /** The blob in the base commit (for M and D). */
  blob?: string
}

/**
 * The base of a change without a second tree on disk: every file the change did not touch is
 * the head's (its scan result is reused as it is), and the files it did touch come from git
 * objects (`git cat-file --batch`), read as git stores them. `git diff --raw` between the base
 * commit and the work tree says which files those are; untracked files belong to the head only.
 *
 * What every file depends on cannot be derived this way, and then the caller scans the base in
 * full (and says why): a changed `.gitignore` or `.gitattributes`, a symbolic link or submodule
 * that changed or leads to a changed file, a walk that met unreadable directories or odd names.
 *
 * Measured on the benchmark's 20,000-file tree with 4 changed files: the whole base written
 * with `git archive | tar`, walked and scanned again cost about 2x a single scan; this costs
 * three short git processes and the changed files (see docs/performance.md).
 */
export async function deriveBase(headRoot: string, head: TreeScan, commit: BaseCommit, maxFileBytes: number): Promise<DerivedBase> {
  const realHead = realpathSync.native(headRoot)
  const inside = relative(realpathSync.native(commit.top), realHead)
  if (inside.startsWith('..')) return { fallback: 'the scanned directory is not inside the git work tree' }
  const oddWalk = head.discovery.diagnostics.find((diagnostic) => /symbolic link|cannot read directory|not valid UTF-8/.test(diagnostic.message))
  if (oddWalk) return { fallback: `the walk met ${oddWalk.file} (${oddWalk.message})` }

  const listed = commit.remote ? await remoteChanges(realHead, commit.remote) : await gitChanges(realHead, commit)
  if ('fallback' in listed) return listed
  const { changes, tracked, baseBytes } = listed
  const isUntracked = (path: string): boolean => !tracked.has(path) && !changes.has(path)
  const goneFromBase = (path: string): boolean => changes.get(path)?.status === 'A' || isUntracked(path)
  for (const path of head.discovery.seen) {
    if (isControlFile(path) && isUntracked(path)) return { fallback: `${path} is not committed` }
  }
  for (const [link, target] of head.discovery.linked) {
    if (changes.has(target) || isUntracked(target)) return { fallback: `the symbolic link ${link} leads to ${target}, which the change touched` }
  }
  const sizeOf = (bytes: Buffer, maxBytes: number): FileBytes => (bytes.length > maxBytes ? { ok: false, size: bytes.length } : { ok: true, bytes })

  const source: TreeSource = {
    discover: (options) => {
      const wouldSee = walkWouldSee(realHead, { maxFileBytes, ...(options.skip ? { skip: options.skip } : {}) })
      const seen = head.discovery.seen.filter((path) => !goneFromBase(path))
      for (const [path, change] of changes) if (change.status === 'D' && wouldSee(path)) seen.push(path)
      const files: DiscoveredFile[] = []
      for (const path of seen) if (options.wanted(path)) files.push({ path, absolute: join(realHead, ...path.split('/')) })
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      const discovery: Discovery = {
        files,
        filesSeen: seen.length,
        seen,
        linked: head.discovery.linked,
        skippedFolders: head.discovery.skippedFolders,
        diagnostics: head.discovery.diagnostics.filter((diagnostic) => !goneFromBase(diagnostic.file))
      }
      return discovery
    },
    read: (file, maxBytes) => {
      const bytes = baseBytes(file.path)
      return bytes ? sizeOf(bytes, maxBytes) : readFileBytes(file.absolute, maxBytes)
    },
    resolve: (path): ResolvedPath => {
      const normalised = posix.normalize(path)
      const bytes = baseBytes(normalised)
      if (bytes) return { ok: true, absolute: join(realHead, ...normalised.split('/')), size: bytes.length }
      if (goneFromBase(normalised)) return { ok: false, reason: 'missing' }
      return resolveInsideRoot(realHead, path)
    },
    readResolved: (path, absolute, maxBytes) => {
      const bytes = baseBytes(posix.normalize(path))
      return bytes ? sizeOf(bytes, maxBytes) : readFileBytes(absolute, maxBytes)
    },
    reuse: (path) => (changes.has(path) || isUntracked(path) ? undefined : copied(head.fileScans.get(path)))
  }
  return {
    source,
    changedFiles: changes.size,
    baseText: (path) => {
      const bytes = baseBytes(path)
      if (bytes) return bytes.toString('utf8')
      return goneFromBase(path) ? undefined : 'same'
    }
  }
}

interface ListedChange {
  changes: ReadonlyMap<string, Change>
  /** What is tracked in the work tree (the index: reading it walks nothing). */
  tracked: ReadonlySet<string>
  /** A touched file's base content; undefined when the base does not have it. */
  baseBytes(path: string): Buffer | undefined
}

/**
 * The change from git: `git diff --raw` between the base commit and the work tree, and the
 * touched files' base content from one `git cat-file --batch`. A file the head walk saw that the
 * index does not list exists in the work tree only, so not in the base.
 */
async function gitChanges(realHead: string, commit: BaseCommit): Promise<ListedChange | { fallback: string }> {
  let diff: string
  let trackedList: string
  try {
    ;[diff, trackedList] = await Promise.all([
      runTool('git', ['-C', realHead, 'diff', '--no-renames', '--no-ext-diff', '--raw', '-z', '--no-abbrev', '--relative', '--end-of-options', commit.sha, '--']),
      runTool('git', ['-C', realHead, 'ls-files', '-z'])
    ])
  } catch (error) {
    return { fallback: `git could not list the change (${firstLine(error)})` }
  }
  const parsed = parseRawDiff(diff)
  if ('fallback' in parsed) return parsed
  const changes = parsed.changes
  const blobs = await readBlobs(
    commit.top,
    [...changes.values()].flatMap((change) => (change.blob ? [change.blob] : []))
  )
  return {
    changes,
    tracked: new Set(trackedList.split('\0')),
    baseBytes: (path) => {
      const blob = changes.get(path)?.blob
      return blob === undefined ? undefined : blobs.get(blob)
    }
  }
}

/**
 * The change as the REST API gave it (between the base and the checkout's HEAD). The work tree
 * must be HEAD's for tracked files, which git answers locally; the API does not give modes, so
 * the head's side of every touched path is asked of the index (the base's side was checked when
 * its content was fetched).
 */
async function remoteChanges(realHead: string, remote: RemoteChange): Promise<ListedChange | { fallback: string }> {
  let edited: string
  let staged: string
  try {
    ;[edited, staged] = await Promise.all([
      runTool('git', ['-C', realHead, 'diff', '--no-ext-diff', '--name-only', '-z', '--relative', 'HEAD', '--']),
      runTool('git', ['-C', realHead, 'ls-files', '--stage', '-z'])
    ])
  } catch (error) {
    return { fallback: `git could not list the work tree (${firstLine(error)})` }
  }
  const touchedLocally = edited.split('\0').find(Boolean)
  if (touchedLocally) return { fallback: `the work tree changes ${touchedLocally}, which HEAD does not have` }
  const tracked = new Set<string>()
  for (const record of staged.split('\0')) {
    if (!record) continue
    const tab = record.indexOf('\t')
    const path = record.slice(tab + 1)
    tracked.add(path)
    const mode = record.slice(0, record.indexOf(' '))
    if ((mode === '120000' || mode === '160000') && remote.changes.has(path)) return { fallback: `${path} is a symbolic link or submodule that the change touched` }
  }
  return { changes: remote.changes, tracked, baseBytes: (path) => remote.bytes.get(path) }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}

/**
 * A head result for the base, with declarations of its own: the report finds a fixed finding's
 * declarations among the head's by identity, and a base that shared them would say a fixed
 * finding's declaration is still there. Nothing else of a result is told apart by identity.
 */
function copied(scan: FileScan | undefined): FileScan | undefined {
  if (scan === undefined || scan.extraction.declarations.length === 0) return scan
  return { ...scan, extraction: { ...scan.extraction, declarations: scan.extraction.declarations.map((declaration) => ({ ...declaration })) } }
}

/** Files whose change alters how every other file is walked or read. */
export function isControlFile(path: string): boolean {
  return /(^|\/)\.git(ignore|attributes)$/.test(path)
}

/**
 * `git diff --raw -z` records: `:MODE MODE SHA SHA STATUS\0PATH\0`. Symbolic links (120000) and
 * submodules (160000) on either side, type changes and unmerged paths ask for a full scan.
 */
export function parseRawDiff(output: string): { changes: Map<string, Change> } | { fallback: string } {
  const changes = new Map<string, Change>()
  const fields = output.split('\0')
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [meta, path] = [fields[index]!, fields[index + 1]!]
    const [baseMode, headMode, baseBlob, , status] = meta.slice(1).split(' ')
    if (status !== 'A' && status !== 'M' && status !== 'D') return { fallback: `${path} changed in a way a derived base does not follow (${status})` }
    if ([baseMode, headMode].some((mode) => mode === '120000' || mode === '160000')) return { fallback: `${path} is a symbolic link or submodule that the change touched` }
    if (isControlFile(path)) return { fallback: `the change touches ${path}` }
    changes.set(path, status === 'A' ? { status } : { status, blob: baseBlob! })
  }
  return { changes }
}

/**
 * The bytes of blobs, from one `git cat-file --batch`: each answer is `SHA blob SIZE\n`, the
 * content and a newline. Blob ids come from `git diff`, never from repository content.
 */
export async function readBlobs(top: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>()
  if (ids.length === 0) return blobs
  const output = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['-C', top, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`))))
    child.stdin.end(`${[...new Set(ids)].join('\n')}\n`)
  })
  let at = 0
  while (at < output.length) {
    const headerEnd = output.indexOf(0x0a, at)
    const [id, type, size] = output.subarray(at, headerEnd).toString('latin1').split(' ')
    if (type !== 'blob') throw new Error(`git cat-file: ${id} is ${type ?? 'unreadable'}`)
    const start = headerEnd + 1
    const end = start + Number(size)
    blobs.set(id!, output.subarray(start, end))
    at = end + 1
  }
  return blobs
}
