import type { Declaration, Environment, GroupLink } from '../model.js'
import { directoriesAbove, groupDirectory, groupMembership, parentGroups } from '../scan/groups.js'

type Slot = keyof Environment
const SLOTS: readonly Slot[] = ['vcluster', 'virtual', 'host', 'kind', 'kubectl']
/** Beyond this many combinations a group is cut short: a matrix that large is a test grid, not a fleet. */
const MAX_COMBINATIONS_PER_GROUP = 64

/**
 * Groups declarations into what is deployed together. A release (a group with a vcluster or
 * virtual Kubernetes version) takes, for each slot, its own declarations and those of the
 * files and ConfigMaps it links to; what it lacks it takes from its parents in the file
 * (a matrix entry from its job), then from its directory and the directories above, then
 * from the repository when the repository declares exactly one version for that slot.
 * Several declarations for a slot (a matrix of host versions) give one environment each.
 * Host versions no release uses form environments of their own.
 */
export function resolveEnvironments(declarations: readonly Declaration[], links: readonly GroupLink[] = []): Environment[] {
  const { members, linked } = groupMembership(declarations, links)
  const own = (group: string, slot: Slot): Declaration[] =>
    (members.get(group) ?? []).filter((d) => slotOf(d) === slot && !(linked.has(d) && groupOf(d) === group))

  const byDirectory = new Map<string, Declaration[]>()
  for (const declaration of declarations) {
    if (linked.has(declaration) || slotOf(declaration) === undefined) continue
    const dir = groupDirectory(groupOf(declaration))
    const list = byDirectory.get(dir)
    if (list) list.push(declaration)
    else byDirectory.set(dir, [declaration])
  }
  const repository = new Map(SLOTS.map((slot) => [slot, single(declarations.filter((d) => slotOf(d) === slot))]))

  const inherited = (group: string, slot: Slot): Declaration[] => {
    const mine = own(group, slot)
    if (mine.length > 0) return mine
    for (const parent of parentGroups(group)) {
      const found = own(parent, slot)
      if (found.length > 0) return found
    }
    // A release's virtual version comes from its own values (or its release default), never a neighbour's.
    if (slot === 'virtual') return []
    for (const dir of directoriesAbove(group)) {
      const found = (byDirectory.get(dir) ?? []).filter((d) => slotOf(d) === slot)
      if (found.length > 0) return found
    }
    const only = repository.get(slot)
    return only ? [only] : []
  }

  const environments: Environment[] = []
  const seen = new Set<string>()
  // Hosts by version: a second kind node of the same version adds no environment of its own.
  const usedHosts = new Set<string>()
  const add = (environment: Environment): void => {
    const key = SLOTS.map((slot) => declarationKey(environment[slot])).join('|')
    if (seen.has(key)) return
    seen.add(key)
    environments.push(environment)
  }

  const groups = [...members.keys()]
  for (const group of groups) {
    const isRelease = own(group, 'vcluster').length > 0 || own(group, 'virtual').length > 0
    if (!isRelease) continue
    for (const environment of combinations(Object.fromEntries(SLOTS.map((slot) => [slot, inherited(group, slot)])))) {
      if (environment.host) usedHosts.add(versionKey(environment.host))
      add(environment)
    }
  }
  for (const group of groups) {
    const hosts = own(group, 'host').filter((host) => !usedHosts.has(versionKey(host)))
    if (hosts.length === 0) continue
    for (const environment of combinations({ host: hosts, kind: inherited(group, 'kind'), kubectl: inherited(group, 'kubectl') })) {
      add(environment)
    }
  }
  return environments
}

function groupOf(declaration: Declaration): string {
  return declaration.group ?? declaration.file
}

/**
 * The environment slot a declaration fills. A host range (a chart's `kubeVersion`) says what
 * a chart accepts, not what a cluster runs, so it fills no slot.
 */
function slotOf(declaration: Declaration): Slot | undefined {
  switch (declaration.component) {
    case 'vcluster':
      return 'vcluster'
    case 'kind':
      return 'kind'
    case 'kubectl':
      return 'kubectl'
    case 'kubernetes':
      if (declaration.role === 'virtual') return 'virtual'
      return declaration.constraint ? undefined : 'host'
    default:
      return undefined
  }
}

/** Every combination of one declaration per slot; the same version twice counts once. */
function combinations(candidates: Partial<Record<Slot, Declaration[]>>): Environment[] {
  let result: Environment[] = [{}]
  for (const slot of SLOTS) {
    const options = distinctVersions(candidates[slot] ?? [])
    if (options.length === 0) continue
    result = result.flatMap((environment) => options.map((declaration) => ({ ...environment, [slot]: declaration })))
    if (result.length > MAX_COMBINATIONS_PER_GROUP) result = result.slice(0, MAX_COMBINATIONS_PER_GROUP)
  }
  return result
}

function versionKey(d: Declaration): string {
  return `${d.version}|${d.distro ?? ''}|${d.constraint ? 'range' : ''}`
}

function distinctVersions(declarations: Declaration[]): Declaration[] {
  const seen = new Set<string>()
  return declarations.filter((d) => {
    const key = versionKey(d)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The one declared version, when every declaration of a slot agrees on it. */
function single(declarations: Declaration[]): Declaration | undefined {
  const versions = new Set(declarations.map((d) => d.version))
  return versions.size === 1 ? declarations[0] : undefined
}

function declarationKey(declaration: Declaration | undefined): string {
  return declaration ? `${declaration.file}:${declaration.line}:${declaration.column}:${declaration.component}:${declaration.role ?? ''}` : ''
}
