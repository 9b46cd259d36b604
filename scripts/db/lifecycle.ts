/**
 * Lifecycle tables: Kubernetes, the managed platforms and vcluster, from endoflife.date's
 * product pages and vcluster-docs' lifecycle data.
 */
import { parse } from 'yaml'
import type { SourceReader } from './snapshot.js'

export interface SourceRef {
  repository: string
  commit: string
  path: string
}

/** A date per minor, with the file it came from. */
export interface DateTable {
  dates: Array<[string, string]>
  source: SourceRef
}

interface EndOfLifeRelease {
  releaseCycle: string
  eol?: string | boolean | Date
  eoas?: string | boolean | Date
  eoes?: string | boolean | Date
}

/** The front matter of an endoflife.date product page. */
export function endOfLifeReleases(reader: SourceReader, product: string): { releases: EndOfLifeRelease[]; source: SourceRef } {
  const path = `products/${product}.md`
  const text = reader.read(path)
  if (text === undefined) throw new Error(`${reader.repository}: ${path} not found`)
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text)
  if (!front) throw new Error(`${reader.repository}: ${path} has no front matter`)
  const data = parse(front[1]!, { schema: 'core' }) as { releases?: EndOfLifeRelease[] }
  return { releases: data.releases ?? [], source: reader.origin(path) }
}

/** A release's date for one field; `true`/`false` and missing dates give nothing. */
function day(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  return undefined
}

export function compareMinors(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number) as [number, number]
  const [bMajor, bMinor] = b.split('.').map(Number) as [number, number]
  return aMajor - bMajor || aMinor - bMinor
}

/** Newest minor first, as the tables are written. */
function table(rows: Array<[string, string | undefined]>, source: SourceRef): DateTable {
  const dates = rows.filter((row): row is [string, string] => row[1] !== undefined).sort((a, b) => compareMinors(b[0], a[0]))
  return { dates, source }
}

/** `fields` in order of preference: the first date a release has is its date. */
export function endOfLifeTable(reader: SourceReader, product: string, fields: Array<'eol' | 'eoas' | 'eoes'>): DateTable {
  const { releases, source } = endOfLifeReleases(reader, product)
  return table(
    releases.map((release) => [String(release.releaseCycle), fields.map((field) => day(release[field])).find((each) => each !== undefined)]),
    source
  )
}

interface VclusterLifecycle {
  versions: Array<{ version: string; eosDate?: string; eolDate?: string }>
}

export function vclusterLifecycle(reader: SourceReader, field: 'eosDate' | 'eolDate'): DateTable {
  const path = 'static/api/lifecycle/vcluster.json'
  const text = reader.read(path)
  if (text === undefined) throw new Error(`${reader.repository}: ${path} not found`)
  const data = JSON.parse(text) as VclusterLifecycle
  return table(
    data.versions.map((each) => [each.version.split('.').slice(0, 2).join('.'), day(each[field])]),
    reader.origin(path)
  )
}

/**
 * The day the vcluster docs first said that releases missing from the support table are in
 * no support window: every older minor had ended by then. A fixed fact of history, read at
 * the commit that introduced the page.
 */
export const VCLUSTER_OLDER_ENDED = {
  commit: 'ba4cc4e70cd49df586507f6694cc523d8b66486c',
  path: 'vcluster/deploy/supported_versions.mdx',
  marker: 'Any previous versions that are not on this list are no longer in any support window'
}

export function vclusterOlderEnded(reader: SourceReader): { date: string; oldestListed: string; source: SourceRef } {
  const { commit, path, marker } = VCLUSTER_OLDER_ENDED
  const text = reader.readAt(commit, path)
  if (!text.includes(marker)) throw new Error(`${reader.repository}@${commit}: ${path} no longer says "${marker}"`)
  const listed = [...text.matchAll(/^\| v(\d+\.\d+) \|/gm)].map((match) => match[1]!).sort(compareMinors)
  return { date: reader.commitDate(commit), oldestListed: listed[0]!, source: { repository: reader.repository, commit, path } }
}
