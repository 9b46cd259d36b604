import type { Database } from './schema.js'

/** Past this age the bundled data may miss releases and end-of-life dates: the tool says so. */
export const STALE_AFTER_DAYS = 90

/** The newest release of each component the database has a table row for. */
export interface NewestKnown {
  kubernetes?: string
  vcluster?: string
  kind?: string
}

export interface Freshness {
  newest: NewestKnown
  /** Days from the database date to the evaluation date. */
  ageDays: number
  /** Set when the data is older than STALE_AFTER_DAYS on the evaluation date. */
  warning?: string
}

/** Newest minor (Kubernetes, vcluster) and kind release among the database's tables. */
export function newestKnown(database: Pick<Database, 'entries'>): NewestKnown {
  return Object.fromEntries(Object.entries(newestWithEntries(database)).map(([key, { version }]) => [key, version]))
}

/** The entry whose table holds a `NewestKnown` release (the first, in database order, when several do). */
export interface NewestSource {
  entry: string
  verified: string
}

/** `newestKnown`, each with the entry whose table holds it: where the figure comes from. */
export function newestWithEntries(database: Pick<Database, 'entries'>): Partial<Record<keyof NewestKnown, NewestSource & { version: string }>> {
  const newest: Partial<Record<keyof NewestKnown, NewestSource & { version: string }>> = {}
  const consider = (key: keyof NewestKnown, version: string, entry: Database['entries'][number]): void => {
    const current = newest[key]
    if (current === undefined || compareVersions(version, current.version) > 0) newest[key] = { version, entry: entry.id, verified: entry.verified }
  }
  for (const entry of database.entries) {
    const lifecycle = entry.when.lifecycle
    if (lifecycle) for (const minor of Object.keys(lifecycle.dates)) consider(lifecycle.of, minor, entry)
    for (const kind of Object.keys(entry.when.kindNodeImages ?? {})) consider('kind', kind, entry)
  }
  return newest
}

export function freshness(database: Pick<Database, 'entries' | 'date'>, date: string): Freshness {
  const ageDays = Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${database.date}T00:00:00Z`)) / 86_400_000)
  const freshnessReport: Freshness = { newest: newestKnown(database), ageDays }
  if (ageDays > STALE_AFTER_DAYS) {
    freshnessReport.warning =
      `the bundled database is ${ageDays} days old (dated ${database.date}): newer releases and end-of-life dates may be missing; ` +
      'update kube-compat-gate'
  }
  return freshnessReport
}

/** "Kubernetes 1.36, vcluster 0.37, kind 0.30.0", for one short line in a report. */
export function describeNewest(newest: NewestKnown): string {
  const parts = [
    newest.kubernetes && `Kubernetes ${newest.kubernetes}`,
    newest.vcluster && `vcluster ${newest.vcluster}`,
    newest.kind && `kind ${newest.kind}`
  ].filter((part): part is string => typeof part === 'string')
  return parts.length > 0 ? parts.join(', ') : 'no release tables'
}

export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number)
  const right = b.split('.').map(Number)
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}
