import { ENVIRONMENT_SLOTS, type Declaration, type Environment, type EnvironmentSlot, type GroupLink, type PairingEvidence, type UnknownVersion, type Usage } from '../model.js'
import { directoriesAbove, groupDirectory, parentGroups } from '../scan/group-key.js'
import { describeEvidence } from './evidence.js'
import { ReleaseIndex, slotOf, type Candidate } from './releases.js'

/** Beyond this many combinations a release is cut short: a matrix that large is a test grid, not a fleet. */
const MAX_COMBINATIONS_PER_RELEASE = 64
/**
 * Beyond this many release × repository-level host pairs (a monorepo of hundreds of releases and
 * hosts), a release meets each repository-level host version once, at its first file; the other
 * files of that version are still evaluated as hosts of their own.
 */
const MAX_REPOSITORY_PAIRS = 1000

export interface PairingInput {
  links?: readonly GroupLink[]
  unknowns?: readonly UnknownVersion[]
  /** Configuration usages (vcluster keys some releases reject) place values files that set no version. */
  usages?: readonly Usage[]
}

/**
 * Pairs declarations into what is deployed together (docs/pairing.md). Each vcluster release
 * takes its values (ReleaseIndex) and, for each other slot, the strongest evidence found:
 * its own declarations and those of its parents in the file (a matrix entry from its job),
 * then its directory and the directories above (not the repository root), then, for the
 * host, every repository-level host (each counts: a matrix of three versions is three hosts),
 * and for kind and kubectl the repository's one version. Hosts that no release takes stand
 * alone, one environment per file and version. Values that no release takes are checked
 * alone against the vcluster versions that could read them.
 */
export function resolveEnvironments(declarations: readonly Declaration[], input: PairingInput | readonly GroupLink[] = {}): Environment[] {
  const { links = [], unknowns = [], usages = [] } = Array.isArray(input) ? { links: input as readonly GroupLink[] } : (input as PairingInput)
  const index = new ReleaseIndex(declarations, links, unknowns, usages)
  const { releases } = index

  // Worked out once: a monorepo has hundreds of releases and thousands of declarations.
  const walked = new Set(releases.flatMap((release) => walkOf(index, release)))
  const claimedBy = (group: string): boolean => index.chainGroups.has(group) || walked.has(groupDirectory(group))
  const repositoryHosts = distinct(
    declarations.filter((d) => slotOf(d) === 'host' && !claimedBy(groupOf(d))),
    hostKey
  )
  // A repository-level host whose version cannot be read (`kindest/node:latest`) is a host too: the releases it can carry cannot be decided.
  const repositoryUnknownHosts = unknowns.filter((u) => slotOf(u) === 'host' && !claimedBy(u.group))
  const takesRepositoryHost = releases.filter((release) => nearest(index, release, 'host').length === 0)
  const repositoryKind: Candidate['kind'] =
    repositoryHosts.length + repositoryUnknownHosts.length === 1 && takesRepositoryHost.length === 1 ? 'only-candidate' : 'repository-level'
  const pairedHosts: Candidate[] = [
    ...(takesRepositoryHost.length * repositoryHosts.length > MAX_REPOSITORY_PAIRS ? distinct(repositoryHosts, (d) => `${d.version}|${d.distro ?? ''}`) : repositoryHosts).map(
      (declaration) => ({ declaration, kind: repositoryKind })
    ),
    // Past the same bound, releases meet the first unknown host only (the others still stand alone below, each
    // named): on the benchmark tree every release met each of its unknown hosts, 16,281 environments instead of
    // 3,187 and 27,000 "cannot be decided" findings that grouping folded back into the same 146.
    ...(takesRepositoryHost.length * repositoryUnknownHosts.length > MAX_REPOSITORY_PAIRS ? repositoryUnknownHosts.slice(0, 1) : repositoryUnknownHosts).map(
      (unknown) => ({ unknown, kind: repositoryKind })
    )
  ]
  const single = new Map(
    (['kind', 'kubectl'] as const).map((slot) => {
      const all = declarations.filter((d) => slotOf(d) === slot)
      return [slot, new Set(all.map((d) => d.version)).size === 1 ? all[0] : undefined]
    })
  )

  const environments: Environment[] = []
  const seen = new Set<string>()
  const usedHosts = new Set<Declaration>()
  // What the environments made so far hold, for the hosts and unknown versions still to place.
  // Fast path: these were found by searching every environment for each host left alone, building
  // two keys per pair: on the benchmark tree (3,187 environments) that was half of resolve's time.
  const hostKeys = new Set<string>()
  const unknownsPaired = new Set<UnknownVersion>()
  const add = (environment: Environment): void => {
    const key = ENVIRONMENT_SLOTS.map((slot) => locationKey(environment[slot])).join('|') + (environment.unknown ?? []).map(locationKey).join('|')
    if (seen.has(key)) return
    seen.add(key)
    environments.push(environment)
    if (environment.host) hostKeys.add(hostKey(environment.host))
    for (const unknown of environment.unknown ?? []) unknownsPaired.add(unknown)
  }

  for (const release of releases) {
    const options: Partial<Record<EnvironmentSlot, Candidate[]>> = {
      vcluster: inFile(index, release, 'vcluster'),
      virtual: virtualOptions(index, release),
      host: hostOptions(index, release, pairedHosts),
      kind: otherOptions(index, release, 'kind', single.get('kind')),
      kubectl: otherOptions(index, release, 'kubectl', single.get('kubectl'))
    }
    for (const environment of combinations(options)) {
      if (environment.host) usedHosts.add(environment.host)
      environment.valuesFiles = index.valuesFiles(release)
      add(environment)
    }
  }
  // Hosts that no release lands on are still checked: every declared host counts.
  const hostsAlone = distinct(declarations.filter((d) => slotOf(d) === 'host' && !usedHosts.has(d)), hostKey)
  for (const host of hostsAlone) {
    if (hostKeys.has(hostKey(host))) continue
    const group = groupOf(host)
    const alone = combinations({
      host: [{ declaration: host, kind: 'same-release' }],
      kind: otherOptions(index, group, 'kind', single.get('kind')),
      kubectl: otherOptions(index, group, 'kubectl', single.get('kubectl'))
    })
    for (const environment of alone) add(environment)
  }
  for (const unknown of unknowns) {
    if (slotOf(unknown) !== 'host' || unknownsPaired.has(unknown)) continue
    add({ unknown: [unknown], evidence: [evidenceOf('host', { unknown, kind: 'same-release' })] })
  }
  for (const environment of unpairedValues(index, declarations)) add(environment)
  return environments
}

/** A release's own declarations of a slot, else its parents' in the same file (a matrix entry takes its job's). */
function inFile(index: ReleaseIndex, release: string, slot: EnvironmentSlot): Candidate[] {
  for (const group of [release, ...parentGroups(release)]) {
    const found: Candidate[] = [
      ...index.own(group, slot).map((declaration) => ({ declaration, kind: 'same-release' as const })),
      ...index.ownUnknowns(group, slot).map((unknown) => ({ unknown, kind: 'same-release' as const }))
    ]
    if (found.length > 0) return found
  }
  return []
}

/** Values first (readable versions over unknown ones); the release default only where nothing is set. */
function virtualOptions(index: ReleaseIndex, release: string): Candidate[] {
  const values = index.virtualOf(release)
  const known = values.filter((candidate) => candidate.declaration && candidate.declaration.source !== 'vcluster-default')
  if (known.length > 0) return known
  const unknown = values.filter((candidate) => candidate.unknown)
  if (unknown.length > 0) return unknown
  const fromParents = inFile(index, release, 'virtual').filter((candidate) => candidate.unknown || candidate.declaration?.source !== 'vcluster-default')
  if (fromParents.length > 0) return fromParents
  return values.filter((candidate) => candidate.declaration).map((candidate) => ({ ...candidate, kind: 'release-default' as const }))
}

/**
 * The directories a release looks in: its own and those above. A host at the repository root
 * is a repository-level host, not the subtree's; tools pinned at the root (`.tool-versions`, a
 * Justfile) are for the whole repository.
 */
function walkOf(index: ReleaseIndex, release: string, slot: EnvironmentSlot = 'host'): string[] {
  const subtree = index.subtreeOf(release)
  if (!subtree) return []
  const dirs = directoriesAbove(release)
  return subtree.directory === '.' || slot !== 'host' ? dirs : dirs.filter((dir) => dir !== '.' && dir !== '')
}

/** Host (or kind, kubectl) declarations in the release's directory or the nearest one above that has some. */
function nearest(index: ReleaseIndex, release: string, slot: EnvironmentSlot): Candidate[] {
  const inRelease = inFile(index, release, slot)
  if (inRelease.length > 0) return inRelease
  const walk = walkOf(index, release, slot)
  const chain = new Set([release, ...parentGroups(release)])
  for (const dir of walk) {
    // Another release's own versions are its own, even when it sits in the same directory.
    const here = index.inDirectory(slot, dir).filter((d) => chain.has(groupOf(d)) || !index.chainGroups.has(groupOf(d)))
    const unknown = index.unknownsInDirectory(slot, dir)
    if (here.length + unknown.length > 0) {
      return [...here.map((declaration) => ({ declaration, kind: 'same-subtree' as const })), ...unknown.map((u) => ({ unknown: u, kind: 'same-subtree' as const }))]
    }
  }
  return []
}

function hostOptions(index: ReleaseIndex, release: string, repositoryHosts: readonly Candidate[]): Candidate[] {
  const found = nearest(index, release, 'host')
  if (found.length > 0) return found
  return [...repositoryHosts]
}

function otherOptions(index: ReleaseIndex, group: string, slot: 'kind' | 'kubectl', only: Declaration | undefined): Candidate[] {
  const found = nearest(index, group, slot).filter((candidate) => candidate.declaration)
  if (found.length > 0) return found
  return only ? [{ declaration: only, kind: 'repository-level' }] : []
}

/**
 * Values that no release takes, checked alone: against every vcluster version the repository
 * declares (the versions that could read them), or with nothing. Findings on them are notices.
 */
function unpairedValues(index: ReleaseIndex, declarations: readonly Declaration[]): Environment[] {
  const vclusters = distinct(declarations.filter((d) => slotOf(d) === 'vcluster' && !d.constraint), (d) => d.version)
  const out: Environment[] = []
  for (const values of index.unpaired) {
    const virtuals: Candidate[] = [
      ...values.declarations.map((declaration) => ({ declaration, kind: 'unpaired' as const })),
      ...values.unknowns.map((unknown) => ({ unknown, kind: 'unpaired' as const }))
    ]
    const readers: Candidate[] = values.configured || virtuals.length > 0 ? vclusters.map((declaration) => ({ declaration, kind: 'unpaired' as const })) : []
    for (const environment of combinations({ vcluster: readers, virtual: virtuals })) {
      if (!environment.vcluster && !environment.virtual && !environment.unknown) continue
      out.push({ ...environment, unpaired: true, valuesFiles: [values.file] })
    }
  }
  return out
}

/** Every combination of one candidate per slot, each with its evidence. */
function combinations(options: Partial<Record<EnvironmentSlot, Candidate[]>>): Environment[] {
  let result: Environment[] = [{}]
  for (const slot of ENVIRONMENT_SLOTS) {
    const candidates = distinctCandidates(slot, options[slot] ?? [])
    if (candidates.length === 0) continue
    result = result.flatMap((environment) =>
      candidates.map((candidate): Environment => ({
        ...environment,
        ...(candidate.declaration ? { [slot]: candidate.declaration } : {}),
        ...(candidate.unknown ? { unknown: [...(environment.unknown ?? []), candidate.unknown] } : {}),
        evidence: [...(environment.evidence ?? []), evidenceOf(slot, candidate)]
      }))
    )
    if (result.length > MAX_COMBINATIONS_PER_RELEASE) result = result.slice(0, MAX_COMBINATIONS_PER_RELEASE)
  }
  return result.filter((environment) => environment.evidence !== undefined)
}

function evidenceOf(slot: EnvironmentSlot, candidate: Candidate): PairingEvidence {
  const at = candidate.declaration ?? candidate.unknown!
  return { slot, kind: candidate.kind, file: at.file, line: at.line, text: describeEvidence(slot, candidate) }
}

/** The same version twice counts once, except hosts: each file that declares one is a host of its own. */
function distinctCandidates(slot: EnvironmentSlot, candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>()
  return candidates.filter((candidate) => {
    const key = candidate.unknown
      ? `unknown|${locationKey(candidate.unknown)}`
      : slot === 'host'
        ? hostKey(candidate.declaration!)
        : `${candidate.declaration!.version}|${candidate.declaration!.distro ?? ''}|${candidate.declaration!.constraint ? 'range' : ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** One host per file and version: three nodes of one kind cluster are one host. */
function hostKey(d: Declaration): string {
  return `${d.file}|${d.version}|${d.distro ?? ''}`
}

function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const k = key(item)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function groupOf(item: { group?: string; file: string }): string {
  return item.group ?? item.file
}

function locationKey(at: { file: string; line: number; column: number } | undefined): string {
  return at ? `${at.file}:${at.line}:${at.column}` : ''
}
