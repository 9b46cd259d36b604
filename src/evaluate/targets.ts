import type { Declaration, Environment, Usage } from '../model.js'
import { groupDirectory } from '../scan/groups.js'

/** An environment with everything deployed to it, as the conditions read it. */
export interface Target {
  environment: Environment
  /** The Kubernetes version the repository's manifests are applied to: the virtual cluster, else the host. */
  cluster?: Declaration
  /** Usages in manifests deployed to this environment. */
  usages: Usage[]
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
  environments: readonly Environment[],
  usages: readonly Usage[],
  declarations: readonly Declaration[]
): Target[] {
  const directories = environments.map(directoriesOf)
  const deployedTo = (group: string | undefined, file: string): number[] => {
    // Groups may name a place in a file (`apps.yaml#0`, a workflow job): what counts here is its directory.
    const directory = group !== undefined ? groupDirectory(group) : parentOf(file)
    let best = -1
    let chosen: number[] = []
    directories.forEach((dirs, index) => {
      for (const dir of dirs) {
        if (!encloses(dir, directory)) continue
        const depth = dir === '.' ? 0 : dir.split('/').length
        if (depth > best) {
          best = depth
          chosen = [index]
        } else if (depth === best && !chosen.includes(index)) chosen.push(index)
      }
    })
    return best === -1 ? environments.map((_, index) => index) : chosen
  }

  const targets: Target[] = environments.map((environment) => ({
    environment,
    ...(cluster(environment) ? { cluster: cluster(environment)! } : {}),
    usages: [],
    runtime: {}
  }))
  for (const usage of usages) {
    for (const index of deployedTo(usage.group, usage.file)) targets[index]!.usages.push(usage)
  }
  for (const declaration of declarations) {
    const component = declaration.component
    if (component !== 'runc' && component !== 'containerd' && component !== 'helm') continue
    for (const index of deployedTo(declaration.group, declaration.file)) {
      targets[index]!.runtime[component] ??= declaration
    }
  }
  return targets
}

/**
 * Manifests of a vcluster environment go to the virtual cluster; when its version is not
 * declared it is unknown, and the host's version must not stand in for it.
 */
function cluster(environment: Environment): Declaration | undefined {
  return environment.virtual ?? (environment.vcluster ? undefined : environment.host)
}

function directoriesOf(environment: Environment): string[] {
  const dirs = new Set<string>()
  for (const declaration of Object.values(environment)) {
    if (declaration) dirs.add(declaration.group !== undefined ? groupDirectory(declaration.group) : parentOf(declaration.file))
  }
  return [...dirs]
}

function encloses(dir: string, path: string): boolean {
  return dir === '.' || path === dir || path.startsWith(`${dir}/`)
}

function parentOf(file: string): string {
  const slash = file.lastIndexOf('/')
  return slash === -1 ? '.' : file.slice(0, slash)
}
