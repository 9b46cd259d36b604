/**
 * A throwaway kind cluster at the declared host Kubernetes version. The node image is pinned by the
 * digest the installed kind release lists (kind-images.ts). The cleanup step is recorded before
 * `kind create` starts, so a signal during creation still deletes the half-made cluster.
 */
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import { planTempDir, type CleanupPlan } from './cleanup.js'
import { kindNodeImage, parseKindVersion, type NodeImageChoice } from './kind-images.js'
import { ToolError, type ToolRunner } from './tools.js'

export interface KindCluster {
  name: string
  kubeconfig: string
  node: NodeImageChoice
}

/** Checks that kind and a Docker engine are there; throws a one-line UsageError naming what is missing. */
export async function requireKindAndDocker(tools: ToolRunner): Promise<string> {
  const kind = await tools.run('kind', ['version'], { timeoutMs: 30_000 }).catch((error: unknown) => {
    throw new UsageError(
      error instanceof ToolError && error.missing
        ? '--smoke needs kind: it is not installed (not on PATH); install kind or pass --kubeconfig FILE'
        : `--smoke needs kind: \`kind version\` failed (${error instanceof Error ? error.message : String(error)})`
    )
  })
  await tools.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 30_000 }).catch((error: unknown) => {
    throw new UsageError(
      error instanceof ToolError && error.missing
        ? '--smoke needs Docker for kind: docker is not installed (not on PATH); install Docker or pass --kubeconfig FILE'
        : '--smoke needs Docker for kind: the Docker engine is not reachable (`docker info` failed); start it or pass --kubeconfig FILE'
    )
  })
  const version = parseKindVersion(kind.stdout)
  if (!version) throw new UsageError(`--smoke: cannot read the kind version from "${kind.stdout.trim()}"`)
  return version
}

export async function createKindCluster(
  tools: ToolRunner,
  cleanup: CleanupPlan,
  options: { name: string; kindVersion: string; kubernetesVersion: string; timeoutSeconds: number }
): Promise<KindCluster> {
  const node = kindNodeImage(options.kindVersion, options.kubernetesVersion)
  const kubeconfig = join(await planTempDir(cleanup, 'kind'), 'kubeconfig')
  cleanup.add({ kind: 'kind-cluster', name: options.name })
  await tools.run(
    'kind',
    ['create', 'cluster', '--name', options.name, '--image', node.image, '--kubeconfig', kubeconfig, '--wait', `${options.timeoutSeconds}s`],
    { timeoutMs: (options.timeoutSeconds + 120) * 1000 }
  )
  return { name: options.name, kubeconfig, node }
}
