import type { Database } from '../db/schema.js'
import type { Declaration, Environment } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { matchRange, minorOf } from '../versions/range.js'
import { evaluate } from './evaluate.js'

/** ✅ nothing known, ⚠️ a warning, a notice or a partial match, ❌ an error. */
export type GridStatus = 'ok' | 'warn' | 'broken'

export interface GridRow {
  vcluster: string
  /** The repository declares this vcluster version. */
  declared: boolean
  cells: Array<{ status: GridStatus; ids: string[] }>
}

/** vcluster versions × Kubernetes minors of the virtual cluster, the host held as declared; lifecycle entries left out. */
export interface CompatibilityGrid {
  minors: string[]
  /** Minors the repository declares, to highlight. */
  declaredMinors: string[]
  rows: GridRow[]
  host: Declaration | undefined
}

const MAX_ROWS = 8
const MINORS_BELOW = 2
const MINORS_ABOVE = 1

/**
 * What the database says about the versions around the repository's own: the declared
 * vcluster versions and the minimum safe ones entries name, against the declared virtual
 * Kubernetes minors and their neighbours. Undefined when nothing vcluster-related is declared.
 */
export function compatibilityGrid(environments: readonly Environment[], database: Database, date?: string): CompatibilityGrid | undefined {
  const relevant = environments.filter((e) => e.vcluster || e.virtual)
  const declaredVclusters = unique(relevant.flatMap((e) => (e.vcluster && parsedOf(e.vcluster).kind === 'exact' ? [e.vcluster.version] : [])))
  const kubernetes = relevant.flatMap((e) => [e.virtual ?? e.host].filter((d): d is Declaration => d !== undefined))
  const declaredMinors = unique(kubernetes.flatMap((d) => minorOf(parsedOf(d)) ?? []))
  if (declaredVclusters.length === 0 || declaredMinors.length === 0) return undefined

  const safe = database.entries.flatMap((entry) => (entry.minimumSafe.vcluster ? [entry.minimumSafe.vcluster] : []))
  const versions = pickRows(unique([...declaredVclusters, ...safe]).sort(compareVersions), declaredVclusters)
  const minors = neighbourMinors(declaredMinors)
  const context = relevant.find((e) => e.virtual) ?? relevant[0]!
  // End-of-life dates hold for a version whatever it is combined with; they would paint whole rows.
  const combinations: Database = { ...database, entries: database.entries.filter((entry) => entry.when.lifecycle === undefined) }
  const host = context.host

  const rows = versions.map((vcluster): GridRow => ({
    vcluster,
    declared: declaredVclusters.includes(vcluster),
    cells: minors.map((minor) => {
      const environment: Environment = {
        vcluster: synthetic({ component: 'vcluster', version: vcluster }),
        virtual: synthetic({ component: 'kubernetes', role: 'virtual', version: minor, ...(context.virtual?.distro ? { distro: context.virtual.distro } : {}) }),
        ...(host ? { host } : {})
      }
      const findings = evaluate([environment], combinations, date ? { date } : {})
      const status: GridStatus = findings.some((f) => f.severity === 'error' && f.certainty === 'affected')
        ? 'broken'
        : findings.length > 0
          ? 'warn'
          : 'ok'
      return { status, ids: unique(findings.map((f) => f.id)) }
    })
  }))
  return { minors, declaredMinors, rows, host }
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
