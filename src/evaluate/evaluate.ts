import type { Conditions, Database, Entry } from '../db/schema.js'
import type { Declaration, Environment, Finding, Location, Usage } from '../model.js'
import type { ConditionCheck, EvaluationContext } from './conditions/condition.js'
import { lifecycleCheck } from './conditions/lifecycle.js'
import { skewCheck } from './conditions/skew.js'
import { kindNodeImagesCheck, outsideSupportCheck } from './conditions/support.js'
import { apiCheck, cgroupCheck, cgroupDriverCheck, unlessFeatureGatesCheck, usesCheck } from './conditions/usages.js'
import { distroCheck, versionCheck } from './conditions/versions.js'
import { describeDeclaration, describeUsage } from './describe.js'
import { combine, HOLDS, type Match } from './match.js'
import { qualifyFinding } from './qualify.js'
import { buildTargets, type Target } from './targets.js'
import type { UsageSet } from './usage-set.js'

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
  cgroupDriver: cgroupDriverCheck,
  api: apiCheck,
  skew: skewCheck,
  lifecycle: lifecycleCheck,
  outsideSupport: outsideSupportCheck,
  kindNodeImages: kindNodeImagesCheck
}
const ORDER = Object.keys(CHECKS) as Array<keyof Conditions>

/**
 * Conditions that hold once per manifest object (each use of a removed API, each container
 * with the features): what they yield on all of a target's usages is what they yield on
 * each set of its usages, put together.
 */
const PER_OBJECT_CONDITIONS: ReadonlySet<keyof Conditions> = new Set(['uses', 'api'])

export interface EvaluateOptions {
  /** The day lifecycle dates are checked against, `YYYY-MM-DD`; today (UTC) by default. */
  date?: string
  /** What manifests use (APIs, pod features, feature gates), from the manifest extractors. */
  usages?: readonly Usage[]
  /** Every declaration; runc, containerd and helm versions are read from here. */
  declarations?: readonly Declaration[]
}

/** A finding with the number of environments it holds in. */
interface Counted {
  finding: Finding
  environments: number
  /** Reported at a manifest line (a usage) rather than at a declaration. */
  atUsage: boolean
}

/**
 * Checks every environment against every entry. An entry applies when all of its
 * conditions hold; each way they hold at once is a finding, reported at the first usage
 * (a manifest line) or declaration involved, with the others listed in its message. A
 * manifest line is reported once per entry: when the entry holds for it in several
 * environments, the finding says in how many more.
 */
export function evaluate(environments: readonly Environment[], database: Database, options: EvaluateOptions = {}): Finding[] {
  const context: EvaluationContext = { date: options.date ?? today() }
  const targets = buildTargets(environments, options.usages ?? [], options.declarations ?? [])
  const reported = new Map<string, Counted>()
  for (const entry of database.entries) {
    for (const counted of entryOnTargets(entry, targets, context)) {
      const { finding } = counted
      const key = findingKey(finding.id, finding, finding.declarations, counted.atUsage)
      const earlier = reported.get(key)
      if (earlier === undefined) reported.set(key, { ...counted })
      else if (counted.atUsage) {
        earlier.environments += counted.environments
        if (earlier.finding.certainty === 'may-be-affected' && finding.certainty === 'affected') earlier.finding = finding
      }
    }
  }
  return [...reported.values()].map(withEnvironmentCount).sort(byLocation)
}

/**
 * One entry on every target. An entry with one per-object condition (an API, a combination
 * of pod features) yields the same findings on the manifests outside every environment in
 * each target where its other conditions hold: those findings are worked out once, for the
 * first such target, and every other one is only counted. A repository of 400 environments
 * and 20,000 manifest objects then costs 400 version checks, not 8 million matches.
 */
function entryOnTargets(entry: Entry, targets: readonly Target[], context: EvaluationContext): Counted[] {
  const perObject = ORDER.filter((condition) => PER_OBJECT_CONDITIONS.has(condition) && entry.when[condition] !== undefined)
  const countedOf = (match: Match, target: Target): Counted | undefined => {
    const finding = toFinding(entry, match)
    return finding && { finding: qualifyFinding(finding, target.environment), environments: 1, atUsage: isAtUsage(match) }
  }
  const findingsOf = (matches: Match[], target: Target): Counted[] => {
    const counted: Counted[] = []
    for (const match of matches) {
      const one = countedOf(match, target)
      if (one) counted.push(one)
    }
    return counted
  }
  if (perObject.length !== 1) {
    // Fast path: a finding at a declaration is reported once per key (evaluate keeps the first),
    // and environments that share a declaration (a vcluster release with each of 20 hosts) match
    // it again on every one: its key is checked before its message is written. The benchmark
    // tree's 3,187 environments made 19,289 such findings for 4,171 kept; evaluation went from
    // 1.10–1.26 s to 0.85–1.10 s of CPU (three alternating fresh processes, load average 15).
    const made = new Set<string>()
    const out: Counted[] = []
    for (const target of targets) {
      for (const match of matchConditions(entry, target, context)) {
        const anchor = anchorOf(match)
        if (anchor === undefined) continue
        if (!isAtUsage(match)) {
          const key = findingKey(entry.id, anchor, match.declarations, false)
          if (made.has(key)) continue
          made.add(key)
        }
        const one = countedOf(match, target)
        if (one) out.push(one)
      }
    }
    return out
  }

  const condition = perObject[0]!
  // What the condition finds in a set of usages does not depend on the target: ask each set once.
  const found = new Map<UsageSet, Match[]>()
  const foundIn = (target: Target, set: UsageSet): Match[] => {
    let matches = found.get(set)
    if (matches === undefined) {
      const check = CHECKS[condition] as ConditionCheck<unknown>
      matches = check(entry.when[condition], { ...target, usages: [set] }, entry, context)
      found.set(set, matches)
    }
    return matches
  }
  const on = (set: UsageSet, target: Target): ConditionScope => ({ restrict: { condition, usages: [set], matches: foundIn(target, set) } })
  const out: Counted[] = []
  // The findings on the shared set and how many targets they hold in, counted once per target
  // and written into them when they stop being the current ones (thousands of findings × hundreds of targets).
  let shared: { findings: Counted[]; environments: number; mayBeAffected: boolean } | undefined
  const settle = (group: typeof shared): void => {
    for (const counted of group?.findings ?? []) counted.environments = group?.environments ?? 1
  }
  for (const target of targets) {
    const sets = target.usages.filter((set) => foundIn(target, set).length > 0)
    if (sets.length === 0) continue
    const others = matchConditions(entry, target, context, { skip: condition })
    if (others.length === 0) continue
    for (const set of sets) {
      if (set === target.shared) continue
      out.push(...findingsOf(matchConditions(entry, target, context, on(set, target)), target))
    }
    if (!sets.includes(target.shared)) continue
    // A target where the versions are certainly affected replaces one where they only may be.
    const upgrades = shared?.mayBeAffected === true && others.some((m) => m.certainty === 'affected')
    if (shared && !upgrades) {
      shared.environments++
      continue
    }
    settle(shared)
    const onShared = findingsOf(matchConditions(entry, target, context, on(target.shared, target)), target)
    out.push(...onShared)
    // Findings reported at a declaration differ between targets: those are never shared.
    // Whether any of them only may be affected is asked of every later target: worked out once here.
    shared = onShared.every((c) => c.atUsage)
      ? { findings: onShared, environments: 1, mayBeAffected: onShared.some((c) => c.finding.certainty === 'may-be-affected') }
      : undefined
  }
  settle(shared)
  return out
}

/** The findings one entry produces on one target (none when a condition does not hold). */
export function applyEntry(entry: Entry, target: Target, context: EvaluationContext): Finding[] {
  return matchConditions(entry, target, context).flatMap((match) => toFinding(entry, match) ?? [])
}

/** The ways the entry holds on one target that make a finding (those with a place to report it at), without the findings' words. */
export function matchesOf(entry: Entry, target: Target, context: EvaluationContext): Match[] {
  return matchConditions(entry, target, context).filter((match) => anchorOf(match) !== undefined)
}

interface ConditionScope {
  /** Leave this condition out. */
  skip?: keyof Conditions
  /** Check this condition on these usages only; `matches` when they are already known. */
  restrict?: { condition: keyof Conditions; usages: readonly UsageSet[]; matches?: readonly Match[] }
}

/** Every way the entry's conditions hold at once, in condition order. */
function matchConditions(entry: Entry, target: Target, context: EvaluationContext, scope: ConditionScope = {}): Match[] {
  let matches: Match[] = [HOLDS]
  const present = conditionsOf(entry)
  for (let index = 0; index < present.length; index++) {
    const { condition, value, check } = present[index]!
    if (condition === scope.skip) continue
    const restricted = scope.restrict?.condition === condition ? scope.restrict : undefined
    const found = restricted?.matches ?? check(value, restricted ? { ...target, usages: restricted.usages } : target, entry, context)
    matches = combine(matches, found)
    if (matches.length === 0) return []
  }
  return matches
}

interface PresentCondition {
  condition: keyof Conditions
  value: unknown
  check: ConditionCheck<unknown>
}

const PRESENT = new WeakMap<Entry, PresentCondition[]>()

/**
 * The conditions an entry sets, in condition order, with their checks: worked out once per
 * entry, not looked up among all nineteen kinds on each of the thousands of targets.
 */
function conditionsOf(entry: Entry): PresentCondition[] {
  let present = PRESENT.get(entry)
  if (present === undefined) {
    present = ORDER.filter((condition) => entry.when[condition] !== undefined).map((condition) => ({
      condition,
      value: entry.when[condition],
      check: CHECKS[condition] as ConditionCheck<unknown>
    }))
    PRESENT.set(entry, present)
  }
  return present
}

function isAtUsage(match: Match): boolean {
  const anchor = match.anchor ?? match.usages[0]
  return anchor !== undefined && 'feature' in anchor
}

function withEnvironmentCount({ finding, environments }: Counted): Finding {
  if (environments < 2) return finding
  const more = environments - 1
  return { ...finding, message: `${finding.message} It holds for ${more} more environment${more === 1 ? '' : 's'} this manifest may be deployed to.` }
}

/** The finding a match makes, at its anchor; none for a match with nothing to report it at. */
function toFinding(entry: Entry, match: Match): Finding | undefined {
  const anchor = anchorOf(match)
  if (!anchor) return undefined
  return {
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
}

function anchorOf(match: Match): Match['anchor'] {
  return match.anchor ?? match.usages[0] ?? match.declarations[0]
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

/** What makes two findings one: the entry and place, and for a finding at a declaration the declarations it is made of. */
function findingKey(id: string, at: Location, declarations: readonly Declaration[], atUsage: boolean): string {
  const place = `${id}|${at.file}:${at.line}:${at.column}`
  return atUsage ? place : `${place}|${declarations.map(locationKey).join('|')}`
}

function locationKey(declaration: Declaration): string {
  return `${declaration.file}:${declaration.line}:${declaration.column}`
}

const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 } as const

function byLocation(a: Finding, b: Finding): number {
  // Plain code-unit order: stable across locales and much cheaper than localeCompare on many findings.
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
