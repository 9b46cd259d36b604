/**
 * The fix-boundary check: every database entry that names an upstream change (`upstream`: the
 * fix or cause commits and a code marker) is held against the release tags of a local snapshot
 * of that repository. Per tag it records whether a commit is an ancestor and whether the marker
 * is in the tag's code; a tag that holds a fix must fall outside the entry's range, one that
 * lacks it inside (the other way round for a cause). The committed results
 * (db/fix-boundaries.json) let `npm test` hold every range against them without the snapshot.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Entry, UpstreamChange } from '../../src/db/schema.js'
import { validateEntryFile } from '../../src/db/validate-file.js'
import { affectedRangeFromFixes } from '../../src/versions/fixed.js'
import { parseVersion } from '../../src/versions/parse.js'
import { matchRange } from '../../src/versions/range.js'
import { gitDir } from './snapshot.js'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')
export const RESULTS_PATH = 'db/fix-boundaries.json'

/** One release tag as the check saw it for one entry. */
export interface TagResult {
  tag: string
  /** The commit the tag points at. */
  commit: string
  /** Per upstream change of the entry, in order: [a commit is an ancestor, the marker is present]. */
  holds: Array<[boolean, boolean]>
  /** What upstream history says: the tag has the problem. */
  affected: boolean
}

export interface EntryResults {
  id: string
  repository: string
  component: UpstreamChange['component']
  upstream: UpstreamChange[]
  tags: TagResult[]
}

export interface Results {
  $comment: string
  entries: EntryResults[]
}

/** A tag whose verdict disagrees with upstream history. */
export interface Violation {
  id: string
  tag: string
  message: string
}

/** Entries of db/*.yaml, validated as the build validates them. */
export function loadEntries(root = REPO_ROOT): Entry[] {
  const dir = join(root, 'db')
  const meta = readFileSync(join(dir, 'database.yaml'), 'utf8')
  const date = /date:\s*"?(\d{4}-\d{2}-\d{2})/.exec(meta)?.[1] ?? '2026-01-01'
  const entries: Entry[] = []
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') && n !== 'database.yaml').sort()) {
    const result = validateEntryFile(readFileSync(join(dir, name), 'utf8'), `db/${name}`, date)
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}:${p.line ?? 1}: ${p.message}`).join('\n'))
    entries.push(...result.entries)
  }
  return entries
}

/** Whether the entry's version conditions put this version of the component in its range. */
export function entryCovers(entry: Entry, component: UpstreamChange['component'], version: string): boolean {
  const parsed = parseVersion(version)
  if (!parsed.ok || parsed.value.kind !== 'exact') return false
  const ranges = [entry.when[component]!]
  const fixes = entry.fixedIn[component]
  if (fixes) ranges.push(affectedRangeFromFixes(fixes))
  return ranges.every((range) => matchRange(parsed.value, range) === 'affected')
}

/** The version a release tag names (`v0.23.0-rc.3` → 0.23.0-rc.3), or undefined for other tags. */
export function versionOfTag(tag: string): string | undefined {
  const parsed = parseVersion(tag)
  return parsed.ok && parsed.value.kind === 'exact' && !parsed.value.distro && /^v?\d/.test(tag) ? parsed.value.version : undefined
}

function judged(change: UpstreamChange, version: string): boolean {
  if (!change.within) return true
  const parsed = parseVersion(version)
  return parsed.ok && matchRange(parsed.value, change.within) === 'affected'
}

/** Whether upstream history puts the problem in a tag: every change must say so. */
export function affectedByHistory(upstream: readonly UpstreamChange[], holds: ReadonlyArray<readonly [boolean, boolean]>): boolean {
  return upstream.every((change, index) => {
    const [ancestor, marker] = holds[index]!
    const held = ancestor || marker
    return change.change === 'fix' ? !held : held
  })
}

/** Tags inside the entry's range that history says are fine, and tags outside it that are not. */
export function violations(entry: Entry, results: EntryResults): Violation[] {
  const found: Violation[] = []
  for (const row of results.tags) {
    const version = versionOfTag(row.tag)!
    const covered = entryCovers(entry, results.component, version)
    if (covered && !row.affected) {
      found.push({ id: entry.id, tag: row.tag, message: `${row.tag} is in the entry's range but holds the ${describe(results.upstream)} (a false finding)` })
    } else if (!covered && row.affected) {
      found.push({ id: entry.id, tag: row.tag, message: `${row.tag} is outside the entry's range but lacks the ${describe(results.upstream)} (a missed finding)` })
    }
  }
  return found
}

function describe(upstream: readonly UpstreamChange[]): string {
  return upstream.map((change) => `${change.change} ${change.commits.map((c) => c.slice(0, 12)).join('/')}`).join(' and ')
}

function git(dir: string, args: string[]): string {
  try {
    return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    // git grep exits 1 when nothing matches.
    const status = (error as { status?: number }).status
    if (status === 1) return (error as { stdout?: string }).stdout ?? ''
    throw error
  }
}

/** Release tags of a snapshot and the commits they point at, in version order. */
function releaseTags(dir: string): Array<{ tag: string; commit: string; version: string }> {
  const lines = git(dir, ['for-each-ref', 'refs/tags', '--format=%(refname:short) %(objectname) %(*objectname)']).trim().split('\n')
  const tags = lines.flatMap((line) => {
    const [tag, object, peeled] = line.split(' ') as [string, string, string | undefined]
    const version = versionOfTag(tag)
    return version ? [{ tag, commit: peeled || object, version }] : []
  })
  return tags.sort((a, b) => compareTags(a.version, b.version) || a.tag.localeCompare(b.tag))
}

function compareTags(a: string, b: string): number {
  const parsed = parseVersion(`${a}`)
  const other = parseVersion(`${b}`)
  if (!parsed.ok || !other.ok) return 0
  return matchRange(parsed.value, `<${b}`) === 'affected' ? -1 : matchRange(other.value, `<${a}`) === 'affected' ? 1 : 0
}

/** Runs the check on local snapshots (`<snapshots>/<owner>+<name>/repo`). */
export function checkFixBoundaries(snapshots: string, entries: readonly Entry[] = loadEntries()): { results: Results; violations: Violation[] } {
  const out: EntryResults[] = []
  const found: Violation[] = []
  const tagsOf = new Map<string, ReturnType<typeof releaseTags>>()
  for (const entry of entries) {
    const upstream = entry.upstream
    if (!upstream) continue
    const { repository, component } = upstream[0]!
    if (upstream.some((change) => change.repository !== repository || change.component !== component)) {
      throw new Error(`${entry.id}: all upstream changes of an entry must name the same repository and component`)
    }
    const dir = gitDir(snapshots, repository)
    let tags = tagsOf.get(repository)
    if (!tags) {
      tags = releaseTags(dir)
      tagsOf.set(repository, tags)
    }
    const perChange = upstream.map((change) => {
      const ancestors = new Set(change.commits.flatMap((commit) => git(dir, ['tag', '--contains', commit]).trim().split('\n').filter(Boolean)))
      // One git grep over every tag's tree at once: "<tag>:<path>" per hit.
      const markers = new Set<string>()
      const names = tags.map((t) => t.tag)
      for (let i = 0; i < names.length; i += 200) {
        const hits = git(dir, ['grep', '-l', '-F', '-e', change.marker.text, ...names.slice(i, i + 200), '--', ...(change.marker.path ? [change.marker.path] : [])])
        for (const line of hits.split('\n')) if (line) markers.add(line.slice(0, line.indexOf(':')))
      }
      return { ancestors, markers }
    })
    const rows: TagResult[] = []
    for (const { tag, commit, version } of tags) {
      if (!upstream.every((change) => judged(change, version))) continue
      const holds = perChange.map(({ ancestors, markers }) => [ancestors.has(tag), markers.has(tag)] as [boolean, boolean])
      rows.push({ tag, commit, holds, affected: affectedByHistory(upstream, holds) })
    }
    const results: EntryResults = { id: entry.id, repository, component, upstream, tags: rows }
    out.push(results)
    found.push(...violations(entry, results))
  }
  return {
    results: {
      $comment:
        'Written by npm run db:check-fixes from local snapshots of the upstream repositories: per release tag, [commit is an ancestor, marker present] for each upstream change of the entry, and whether history puts the problem in that tag. test/db/fix-boundaries.test.ts holds every entry range against it.',
      entries: out
    },
    violations: found
  }
}

/** The results file: one line per tag, so that a refresh shows as a readable diff. */
export function serialise(results: Results): string {
  const entries = results.entries.map((entry) => {
    const head = JSON.stringify({ id: entry.id, repository: entry.repository, component: entry.component, upstream: entry.upstream }).slice(0, -1)
    const rows = entry.tags.map((row) => `      ${JSON.stringify(row)}`).join(',\n')
    return `    ${head},\n     "tags": [\n${rows}\n     ]}`
  })
  return `{\n  "$comment": ${JSON.stringify(results.$comment)},\n  "entries": [\n${entries.join(',\n')}\n  ]\n}\n`
}
