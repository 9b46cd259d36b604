import type { Database } from '../db/schema.js'
import type { Declaration, Environment } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { matchRange, minorOf } from '../versions/range.js'
import { evaluate } from './evaluate.js'

/** ✅ nothing known, ⚠️ a warning, a notice or a partial match, ❌ an error. */
export type GridStatus = 'ok' | 'warn' | 'broken'

export interface GridCell {
  status: GridStatus
  /** The entries behind a ⚠️ or ❌, errors first. */
  ids: string[]
  /** The repository declares exactly this vcluster version with this minor on this host. */
  declared: boolean
}

export interface GridRow {
  vcluster: string
  /** The repository declares this vcluster version (on this grid's host). */
  declared: boolean
  cells: GridCell[]
}

/** An entry a cell points at, with the footnote letter the Markdown gives it. */
export interface GridReason {
  letter: string
  id: string
  title: string
  url: string | undefined
}

/**
 * vcluster versions × Kubernetes minors of the virtual cluster on one declared host (or with
 * no host declared); lifecycle entries left out, since they hold whatever a version is combined with.
 */
export interface CompatibilityGrid {
  minors: string[]
  /** Minors the repository declares with this host. */
  declaredMinors: string[]
  rows: GridRow[]
  host: Declaration | undefined
  /** The virtual cluster's distribution the cells assume. */
  distro: string | undefined
  /** Every entry a cell names, lettered in order of first appearance. */
  reasons: GridReason[]
}

const MAX_ROWS = 8
const MINORS_BELOW = 2
const MINORS_ABOVE = 1
/** More hosts than this and the summary would be all grids; the findings still cover every host. */
const MAX_GRIDS = 6

/**
 * What the database says about the versions around the repository's own, one grid per
 * declared host (a kind config at 1.31 and an EKS cluster at 1.34 can give opposite answers
 * for the same tenant): the declared vcluster versions and the minimum safe ones entries name,
 * against the declared virtual Kubernetes minors and their neighbours. Empty when nothing
 * vcluster-related is declared.
 */
export function compatibilityGrids(environments: readonly Environment[], database: Database, date?: string): CompatibilityGrid[] {
  const relevant = environments.filter((e) => e.vcluster || e.virtual)
  const byHost = new Map<string, Environment[]>()
  for (const environment of relevant) {
    const key = environment.host ? `${environment.host.version}/${environment.host.distro ?? ''}` : ''
    byHost.set(key, [...(byHost.get(key) ?? []), environment])
  }
  const grids: CompatibilityGrid[] = []
  for (const group of byHost.values()) {
    const grid = gridFor(group, database, date)
    if (grid) grids.push(grid)
    if (grids.length === MAX_GRIDS) break
  }
  return grids
}

function gridFor(environments: readonly Environment[], database: Database, date?: string): CompatibilityGrid | undefined {
  const exact = (d: Declaration | undefined): d is Declaration => d !== undefined && parsedOf(d).kind === 'exact'
  const declaredVclusters = unique(environments.flatMap((e) => (exact(e.vcluster) ? [e.vcluster.version] : [])))
  const kubernetes = environments.flatMap((e) => [e.virtual ?? e.host].filter((d): d is Declaration => d !== undefined))
  const declaredMinors = unique(kubernetes.flatMap((d) => minorOf(parsedOf(d)) ?? []))
  if (declaredVclusters.length === 0 || declaredMinors.length === 0) return undefined
  const declaredPairs = new Set(
    environments.flatMap((e) => {
      const minor = e.virtual ? minorOf(parsedOf(e.virtual)) : undefined
      return exact(e.vcluster) && minor ? [`${e.vcluster.version}|${minor}`] : []
    })
  )

  const safe = database.entries.flatMap((entry) => (entry.minimumSafe.vcluster ? [entry.minimumSafe.vcluster] : []))
  const versions = pickRows(unique([...declaredVclusters, ...safe]).sort(compareVersions), declaredVclusters)
  const minors = neighbourMinors(declaredMinors)
  const context = environments.find((e) => e.virtual) ?? environments[0]!
  // End-of-life dates hold for a version whatever it is combined with; they would paint whole rows.
  const combinations: Database = { ...database, entries: database.entries.filter((entry) => entry.when.lifecycle === undefined) }
  const host = context.host
  const distro = context.virtual?.distro

  const rows = versions.map((vcluster): GridRow => ({
    vcluster,
    declared: declaredVclusters.includes(vcluster),
    cells: minors.map((minor) => {
      const environment: Environment = {
        vcluster: synthetic({ component: 'vcluster', version: vcluster }),
        virtual: synthetic({ component: 'kubernetes', role: 'virtual', version: minor, ...(distro ? { distro } : {}) }),
        ...(host ? { host } : {})
      }
      const findings = evaluate([environment], combinations, date ? { date } : {})
      const status: GridStatus = findings.some((f) => f.severity === 'error' && f.certainty === 'affected')
        ? 'broken'
        : findings.length > 0
          ? 'warn'
          : 'ok'
      const rank = { error: 0, warning: 1, notice: 2 } as const
      const ids = unique([...findings].sort((a, b) => rank[a.severity] - rank[b.severity]).map((f) => f.id))
      return { status, ids, declared: declaredPairs.has(`${vcluster}|${minor}`) }
    })
  }))
  return { minors, declaredMinors, rows, host, distro, reasons: reasonsOf(rows, database) }
}

function reasonsOf(rows: readonly GridRow[], database: Database): GridReason[] {
  const ids = unique(rows.flatMap((row) => row.cells.flatMap((cell) => cell.ids)))
  return ids.map((id, index) => {
    const entry = database.entries.find((each) => each.id === id)
    return { letter: footnoteLetter(index), id, title: entry?.title ?? id, url: entry?.references[0] }
  })
}

/** a, b, …, z, aa, ab, … */
function footnoteLetter(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  return index < letters.length ? letters[index]! : `${letters[Math.floor(index / letters.length) - 1]}${letters[index % letters.length]}`
}

function synthetic(fields: Pick<Declaration, 'component' | 'version'> & Partial<Declaration>): Declaration {
  return { raw: fields.version, file: '', line: 0, column: 0, source: 'compatibility-grid', ...fields }
}

function neighbourMinors(declared: string[]): string[] {
  const numbers = declared.map((minor) => minor.split('.').map(Number) as [number, number])
  const major = numbers[0]![0]
  const sameMajor = numbers.filter(([m]) => m === major).map(([, minor]) => minor)
  const low = Math.max(0, Math.min(...sameMajor) - MINORS_BELOW)
  const high = Math.max(...sameMajor) + MINORS_ABOVE
  const minors: string[] = []
  for (let minor = low; minor <= high; minor++) minors.push(`${major}.${minor}`)
  return minors
}

/** Keeps every declared version and fills up with the lowest others above them. */
function pickRows(sorted: string[], declared: string[]): string[] {
  if (sorted.length <= MAX_ROWS) return sorted
  const keep = new Set(declared)
  for (const version of sorted) if (keep.size < MAX_ROWS && !keep.has(version)) keep.add(version)
  return sorted.filter((version) => keep.has(version))
}

/** Semver order through the range engine, which owns version comparison. */
function compareVersions(a: string, b: string): number {
  if (a === b) return 0
  return matchRange({ kind: 'exact', version: a }, `<${b}`) === 'affected' ? -1 : 1
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}
