import type { Database } from '../db/schema.js'
import type { Declaration, Finding, FindingLocation, FindingStatus, Severity } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { unknownBehind } from './unknown-versions.js'
import { minorOf } from '../versions/range.js'

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }
/** New first: what a change introduces is what its reviewer acts on. */
const STATUS_RANK: Record<FindingStatus | 'none', number> = { new: 0, none: 1, unchanged: 2, fixed: 3 }

/**
 * One finding per database entry and version set, with every location it applies to: thirty
 * Argo CD Applications of vcluster 0.22.1 give one end-of-life finding with thirty locations,
 * not thirty findings. Lifecycle facts are about a minor, so 0.22.0 and 0.22.1 share one. A
 * group never mixes statuses (new / unchanged / fixed) or waived with counted findings, so the
 * gate and the pull request's headline count exactly what they did before grouping.
 *
 * Ordered for a reader: errors, warnings, notices; within each, new before already present;
 * then by where the first location is.
 */
export function groupFindings(findings: readonly Finding[], database: Pick<Database, 'entries'>): Finding[] {
  const lifecycle = new Set(database.entries.filter((entry) => entry.when.lifecycle !== undefined).map((entry) => entry.id))
  const groups = new Map<string, { finding: Finding; locations: FindingLocation[]; places: Map<string, Place> }>()
  for (const finding of findings) {
    const key = groupKey(finding, lifecycle.has(finding.id))
    const location = locationOf(finding)
    const place = `${location.file}:${location.line}:${location.column}`
    const group = groups.get(key)
    if (group === undefined) {
      groups.set(key, { finding, locations: [location], places: new Map([[place, { location }]]) })
      continue
    }
    // Two findings at one place (one vcluster release on two host files) keep both sets of
    // declarations: a second host must never disappear behind the first. Places are looked up
    // and declarations gathered in sets: an unknown host under 400 releases is 13,000 findings
    // at 39 places, and searching and copying the lists made grouping quadratic (benchmark tree:
    // 0.44-0.61 s to 0.23-0.29 s of CPU, alternating runs, load average 20; one run 0.62 s).
    const same = group.places.get(place)
    if (same === undefined) {
      group.locations.push(location)
      group.places.set(place, { location })
    } else {
      same.declarations ??= new Set(same.location.declarations)
      for (const declaration of location.declarations) same.declarations.add(declaration)
    }
    // A certain finding speaks for the group; confirmed at runtime wins over predicted.
    if (group.finding.certainty === 'may-be-affected' && finding.certainty === 'affected') group.finding = finding
    if (finding.confirmedAtRuntime && !group.finding.confirmedAtRuntime) group.finding = finding
  }
  for (const group of groups.values()) for (const { location, declarations } of group.places.values()) if (declarations) location.declarations = [...declarations]
  return [...groups.values()].map(merge).sort(byReaderOrder)
}

/** A place of a group, with the declarations of every finding there once a second one joins it. */
interface Place {
  location: FindingLocation
  declarations?: Set<Declaration>
}

function merge({ finding, locations }: { finding: Finding; locations: FindingLocation[] }): Finding {
  // The finding that speaks for the group is reported first; the rest keep their scan order.
  const primary = locations.findIndex((location) => location.file === finding.file && location.line === finding.line && location.column === finding.column)
  const ordered = primary > 0 ? [locations[primary]!, ...locations.filter((_, index) => index !== primary)] : locations
  const declarations = unique(ordered.flatMap((location) => location.declarations))
  const usages = unique(ordered.flatMap((location) => location.usages ?? []))
  return { ...finding, declarations, ...(usages.length > 0 ? { usages } : {}), locations: ordered }
}

function locationOf(finding: Finding): FindingLocation {
  return {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    declarations: finding.declarations,
    ...(finding.usages ? { usages: finding.usages } : {})
  }
}

/** The entry, the versions that made it apply (minors for lifecycle facts), and how it is counted. */
function groupKey(finding: Finding, lifecycle: boolean): string {
  // A finding that cannot be decided is about what cannot be read, not about the versions beside it: one per
  // entry and unknown slot (one `latest` host under thirty tenants is one warning with thirty locations, each
  // naming its place).
  const unknown = finding.declarations.filter((declaration) => unknownBehind(declaration) !== undefined)
  const versions = unknown.length > 0 ? unknown.map((declaration) => `${declaration.component}/${declaration.role ?? ''}@unknown`) : finding.declarations.map((declaration) => versionKey(declaration, lifecycle))
  const apis = (finding.usages ?? []).filter((usage) => usage.feature === 'api').map((usage) => `${usage.apiVersion}/${usage.kind}`)
  const features = (finding.usages ?? []).filter((usage) => usage.feature !== 'api').map((usage) => usage.feature)
  const status = finding.status ?? 'none'
  const waived = finding.waived ? `waived:${finding.waived.owner}:${finding.waived.expires}` : ''
  const runtime = finding.evidence && !finding.declarations.length ? `evidence:${finding.evidence.source}` : ''
  // Without a version behind it (an expired waiver), a finding is its own group.
  const anchor = versions.length + apis.length + features.length === 0 ? `${finding.file}:${finding.line}:${finding.column}` : ''
  return [finding.id, status, waived, runtime, anchor, ...new Set(versions)].join('|') + `|${[...new Set(apis)].sort().join(',')}|${[...new Set(features)].sort().join(',')}`
}

function versionKey(declaration: Declaration, lifecycle: boolean): string {
  const role = declaration.component === 'kubernetes' ? `${declaration.role ?? 'host'}/${declaration.distro ?? ''}` : ''
  const version = lifecycle ? (minorOf(parsedOf(declaration)) ?? declaration.version) : declaration.version
  return `${declaration.component}/${role}@${version}`
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

function byReaderOrder(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATUS_RANK[a.status ?? 'none'] - STATUS_RANK[b.status ?? 'none'] ||
    Number(Boolean(a.waived)) - Number(Boolean(b.waived)) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
