/**
 * Reads upstream files from local git snapshots (bare repositories) of the pinned sources.
 * Layout: <snapshots>/<owner>+<name>/repo, as the `fetch` tool and `db:refresh` leave them.
 * Every read is recorded (ref, commit, path, sha256) so that the lock can name it, and in
 * pinned mode every read is checked against the lock: a file that differs, or one the lock
 * does not name, stops the generator.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export interface LockedFile {
  path: string
  /** The tag the file was read at, when it was not read at the source's pinned commit. */
  ref?: string
  /** The commit of `ref` (absent: the source's pinned commit). */
  commit?: string
  sha256: string
}

export interface LockedSource {
  repository: string
  /** The newest commit of the default branch when the lock was written. */
  commit: string
  /** Its commit date (UTC day): the data is as of this day. */
  committed: string
  /** Releases the source shows at that commit (GA versions or minors), for the coverage test. */
  releases?: Record<string, string[]>
  files: LockedFile[]
}

export interface Lock {
  $comment: string
  sources: LockedSource[]
}

export const DEFAULT_SNAPSHOTS = process.env.KCG_DB_SNAPSHOTS ?? '/work/.mirror'

export function gitDir(snapshots: string, repository: string): string {
  return join(snapshots, repository.replace('/', '+'), 'repo')
}

export function hasSnapshot(snapshots: string, repository: string): boolean {
  return existsSync(gitDir(snapshots, repository))
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } })
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** One source as the derivations see it: its tags and its files, at the pinned or newest commit. */
export class SourceReader {
  readonly files: LockedFile[] = []
  /** Pinned files read ahead in one `git cat-file --batch` (hundreds of `git show` runs took a minute). */
  private readonly cache = new Map<string, string | undefined>()
  private readonly seen: Record<string, string[]> = {}
  readonly commit: string
  readonly committed: string
  private readonly dir: string

  constructor(
    snapshots: string,
    readonly repository: string,
    /** The lock entry to hold reads to; absent when refreshing (reads the newest commit). */
    private readonly pinned?: LockedSource
  ) {
    this.dir = gitDir(snapshots, repository)
    if (!existsSync(this.dir)) throw new Error(`no snapshot of ${repository} at ${this.dir} (bring it with db:refresh or the fetch tool)`)
    this.commit = pinned?.commit ?? git(this.dir, ['rev-parse', 'HEAD']).trim()
    this.committed = pinned?.committed ?? this.commitDate(this.commit)
    if (pinned) {
      try {
        git(this.dir, ['cat-file', '-e', `${pinned.commit}^{commit}`])
      } catch {
        throw new Error(`the snapshot of ${repository} lacks the pinned commit ${pinned.commit}`)
      }
      this.readAhead(pinned)
    }
  }

  /** Release tags matching `pattern`: from the lock when pinned, else every tag in the snapshot. */
  tags(pattern: RegExp): string[] {
    const names = this.pinned
      ? [...new Set(this.pinned.files.flatMap((file) => (file.ref ? [file.ref] : [])))]
      : git(this.dir, ['tag', '--list']).split('\n').filter(Boolean)
    return names.filter((name) => pattern.test(name))
  }

  /** A file at the pinned commit (no ref) or at a tag; undefined when it does not exist there. */
  read(path: string, ref?: string): string | undefined {
    const locked = this.pinned?.files.find((file) => file.path === path && file.ref === ref)
    if (this.pinned && !locked) return undefined
    const commit = ref === undefined ? this.commit : (locked?.commit ?? this.resolve(ref))
    let text: string | undefined
    if (this.cache.has(`${commit}:${path}`)) text = this.cache.get(`${commit}:${path}`)
    else {
      try {
        text = git(this.dir, ['show', `${commit}:${path}`])
      } catch {
        text = undefined
      }
    }
    if (text === undefined) {
      if (locked) throw new Error(`${this.repository}@${commit}: ${path} is in the lock but not in the snapshot`)
      return undefined
    }
    const hash = sha256(text)
    if (locked && locked.sha256 !== hash) {
      throw new Error(`${this.repository}@${commit}: ${path} has sha256 ${hash}, the lock says ${locked.sha256}`)
    }
    if (!this.files.some((file) => file.path === path && file.ref === ref)) this.files.push({ path, ...(ref !== undefined ? { ref, commit } : {}), sha256: hash })
    return text
  }

  private readAhead(pinned: LockedSource): void {
    const names = pinned.files.map((file) => `${file.commit ?? pinned.commit}:${file.path}`)
    if (names.length === 0) return
    const output = execFileSync('git', ['--git-dir', this.dir, 'cat-file', '--batch'], { input: `${names.join('\n')}\n`, maxBuffer: 512 * 1024 * 1024 })
    let offset = 0
    for (const name of names) {
      const end = output.indexOf(10, offset)
      const header = output.subarray(offset, end).toString('utf8')
      offset = end + 1
      if (header.endsWith(' missing')) {
        this.cache.set(name, undefined)
        continue
      }
      const size = Number(header.split(' ')[2])
      this.cache.set(name, output.subarray(offset, offset + size).toString('utf8'))
      offset += size + 1
    }
  }

  /** Releases of one component this source shows: from the lock when pinned, else computed. */
  releases(component: string, compute: () => string[]): string[] {
    const list = this.pinned ? (this.pinned.releases?.[component] ?? []) : compute()
    this.seen[component] = list
    return list
  }

  /** Every tag name in the snapshot (only when refreshing; pinned runs use the lock). */
  allTags(): string[] {
    return git(this.dir, ['tag', '--list']).split('\n').filter(Boolean)
  }

  /** Paths at a tag matching `pattern`: from the lock when pinned, else the tag's tree. */
  paths(ref: string, pattern: RegExp): string[] {
    const names = this.pinned
      ? this.pinned.files.filter((file) => file.ref === ref).map((file) => file.path)
      : git(this.dir, ['ls-tree', '-r', '--name-only', ref]).split('\n')
    return names.filter((name) => pattern.test(name))
  }

  /** A file at one fixed commit of history (a fact that later commits removed). */
  readAt(commit: string, path: string): string {
    const text = this.read(path, commit)
    if (text === undefined) throw new Error(`${this.repository}@${commit}: ${path} not found (or not in the lock)`)
    return text
  }

  /** The day a commit landed (committer date, UTC). */
  commitDate(commit: string): string {
    return git(this.dir, ['show', '-s', '--date=format-local:%Y-%m-%d', '--format=%cd', commit]).trim()
  }

  /** Where a fact came from, for the data files. */
  origin(path: string, ref?: string): { repository: string; commit: string; path: string } {
    const commit = ref === undefined ? this.commit : (this.files.find((file) => file.ref === ref && file.path === path)?.commit ?? this.resolve(ref))
    return { repository: this.repository, commit, path }
  }

  private resolve(ref: string): string {
    return git(this.dir, ['rev-parse', `${ref}^{commit}`]).trim()
  }

  locked(): LockedSource {
    const files = [...this.files].sort((a, b) => (a.ref ?? '').localeCompare(b.ref ?? '', 'en', { numeric: true }) || a.path.localeCompare(b.path))
    const releases = Object.keys(this.seen).length > 0 ? { releases: Object.fromEntries(Object.entries(this.seen).sort(([a], [b]) => a.localeCompare(b))) } : {}
    return { repository: this.repository, commit: this.commit, committed: this.committed, ...releases, files }
  }
}
