import type { Conditions, Database, Entry } from '../db/schema.js'
import type { Declaration, Environment, Finding, Usage } from '../model.js'
import type { ConditionCheck, EvaluationContext } from './conditions/condition.js'
import { lifecycleCheck } from './conditions/lifecycle.js'
import { skewCheck } from './conditions/skew.js'
import { kindNodeImagesCheck, outsideSupportCheck } from './conditions/support.js'
import { apiCheck, cgroupCheck, unlessFeatureGatesCheck, usesCheck } from './conditions/usages.js'
import { distroCheck, versionCheck } from './conditions/versions.js'
import { describeDeclaration, describeUsage } from './describe.js'
import { combine, HOLDS, type Match } from './match.js'
import { buildTargets, type Target } from './targets.js'

export { describeDeclaration } from './describe.js'
export type { EvaluationContext } from './conditions/condition.js'

/**
 * Every condition kind and how it is checked, in the order a finding lists what made it
 * apply (the first declaration is where the finding is reported unless a condition names
 * a better place, such as the manifest line that uses a removed API).
 */
const CHECKS: { [K in keyof Conditions]-?: ConditionCheck<NonNullable<Conditions[K]>> } = {
  vcluster: versionCheck('vcluster'),
  virtual: versionCheck('virtual'),
  virtualDistro: distroCheck('virtual'),
  host: versionCheck('host'),
  hostDistro: distroCheck('host'),
  cluster: versionCheck('cluster'),
  kind: versionCheck('kind'),
  kubectl: versionCheck('kubectl'),
  helm: versionCheck('helm'),
  runc: versionCheck('runc'),
  containerd: versionCheck('containerd'),
  uses: usesCheck,
  unlessFeatureGates: unlessFeatureGatesCheck,
  cgroup: cgroupCheck,
  api: apiCheck,
  skew: skewCheck,
  lifecycle: lifecycleCheck,
  outsideSupport: outsideSupportCheck,
  kindNodeImages: kindNodeImagesCheck
}
const ORDER = Object.keys(CHECKS) as Array<keyof Conditions>

export interface EvaluateOptions {
  /** The day lifecycle dates are checked against, `YYYY-MM-DD`; today (UTC) by default. */
  date?: string
  /** What manifests use (APIs, pod features, feature gates), from the manifest extractors. */
  usages?: readonly Usage[]
  /** Every declaration; runc, containerd and helm versions are read from here. */
  declarations?: readonly Declaration[]
}

/**
 * Checks every environment against every entry. An entry applies when all of its
 * conditions hold; each way they hold at once is a finding, reported at the first usage
 * (a manifest line) or declaration involved, with the others listed in its message.
 */
export function evaluate(environments: readonly Environment[], database: Database, options: EvaluateOptions = {}): Finding[] {
  const context: EvaluationContext = { date: options.date ?? today() }
  const targets = buildTargets(environments, options.usages ?? [], options.declarations ?? [])
  const findings = new Map<string, Finding>()
  for (const entry of database.entries) {
    for (const target of targets) {
      for (const finding of applyEntry(entry, target, context)) {
        const key = `${finding.id}|${finding.file}:${finding.line}:${finding.column}|${finding.declarations.map(locationKey).join('|')}`
        if (!findings.has(key)) findings.set(key, finding)
      }
    }
  }
  return [...findings.values()].sort(byLocation)
}

/** The findings one entry produces on one target (none when a condition does not hold). */
export function applyEntry(entry: Entry, target: Target, context: EvaluationContext): Finding[] {
  let matches: Match[] = [HOLDS]
  for (const condition of ORDER) {
    const value = entry.when[condition]
    if (value === undefined) continue
    const check = CHECKS[condition] as ConditionCheck<typeof value>
    matches = combine(matches, check(value, target, entry, context))
    if (matches.length === 0) return []
  }
  return matches.flatMap((match) => toFinding(entry, match))
}

function toFinding(entry: Entry, match: Match): Finding[] {
  const anchor = match.anchor ?? match.usages[0] ?? match.declarations[0]
  if (!anchor) return []
  return [
    {
      id: entry.id,
      severity: entry.severity,
      title: entry.title,
      message: describeMatch(match),
      remediation: entry.remediation,
      references: [...entry.references],
      certainty: match.certainty,
      file: anchor.file,
      line: anchor.line,
      column: anchor.column,
      declarations: match.declarations,
      ...(match.usages.length > 0 ? { usages: match.usages } : {})
    }
  ]
}

function describeMatch(match: Match): string {
  const parts = [
    ...match.declarations.map((d) => `${describeDeclaration(d)} at ${d.file}:${d.line}`),
    ...match.usages.filter((u) => u.feature !== 'api').map((u) => `${describeUsage(u)} at ${u.file}:${u.line}`)
  ]
  const prefix = match.certainty === 'may-be-affected' ? 'May be affected: the declared range includes affected versions. ' : ''
  const combination = parts.length > 0 ? `${parts.join(' with ')}.` : ''
  return [prefix + combination, ...match.details].filter((part) => part !== '').join(' ')
}

/** Today as `YYYY-MM-DD` in UTC, the default evaluation date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10)
}

function locationKey(declaration: Declaration): string {
  return `${declaration.file}:${declaration.line}:${declaration.column}`
}

const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 } as const

function byLocation(a: Finding, b: Finding): number {
  // Plain code-unit order: stable across locales and much cheaper than localeCompare on many findings.
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
