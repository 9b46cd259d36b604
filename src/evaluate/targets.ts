import { ENVIRONMENT_SLOTS, type Declaration, type Environment, type Usage } from '../model.js'
import { groupDirectory } from '../scan/group-key.js'
import { withUnknownVersions } from './unknown-versions.js'
import { UsageSet } from './usage-set.js'

/** An environment with everything deployed to it, as the conditions read it. */
export interface Target {
  environment: Environment
  /** The Kubernetes version the repository's manifests are applied to: the virtual cluster, else the host. */
  cluster?: Declaration
  /** Usages in manifests deployed to this environment: those of its own directories, then `shared`. */
  usages: readonly UsageSet[]
  /**
   * Usages of manifests outside every environment, deployed to all of them: the same object in
   * every target, so what it yields can be worked out once.
   */
  shared: UsageSet
  /** runc, containerd and helm versions of this environment. */
  runtime: Partial<Record<'runc' | 'containerd' | 'helm', Declaration>>
}

/**
 * Decides what is deployed where. A manifest (or a runtime version) belongs to the
 * environments declared in its nearest enclosing directory: `clusters/dev/apps/x.yaml`
 * goes to the environment of `clusters/dev`. When no environment encloses it, it is
 * assumed to go to every environment of the repository, which is what a repository with
 * one cluster means.
 */
export function buildTargets(
  resolved: readonly Environment[],
  usages: readonly Usage[],
  declarations: readonly Declaration[]
): Target[] {
  const environments = resolved.map(withUnknownVersions)
  // Nothing to place (the advisor judges one environment's versions at a time, thousands of
  // times): the indexes of directories and values files are not built.
  const placed = usages.length > 0 || declarations.length > 0
  const deployedTo = placed ? placement(environments) : () => undefined
  const readersOf = placed ? valuesReaders(environments) : undefined
  const own = environments.map((): Usage[] => [])
  const everywhere: Usage[] = []
  for (const usage of usages) {
    const indexes = readersOf?.(usage) ?? deployedTo(usage.group, usage.file)
    if (indexes === undefined) everywhere.push(usage)
    else for (const index of indexes) own[index]!.push(usage)
  }
  const shared = new UsageSet(everywhere)
  const sharedOnly = [shared]
  const nothing = new UsageSet([])
  const targets: Target[] = environments.map((environment, index) => {
    // Values checked alone are no cluster: the repository's manifests are not deployed to them.
    const common = environment.unpaired ? nothing : shared
    return {
      environment,
      ...(cluster(environment) ? { cluster: cluster(environment)! } : {}),
      usages: own[index]!.length > 0 ? [new UsageSet(own[index]!), common] : environment.unpaired ? [nothing] : sharedOnly,
      shared: common,
      runtime: {}
    }
  })
  for (const declaration of declarations) {
    const component = declaration.component
    if (component !== 'runc' && component !== 'containerd' && component !== 'helm') continue
    for (const index of deployedTo(declaration.group, declaration.file) ?? environments.keys()) {
      targets[index]!.runtime[component] ??= declaration
    }
  }
  return targets
}

/**
 * The environments a thing in a group (or file) is deployed to: those declared in its
 * nearest enclosing directory; undefined when no environment's directory encloses it. Found
 * by walking up from its directory, so the cost does not grow with the number of environments.
 */
function placement(environments: readonly Environment[]): (group: string | undefined, file: string) => readonly number[] | undefined {
  const byDirectory = new Map<string, number[]>()
  environments.forEach((environment, index) => {
    for (const dir of directoriesOf(environment)) {
      const indexes = byDirectory.get(dir)
      if (indexes === undefined) byDirectory.set(dir, [index])
      else if (!indexes.includes(index)) indexes.push(index)
    }
  })
  return (group, file) => {
    // Groups may name a place in a file (`apps.yaml#0`, a workflow job): what counts here is its directory.
    let directory = group !== undefined ? groupDirectory(group) : parentOf(file)
    for (;;) {
      const indexes = byDirectory.get(directory)
      if (indexes !== undefined) return indexes
      if (directory === '.') return undefined
      directory = parentOf(directory)
    }
  }
}

/**
 * Configuration keys of vcluster values go with the releases that read those values (the
 * resolve stage lists each environment's values files), never to a release in another
 * folder. Undefined when the environments do not say (built by hand, without the resolve stage).
 */
function valuesReaders(environments: readonly Environment[]): ((usage: Usage) => readonly number[] | undefined) | undefined {
  if (!environments.some((environment) => environment.valuesFiles !== undefined)) return undefined
  const byFile = new Map<string, number[]>()
  environments.forEach((environment, index) => {
    for (const file of environment.valuesFiles ?? []) {
      const indexes = byFile.get(file)
      if (indexes === undefined) byFile.set(file, [index])
      else indexes.push(index)
    }
  })
  return (usage) => (usage.feature.startsWith('vcluster') ? (byFile.get(usage.file) ?? []) : undefined)
}

/**
 * Manifests of a vcluster environment go to the virtual cluster; when its version is not
 * declared it is unknown, and the host's version must not stand in for it.
 */
function cluster(environment: Environment): Declaration | undefined {
  return environment.virtual ?? (environment.vcluster ? undefined : environment.host)
}

/**
 * Where an environment is deployed from: its release and values (a host that the release
 * lands on may be declared anywhere), or for a host alone, the host's own place. Values
 * checked alone are deployed nowhere.
 */
function directoriesOf(environment: Environment): string[] {
  if (environment.unpaired) return []
  const dirs = new Set<string>()
  const release = [environment.vcluster, environment.virtual].filter((d): d is Declaration => d !== undefined)
  const slots = release.length > 0 ? release : ENVIRONMENT_SLOTS.flatMap((slot) => environment[slot] ?? [])
  for (const declaration of slots) dirs.add(declaration.group !== undefined ? groupDirectory(declaration.group) : parentOf(declaration.file))
  if (release.length > 0) for (const file of environment.valuesFiles ?? []) dirs.add(parentOf(file))
  return [...dirs]
}

function parentOf(file: string): string {
  const slash = file.lastIndexOf('/')
  return slash === -1 ? '.' : file.slice(0, slash)
}
