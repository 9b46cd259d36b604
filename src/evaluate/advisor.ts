import type { Database, Entry } from '../db/schema.js'
import type { Declaration, Environment, Finding } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { compareVersions, isPrerelease, isVersion, minorOfVersion, rangeBoundaries } from '../versions/boundaries.js'
import { minorOf } from '../versions/range.js'
import { newestKnown } from '../db/freshness.js'
import { matchesOf } from './evaluate.js'
import { buildTargets } from './targets.js'

/** One change of a version and the errors and warnings (entry ids) it clears. */
export interface UpgradeStep {
  component: 'vcluster' | 'virtual' | 'host' | 'kubectl'
  from: string
  to: string
  /** The virtual cluster's distribution changes too (k3s → k8s). */
  distro?: { from: string; to: string }
  clears: string[]
}

/** A set of changes, and what still holds afterwards. */
export interface UpgradeOption {
  steps: UpgradeStep[]
  /** Errors and warnings (entry ids) that still hold with these versions. */
  remaining: string[]
  /** A proposed version is past its end of life, because no other clears the errors. */
  endOfLife: boolean
}

/**
 * What the database says this environment should move to: the nearest versions that clear
 * every error and warning that a version change can clear, given the distribution, the host
 * and the other declared versions. Computed from the whole database, so it never proposes a
 * version that another entry flags (test/evaluate/advisor-walk.test.ts holds that).
 */
export interface UpgradeAdvice {
  /** Errors and warnings that hold now (entry ids). */
  current: string[]
  recommended?: UpgradeOption
  /** Keeping the distribution when the recommendation switches it: how far that gets. */
  keepingDistro?: UpgradeOption
  /** Keeping the distribution, no release clears these (entry ids). */
  distroBlocked?: string[]
  /** The first vcluster release above the recommended one where an error appears, and which. */
  ceiling?: { vcluster: string; ids: string[] }
  /** The advice in words, the fix text of the environment's findings. */
  text: string
}

/** Conditions that need something other than versions (a manifest, a feature gate, a node): a version change does not decide them. */
const NOT_VERSIONS = ['uses', 'api', 'cgroup', 'unlessFeatureGates'] as const

interface Knowledge {
  entries: Entry[]
  vclusters: string[]
  kubernetesMinors: string[]
  endOfLife: Set<string>
  /** Entries that can be an error or a warning: notices never stand in the way of a version. */
  judged: Entry[]
  cache: Map<string, Judged[]>
  /** Advice per combination of versions and day (see adviseUpgrade). */
  advice: Map<string, UpgradeAdvice | undefined>
  /** The lists the search walks, per version it starts from (see releasesAfter). */
  releasesAfter: Map<string, string[]>
  newerReleases: Map<string, string[]>
  minorsAfter: Map<string, string[]>
}

const KNOWLEDGE = new WeakMap<Database, Knowledge>()

/** The releases and minors the database knows of, worked out once per database. */
function knowledgeOf(database: Database): Knowledge {
  let known = KNOWLEDGE.get(database)
  if (known) return known
  const vclusters = new Set<string>()
  const minors = new Set<string>()
  const addMinor = (version: string) => {
    const minor = minorOfVersion(version)
    if (minor && minor.startsWith('1.')) minors.add(minor)
  }
  for (const entry of database.entries) {
    const { when } = entry
    if (when.vcluster) rangeBoundaries(when.vcluster).forEach((v) => vclusters.add(v))
    for (const v of entry.fixedIn.vcluster ?? []) vclusters.add(v)
    if (entry.minimumSafe.vcluster && isVersion(entry.minimumSafe.vcluster)) vclusters.add(entry.minimumSafe.vcluster)
    for (const row of when.outsideSupport ?? []) {
      rangeBoundaries(row.vcluster).forEach((v) => vclusters.add(v))
      rangeBoundaries(row.kubernetes).forEach(addMinor)
    }
    for (const range of [when.virtual, when.host, when.cluster]) if (range) rangeBoundaries(range).forEach(addMinor)
    if (when.lifecycle) {
      for (const minor of Object.keys(when.lifecycle.dates)) {
        if (when.lifecycle.of === 'vcluster') vclusters.add(`${minor}.0`)
        else minors.add(minor)
      }
    }
  }
  // A pre-release the database names leads to its release (0.35.3-rc.1 to 0.35.3), which carries the same fix.
  for (const version of [...vclusters]) {
    const release = version.replace(/-.*$/, '')
    if (release !== version && isVersion(release)) vclusters.add(release)
  }
  // A range's upper bound (<0.38.0-0) is not a release: nothing newer than the newest minor the tables list is proposed.
  const newest = newestKnown(database)
  const listed = (minor: string | undefined, limit: string | undefined) => limit === undefined || minor === undefined || compareMinors(minor, limit) <= 0
  known = {
    entries: database.entries.filter((entry) => NOT_VERSIONS.every((condition) => entry.when[condition] === undefined)),
    vclusters: [...vclusters].filter((v) => isVersion(v) && listed(minorOfVersion(v), newest.vcluster)).sort(compareVersions),
    kubernetesMinors: [...minors].filter((m) => listed(m, newest.kubernetes)).sort(compareMinors),
    endOfLife: new Set(database.entries.filter((entry) => entry.when.lifecycle && /end of life/.test(entry.when.lifecycle.phase)).map((entry) => entry.id)),
    judged: [],
    cache: new Map(),
    advice: new Map(),
    releasesAfter: new Map(),
    newerReleases: new Map(),
    minorsAfter: new Map()
  }
  known.judged = known.entries.filter((entry) => entry.severity !== 'notice')
  KNOWLEDGE.set(database, known)
  return known
}

/** What the advice reads of a finding: which entry, how severe, made of which declarations. */
type Judged = Pick<Finding, 'id' | 'severity' | 'declarations'>

/**
 * The errors and warnings of a combination of versions, remembered: environments share most
 * combinations. Fast path: only the entries that can be an error or a warning are matched, and
 * a match becomes its entry's id, severity and declarations, not a finding with its message
 * (the advice reads nothing else). The benchmark tree has 5,738 combinations judged; each
 * match used to make a finding with its message, only to be thrown away.
 */
function judge(known: Knowledge, environment: Environment, date: string): Judged[] {
  const key = versionsKey(environment)
  let findings = known.cache.get(key)
  if (findings === undefined) {
    const [target] = buildTargets([environment], [], [])
    findings = []
    for (const entry of known.judged) {
      for (const match of matchesOf(entry, target!, { date })) findings.push({ id: entry.id, severity: entry.severity, declarations: match.declarations })
    }
    known.cache.set(key, findings)
  }
  return findings
}

/** What the advice reads of an environment: each slot's version, distribution and whether it is a range. */
function versionsKey(environment: Environment): string {
  return [environment.vcluster, environment.virtual, environment.host, environment.kind, environment.kubectl]
    .map((d) => (d ? `${d.version}/${d.distro ?? ''}/${d.constraint ? 'r' : ''}` : '-'))
    .join('|')
}

interface Scored {
  environment: Environment
  /** Errors on the vcluster side (vcluster or virtual cluster). */
  errors: Judged[]
  /** Warnings that flag a version this candidate proposes. */
  flagged: Judged[]
  /** Position in the search: fewer and nearer changes first. */
  order: number
}

/**
 * Advice for one environment on a day, in three stages. (1) The errors: vcluster releases
 * (the declared one; newer patches of its own minor, newest first; then newer minors, nearest
 * first; pre-releases only when no release will do) with the virtual cluster's minor (the
 * declared one, then newer), the host held as declared, until no error holds and no warning
 * flags a proposed version; when the distribution cannot get there (vcluster removed k3s and
 * k0s), the same with k8s. (2) The warnings left on the virtual cluster (its end of life, an
 * untested minor): the nearest newer minor that clears them. (3) The host's own: its nearest
 * newer minor that clears them and adds nothing.
 */
export function adviseUpgrade(environment: Environment, database: Database, date: string): UpgradeAdvice | undefined {
  const known = knowledgeOf(database)
  // Fast path: the advice reads nothing of an environment but its versionsKey (places and groups
  // only come back through `judge`, itself keyed so), and a monorepo's environments repeat few
  // combinations; one object per combination is shared, never changed after it is made.
  // Measured with the light `judge` above on the benchmark tree (3,187 environments, 606
  // combinations): the advice went from 2.1–3.5 s to 0.9–1.2 s of CPU in a fresh process.
  const key = `${date}|${versionsKey(environment)}`
  if (known.advice.has(key)) return known.advice.get(key)
  const advice = adviseAnew(known, environment, date)
  known.advice.set(key, advice)
  return advice
}

function adviseAnew(known: Knowledge, environment: Environment, date: string): UpgradeAdvice | undefined {
  const { vcluster, virtual, host } = environment
  if (!vcluster && !virtual && !host) return undefined
  const exact = (d: Declaration | undefined) => d === undefined || parsedOf(d).kind !== 'range'
  if (!exact(vcluster) || !exact(virtual) || !exact(host)) return undefined

  const current = unique(judge(known, environment, date).map((f) => f.id))
  if (current.length === 0) return { current, text: '' }

  let keepingDistro: UpgradeOption | undefined
  let blocked: string[] | undefined
  let chosen = vcluster || virtual ? searchErrors(known, environment, virtual?.distro, date) : undefined
  if (chosen && !cleared(chosen) && vcluster && (virtual?.distro === 'k3s' || virtual?.distro === 'k0s')) {
    const switched = searchErrors(known, environment, 'k8s', date)
    if (switched && cleared(switched)) {
      // The distribution's own way is worth naming only when it clears the errors and only an end of life flags it.
      const usable = chosen.errors.length === 0 && chosen.flagged.every((f) => known.endOfLife.has(f.id))
      if (usable) keepingDistro = optionOf(known, environment, chosen.environment, date)
      else blocked = unique([...chosen.errors, ...chosen.flagged].map((f) => f.id))
      chosen = switched
    }
  }
  let target = chosen?.environment ?? environment
  const warned = target
  target = clearVirtualWarnings(known, warned, date, warned.virtual?.distro)
  // Warnings only (an end of life) that no release still shipping k3s or k0s clears: the same switch to k8s.
  const distro = warned.virtual?.distro
  if (target === warned && !blocked && !keepingDistro && vcluster && (distro === 'k3s' || distro === 'k0s')) {
    const switched = clearVirtualWarnings(known, warned, date, 'k8s')
    if (switched !== warned) {
      blocked = unique(openVirtualWarnings(known, warned, date).map((f) => f.id))
      target = switched
      // The ceiling is the switched distribution's: k3s's own (its removal) no longer applies.
      chosen = { environment: switched, errors: judge(known, switched, date).filter((f) => f.severity === 'error'), flagged: [], order: 0 }
    }
  }
  target = clearHost(known, target, date)
  target = clearKubectl(known, target, date)
  const recommended = optionOf(known, environment, target, date)
  const ceiling = chosen ? ceilingOf(known, chosen, date) : undefined
  const advice: UpgradeAdvice = {
    current,
    ...(recommended.steps.length > 0 ? { recommended } : {}),
    ...(keepingDistro ? { keepingDistro } : {}),
    ...(blocked ? { distroBlocked: blocked } : {}),
    ...(ceiling ? { ceiling } : {}),
    text: ''
  }
  advice.text = describeAdvice(environment, advice)
  return advice
}

function cleared(scored: Scored): boolean {
  return scored.errors.length === 0 && scored.flagged.length === 0
}

/** Stage 1: the nearest vcluster release (and virtual minor) with no error and no warning on a proposed version. */
function searchErrors(known: Knowledge, environment: Environment, distro: string | undefined, date: string): Scored | undefined {
  const { vcluster, virtual } = environment
  let best: Scored | undefined
  let order = 0
  const minors = virtual ? [undefined, ...newerMinors(known, virtual)] : [undefined]
  for (const prerelease of [false, true]) {
    if (prerelease && best && best.errors.length === 0) break
    const releases = vcluster ? releasesAfter(known, vcluster.version, prerelease) : []
    for (const minor of minors) {
      for (const release of prerelease ? releases : [undefined, ...releases]) {
        const candidate = withVersions(environment, release, minor, distro)
        const findings = judge(known, candidate, date)
        const changed = changedSlots(environment, candidate)
        const scored: Scored = {
          environment: candidate,
          errors: findings.filter((f) => f.severity === 'error' && f.declarations.some(isVclusterSide)),
          flagged: findings.filter((f) => f.severity === 'warning' && f.declarations.some((d) => changed.has(slotOf(d)))),
          order: order++
        }
        if (cleared(scored)) return scored
        if (best === undefined || better(scored, best)) best = scored
      }
    }
  }
  return best
}

/**
 * Newer releases: patches of the same minor newest first (the user's own line), then newer minors nearest first.
 * Fast path: kept per starting version, like the newer releases and minors below. The search asks
 * for them once per combination and stage, and each comparison parses both versions: on the
 * benchmark tree 1,549 calls compared about 120,000 pairs, a sixth of the advice's CPU time.
 */
function releasesAfter(known: Knowledge, version: string, prerelease: boolean): readonly string[] {
  const key = `${prerelease ? 'pre' : 'release'}|${version}`
  let releases = known.releasesAfter.get(key)
  if (releases === undefined) {
    const newer = known.vclusters.filter((v) => isPrerelease(v) === prerelease && compareVersions(v, version) > 0)
    const minor = minorOfVersion(version)
    const own = newer.filter((v) => minorOfVersion(v) === minor).reverse()
    releases = [...own, ...newer.filter((v) => minorOfVersion(v) !== minor)]
    known.releasesAfter.set(key, releases)
  }
  return releases
}

/** The releases (not pre-releases) newer than `version`, oldest first. */
function newerReleases(known: Knowledge, version: string): readonly string[] {
  let releases = known.newerReleases.get(version)
  if (releases === undefined) {
    releases = known.vclusters.filter((release) => !isPrerelease(release) && compareVersions(release, version) > 0)
    known.newerReleases.set(version, releases)
  }
  return releases
}

/** Stage 2: warnings still on the vcluster side (the virtual cluster's end of life, an untested minor). */
function clearVirtualWarnings(known: Knowledge, environment: Environment, date: string, distro: string | undefined): Environment {
  const { virtual, vcluster } = environment
  const open = (env: Environment) => openVirtualWarnings(known, env, date)
  if ((!virtual && !vcluster) || open(environment).length === 0) return environment
  const releases = vcluster ? [undefined, ...releasesAfter(known, vcluster.version, false)] : [undefined]
  // The declared minor first: a vcluster past its end of life is cleared by a release alone.
  for (const minor of virtual ? [undefined, ...newerMinors(known, virtual)] : [undefined]) {
    for (const release of releases) {
      if (minor === undefined && release === undefined && distro === virtual?.distro) continue
      const candidate = withVersions(environment, release, minor, distro)
      if (open(candidate).length === 0) return candidate
    }
  }
  return environment
}

/** What stage 2 clears: findings of the vcluster side; kubectl's distance from the cluster is stage 4's (it follows the minor chosen here). */
function openVirtualWarnings(known: Knowledge, environment: Environment, date: string): Judged[] {
  const judged = judge(known, environment, date)
  let open = OPEN_VIRTUAL.get(judged)
  if (open === undefined) {
    open = judged.filter((f) => f.declarations.some(isVclusterSide) && !f.declarations.some((d) => slotOf(d) === 'kubectl'))
    OPEN_VIRTUAL.set(judged, open)
  }
  return open
}

/**
 * Stage 2's view of a judged combination, kept with it: the search tries 78,000 candidates on the
 * benchmark tree for 5,800 combinations judged, and filtered each one's findings again every time.
 */
const OPEN_VIRTUAL = new WeakMap<Judged[], Judged[]>()

/** Stage 3: what only the host can clear (its own end of life), by its nearest newer minor that adds nothing. */
function clearHost(known: Knowledge, environment: Environment, date: string): Environment {
  const { host } = environment
  if (!host) return environment
  // Only what the host alone decides: a kubectl or kind finding with the host is not cleared by moving the host.
  const hostOnly = (env: Environment) => judge(known, env, date).filter((f) => f.declarations.every((d) => slotOf(d) === 'host'))
  if (hostOnly(environment).length === 0) return environment
  const before = new Set(judge(known, environment, date).map((f) => f.id))
  for (const minor of newerMinors(known, host)) {
    const candidate = { ...environment, host: { ...host, version: minor, raw: minor } }
    if (hostOnly(candidate).length === 0 && judge(known, candidate, date).every((f) => before.has(f.id))) return candidate
  }
  return environment
}

/** Stage 4: kubectl too far from the cluster it talks to (the virtual one, else the host): the cluster's own minor. */
function clearKubectl(known: Knowledge, environment: Environment, date: string): Environment {
  const { kubectl } = environment
  const cluster = environment.virtual ?? environment.host
  const minor = cluster && minorOf(parsedOf(cluster))
  if (!kubectl || !minor) return environment
  const open = (env: Environment) => judge(known, env, date).filter((f) => f.declarations.some((d) => slotOf(d) === 'kubectl'))
  if (open(environment).length === 0) return environment
  const candidate = { ...environment, kubectl: { ...kubectl, version: minor, raw: minor } }
  return open(candidate).length === 0 ? candidate : environment
}

type Slot = 'vcluster' | 'virtual' | 'host' | 'kubectl' | 'other'

function slotOf(declaration: Declaration): Slot {
  if (declaration.component === 'vcluster') return 'vcluster'
  if (declaration.component === 'kubectl') return 'kubectl'
  if (declaration.component === 'kubernetes') return declaration.role === 'virtual' ? 'virtual' : 'host'
  return 'other'
}

function changedSlots(before: Environment, after: Environment): Set<Slot> {
  const changed = new Set<Slot>()
  for (const slot of ['vcluster', 'virtual', 'host', 'kubectl'] as const) {
    const a = before[slot]
    const b = after[slot]
    if (a && b && (a.version !== b.version || a.distro !== b.distro)) changed.add(slot)
  }
  return changed
}

/** Declarations a vcluster or virtual-cluster change can move; the rest (host, kind, kubectl) are held. */
function isVclusterSide(declaration: Declaration): boolean {
  const slot = slotOf(declaration)
  return slot === 'vcluster' || slot === 'virtual'
}

function better(a: Scored, b: Scored): boolean {
  return a.errors.length - b.errors.length < 0 || (a.errors.length === b.errors.length && (a.flagged.length < b.flagged.length || (a.flagged.length === b.flagged.length && a.order < b.order)))
}

function newerMinors(known: Knowledge, declaration: Declaration): readonly string[] {
  const minor = minorOf(parsedOf(declaration))
  if (minor === undefined) return []
  let newer = known.minorsAfter.get(minor)
  if (newer === undefined) {
    newer = known.kubernetesMinors.filter((m) => compareMinors(m, minor) > 0)
    known.minorsAfter.set(minor, newer)
  }
  return newer
}

function withVersions(environment: Environment, release: string | undefined, minor: string | undefined, distro: string | undefined): Environment {
  const out: Environment = { ...environment }
  if (release !== undefined && environment.vcluster) out.vcluster = { ...environment.vcluster, version: release, raw: release }
  if (environment.virtual && (minor !== undefined || distro !== environment.virtual.distro)) {
    const version = minor ?? environment.virtual.version
    out.virtual = { ...environment.virtual, version, raw: version, ...(distro ? { distro } : {}) }
  }
  return out
}

/** The changes from `before` to `after`, each with what it clears, and what still holds. */
function optionOf(known: Knowledge, before: Environment, after: Environment, date: string): UpgradeOption {
  const now = new Set(judge(known, before, date).map((f) => f.id))
  const then = judge(known, after, date)
  const remaining = unique(then.map((f) => f.id))
  const steps: UpgradeStep[] = []
  for (const slot of changedSlots(before, after)) {
    if (slot === 'other') continue
    const from = before[slot]!
    const to = after[slot]!
    const slotFindings = (findings: Judged[]) => findings.filter((f) => f.declarations.some((d) => slotOf(d) === slot))
    const clears = [...now].filter((id) => slotFindings(judge(known, before, date)).some((f) => f.id === id) && !remaining.includes(id))
    steps.push({
      component: slot,
      from: minorIfKubernetes(from),
      to: minorIfKubernetes(to),
      ...(from.distro !== to.distro && from.distro && to.distro ? { distro: { from: from.distro, to: to.distro } } : {}),
      clears
    })
  }
  const proposed = then.filter((f) => f.declarations.some((d) => changedSlots(before, after).has(slotOf(d))))
  return { steps, remaining, endOfLife: proposed.some((f) => known.endOfLife.has(f.id)) }
}

function minorIfKubernetes(declaration: Declaration): string {
  return declaration.component === 'kubernetes' ? (minorOf(parsedOf(declaration)) ?? declaration.version) : declaration.version
}

/** The first newer release, with the same Kubernetes versions, where an error the recommendation does not have appears. */
function ceilingOf(known: Knowledge, chosen: Scored, date: string): UpgradeAdvice['ceiling'] {
  const { vcluster } = chosen.environment
  if (!vcluster) return undefined
  const had = new Set(chosen.errors.map((f) => f.id))
  for (const release of newerReleases(known, vcluster.version)) {
    const candidate = { ...chosen.environment, vcluster: { ...vcluster, version: release, raw: release } }
    const fresh = judge(known, candidate, date).filter((f) => f.severity === 'error' && !had.has(f.id))
    if (fresh.length > 0) return { vcluster: release, ids: unique(fresh.map((f) => f.id)) }
  }
  return undefined
}

function describeStep(step: UpgradeStep, withNow: boolean): string {
  const now = (from: string) => (withNow ? ` (now ${from})` : '')
  if (step.component === 'vcluster' || step.component === 'kubectl') return `${step.component} ${step.to}${now(step.from)}`
  const where = step.component === 'virtual' ? 'virtual cluster' : 'host'
  if (step.distro) return `${where} ${step.distro.to} ${step.to}${now(`${step.distro.from} ${step.from}`)}`
  return `${where} Kubernetes ${step.to}${now(step.from)}`
}

/** "vcluster 0.35.0 (now 0.22.1), host Kubernetes 1.35 (now 1.31)"; without the "(now …)" where only the destination matters. */
export function describeOption(option: UpgradeOption, withNow = true): string {
  // The distribution switch first: it decides which releases are possible at all.
  const steps = [...option.steps].sort((a, b) => Number(Boolean(b.distro)) - Number(Boolean(a.distro)))
  return steps.map((step) => describeStep(step, withNow)).join(', ')
}

function describeAdvice(environment: Environment, advice: UpgradeAdvice): string {
  const { recommended, keepingDistro, ceiling, distroBlocked } = advice
  // Nothing to propose: the entries' own remediation says what to do instead.
  if (!recommended) return ''
  let text = `Move to ${describeOption(recommended)}`
  if (recommended.remaining.length === 0) text += ': the nearest versions that clear every error and warning here.'
  else if (recommended.endOfLife) text += `: the nearest that clear every error, but nothing that does is supported any more (${recommended.remaining.join(', ')} still hold${recommended.remaining.length === 1 ? 's' : ''}).`
  else text += `; ${recommended.remaining.join(', ')} still hold${recommended.remaining.length === 1 ? 's' : ''}.`
  const sentences = [text]
  if (ceiling && recommended.steps.some((step) => step.component === 'vcluster')) sentences.push(`Not vcluster ${ceiling.vcluster} or later with these versions (${ceiling.ids.join(', ')}).`)
  if (keepingDistro) {
    const distro = environment.virtual?.distro ?? 'the distribution'
    const keep = keepingDistro.steps.length > 0 ? describeOption(keepingDistro) : 'the declared versions'
    const left = keepingDistro.remaining.length > 0 ? `, which leaves ${keepingDistro.remaining.join(', ')}` : ''
    sentences.push(`Keeping ${distro}, the nearest is ${keep}${left}${keepingDistro.endOfLife ? ': every release that clears the errors and still ships it is past its end of life' : ''}.`)
  }
  if (distroBlocked) sentences.push(`Keeping ${environment.virtual?.distro ?? 'the distribution'}, no release clears ${distroBlocked.join(', ')}.`)
  return sentences.join(' ')
}


function compareMinors(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number) as [number, number]
  const [bMajor, bMinor] = b.split('.').map(Number) as [number, number]
  return aMajor - bMajor || aMinor - bMinor
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

/**
 * The fix text of every finding made of an environment's versions is that environment's
 * advice, so no finding proposes a version another entry flags. Findings that a version
 * change does not clear (a removed API in a manifest, a runtime) keep their entry's text.
 */
export function adviseFindings(findings: readonly Finding[], advice: ReadonlyMap<Environment, UpgradeAdvice | undefined>): Finding[] {
  // A host (or vcluster) shared by many environments is in each of them: a finding takes the
  // advice of an environment that holds all of its versions and has the finding, not the first
  // environment that mentions one of them.
  const byDeclaration = new Map<Declaration, Array<{ environment: Environment; advised: UpgradeAdvice }>>()
  for (const [environment, advised] of advice) {
    if (!advised?.text) continue
    for (const slot of ['vcluster', 'virtual', 'host', 'kubectl'] as const) {
      const declaration = environment[slot]
      if (!declaration) continue
      const list = byDeclaration.get(declaration) ?? []
      list.push({ environment, advised })
      byDeclaration.set(declaration, list)
    }
  }
  const slots = ['vcluster', 'virtual', 'host', 'kubectl'] as const
  // The advice found depends on the entry and the environments' declarations the finding holds
  // alone: looked up once per such pair. On the benchmark tree (32,000 findings before grouping,
  // 27,000 of them about an unknown host beside one of 400 releases) this went from 0.23-0.38 s
  // to 0.10-0.17 s of CPU (three alternating runs in one process each, load average 20).
  const numbers = new Map<Declaration, number>()
  const numberOf = (declaration: Declaration): number => {
    let number = numbers.get(declaration)
    if (number === undefined) numbers.set(declaration, (number = numbers.size))
    return number
  }
  const known = new Map<string, UpgradeAdvice | undefined>()
  return findings.map((finding) => {
    if (finding.usages?.some((usage) => usage.feature !== 'featureGate')) return finding
    const own = finding.declarations.filter((d) => byDeclaration.has(d))
    if (own.length === 0) return finding
    const key = `${finding.id}|${own.map(numberOf).join(',')}`
    let advised = known.get(key)
    if (!known.has(key)) {
      const holds = (environment: Environment) => own.every((d) => slots.some((slot) => environment[slot] === d))
      // An environment that holds them all is in each one's list, and the lists keep the same
      // order: the shortest gives the same first one (a kubectl in all 16,000 environments is not searched).
      let shortest = byDeclaration.get(own[0]!)!
      for (const declaration of own) if (byDeclaration.get(declaration)!.length < shortest.length) shortest = byDeclaration.get(declaration)!
      advised = shortest.find(({ environment, advised }) => advised.current.includes(finding.id) && holds(environment))?.advised
      known.set(key, advised)
    }
    return advised ? { ...finding, remediation: advised.text } : finding
  })
}
