/**
 * Which upstream facts go into which of our files. Each derivation lives in its own module;
 * this one only wires them to the regions and files they fill.
 */
import { endOfLifeTable, vclusterLifecycle, vclusterOlderEnded, type DateTable, type SourceRef } from './lifecycle.js'
import { apiRemovals } from './api.js'
import { kindRuleLines, kindTable, type KindTable } from './kind.js'
import { k8sVersionMaps, supportRows, vclusterDefaults, type DefaultsFile } from './vcluster.js'
import { replaceRegions, regionNames } from './regions.js'
import type { SourceReader } from './snapshot.js'

export const SOURCES = ['endoflife-date/endoflife.date', 'loft-sh/vcluster-docs', 'kubernetes-sigs/kind', 'loft-sh/vcluster', 'kubernetes/api'] as const

export type Readers = ReadonlyMap<string, SourceReader>

function reader(readers: Readers, repository: (typeof SOURCES)[number]): SourceReader {
  const found = readers.get(repository)
  if (!found) throw new Error(`no reader for ${repository}`)
  return found
}

function dateLines(table: DateTable): string[] {
  return table.dates.map(([minor, date]) => `"${minor}": "${date}"`)
}

export function sourceLines(sources: readonly SourceRef[]): string[] {
  const unique = [...new Map(sources.map((source) => [`${source.repository} ${source.commit} ${source.path}`, source])).values()]
  return unique.map((source) => `- { repository: ${source.repository}, commit: ${source.commit}, path: ${source.path} }`)
}

/** The regions of db/lifecycle.yaml. */
function lifecycleRegions(readers: Readers): Map<string, string[]> {
  const eol = reader(readers, 'endoflife-date/endoflife.date')
  const docs = reader(readers, 'loft-sh/vcluster-docs')
  const regions = new Map<string, string[]>()
  const put = (id: string, table: DateTable, extra: SourceRef[] = []): void => {
    regions.set(`${id}.dates`, dateLines(table))
    regions.set(`${id}.sources`, sourceLines([table.source, ...extra]))
  }
  put('kubernetes-end-of-life', endOfLifeTable(eol, 'kubernetes', ['eol']))
  put('eks-end-of-standard-support', endOfLifeTable(eol, 'amazon-eks', ['eol']))
  put('eks-end-of-extended-support', endOfLifeTable(eol, 'amazon-eks', ['eoes', 'eol']))
  put('gke-end-of-standard-support', endOfLifeTable(eol, 'google-kubernetes-engine', ['eol']))
  put('aks-end-of-standard-support', endOfLifeTable(eol, 'azure-kubernetes-service', ['eol']))
  put('aks-end-of-long-term-support', endOfLifeTable(eol, 'azure-kubernetes-service', ['eoes', 'eol']))
  const older = vclusterOlderEnded(docs)
  for (const [id, field] of [
    ['vcluster-end-of-support', 'eosDate'],
    ['vcluster-end-of-life', 'eolDate']
  ] as const) {
    const table = vclusterLifecycle(docs, field)
    const oldest = table.dates.at(-1)?.[0]
    if (oldest !== older.oldestListed) {
      throw new Error(`vcluster lifecycle starts at ${oldest}, but the docs' first support table started at ${older.oldestListed}: check the "older" bound`)
    }
    put(id, table, [older.source])
    regions.set(`${id}.older`, [`olderEndedBefore: "${older.date}"`])
  }
  return regions
}

const byVersion = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

/** GA releases each source shows (kept in the lock): the coverage test holds the tables to them. */
function recordReleases(readers: Readers): void {
  const minors = (tags: string[], pattern: RegExp): string[] =>
    [...new Set(tags.flatMap((tag) => { const match = pattern.exec(tag); return match ? [`${match[1]}.${match[2]}`] : [] }))].sort(byVersion)
  const vcluster = reader(readers, 'loft-sh/vcluster')
  vcluster.releases('vcluster', () => minors(vcluster.allTags(), /^v(0)\.(\d+)\.\d+$/))
  const api = reader(readers, 'kubernetes/api')
  api.releases('kubernetes', () => minors(api.allTags(), /^kubernetes-(1)\.(\d+)\.\d+$/))
  const kind = reader(readers, 'kubernetes-sigs/kind')
  kind.releases('kind', () => kind.allTags().filter((tag) => /^v0\.\d+\.\d+$/.test(tag)).map((tag) => tag.slice(1)).sort(byVersion))
}

/** Every file the generator writes, as its new text. */
export function buildTables(readers: Readers, readOurs: (path: string) => string): Map<string, string> {
  const files = new Map<string, string>()
  const fill = (path: string, regions: Map<string, string[]>): void => {
    const text = readOurs(path)
    const unused = [...regions.keys()].filter((name) => !regionNames(text).includes(name))
    if (unused.length > 0) throw new Error(`${path} has no region for ${unused.join(', ')}`)
    files.set(path, replaceRegions(text, path, regions))
  }
  fill('db/lifecycle.yaml', lifecycleRegions(readers))
  recordReleases(readers)
  const api = reader(readers, 'kubernetes/api')
  files.set(
    'db/api-lifecycle.json',
    `${JSON.stringify(
      {
        $comment:
          'Beta APIs of k8s.io/api and the minor that stops serving each, from the +k8s:prerelease-lifecycle-gen markers at every GA tag from 1.19 (scripts/db/api.ts; a missing deprecated is introduced + 3, a missing removed is deprecated + 3). Generated by npm run db:generate; test/db/api-removals.test.ts holds db/api-removals.yaml against it.',
        removals: apiRemovals(api)
      },
      null,
      2
    )}\n`
  )
  const defaultsPath = 'src/scan/data/vcluster-defaults.json'
  const defaults = vclusterDefaults(reader(readers, 'loft-sh/vcluster'), JSON.parse(readOurs(defaultsPath)) as DefaultsFile)
  files.set(defaultsPath, `${JSON.stringify(defaults, null, 2)}\n`)
  const support = supportRows(k8sVersionMaps(reader(readers, 'loft-sh/vcluster')))
  fill(
    'db/vcluster-support.yaml',
    new Map([
      ['vcluster-support.rows', support.lines],
      ['vcluster-support.sources', sourceLines(support.sources)]
    ])
  )
  const kindPath = 'src/smoke/data/kind-node-images.json'
  const kind = kindTable(reader(readers, 'kubernetes-sigs/kind'), JSON.parse(readOurs(kindPath)) as KindTable)
  files.set(kindPath, `${JSON.stringify(kind, null, 2)}\n`)
  fill(
    'db/version-skew.yaml',
    new Map([
      ['kind-node-images.releases', kindRuleLines(kind)],
      ['kind-node-images.sources', sourceLines(kind.releases.map((row) => row.source))]
    ])
  )
  return files
}
