/**
 * ClusterClient over @kubernetes/client-node 1.4. The library is big (it dominates the bundle) and
 * is only needed for a smoke run, so it is loaded with a dynamic import inside createKubeClient;
 * everything else here is `import type`.
 *
 * Waiting is done by polling with a deadline rather than Watch: it is simpler to time out, behaves
 * the same on every server version, and is easy to replay in tests.
 */
import type {
  AppsV1Api,
  ConfigurationOptions,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  VersionApi
} from '@kubernetes/client-node'
import type {
  ClusterClient,
  ClusterEvent,
  DeploymentManifest,
  DeploymentOutcome,
  KubernetesManifest,
  NamespaceDeletion,
  ObjectRef,
  PodManifest,
  PodOutcome,
  PodSummary,
  ResizeResult,
  ResourceRequirements,
  ServerVersion
} from './cluster-client.js'
import { ClusterError, statusOf, toClusterError } from './cluster-error.js'
import { classifyDeployment, classifyPod, normaliseEvent, sortEvents, summarisePod } from './pod-state.js'

export interface KubeClientOptions {
  /** A kubeconfig file. Without it: $KUBECONFIG, ~/.kube/config, or the in-cluster service account. */
  kubeconfigPath?: string
  /** How often the wait* methods poll (default 1000 ms). */
  pollIntervalMs?: number
}

interface Apis {
  core: CoreV1Api
  apps: AppsV1Api
  version: VersionApi
  objects: KubernetesObjectApi
  /** Request options that send a strategic-merge-patch body (client-node defaults to JSON patch). */
  strategicMerge: ConfigurationOptions
}

/** Load client-node and a kubeconfig, and return a ClusterClient. Throws ClusterError on a bad kubeconfig. */
export async function createKubeClient(options: KubeClientOptions = {}): Promise<ClusterClient> {
  const k8s = await import('@kubernetes/client-node')
  const kc = new k8s.KubeConfig()
  const source = options.kubeconfigPath ?? 'the default kubeconfig'
  try {
    if (options.kubeconfigPath) kc.loadFromFile(options.kubeconfigPath)
    else kc.loadFromDefault()
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err)
    throw new ClusterError(`load ${source}`, 0, 'InvalidKubeconfig', message ?? 'unreadable')
  }
  if (!kc.getCurrentCluster()) {
    throw new ClusterError(`load ${source}`, 0, 'InvalidKubeconfig', 'the current context names no cluster')
  }
  const apis: Apis = {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    version: kc.makeApiClient(k8s.VersionApi),
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
    strategicMerge: k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch) as ConfigurationOptions
  }
  return new KubeClient(apis, options.pollIntervalMs ?? 1000)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

class KubeClient implements ClusterClient {
  constructor(
    private readonly apis: Apis,
    private readonly pollIntervalMs: number
  ) {}

  /** Run one API call; anything it throws becomes a ClusterError naming the operation. */
  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      throw toClusterError(err, operation)
    }
  }

  /** Poll `probe` until it returns a result or the deadline passes; `onTimeout` builds the last answer. */
  private async poll<T>(timeoutMs: number, probe: (waitedMs: number) => Promise<T | undefined>): Promise<T> {
    const start = Date.now()
    for (;;) {
      const waited = Date.now() - start
      const result = await probe(waited)
      if (result !== undefined) return result
      const remaining = timeoutMs - (Date.now() - start)
      await sleep(Math.max(0, Math.min(this.pollIntervalMs, remaining)))
    }
  }

  async serverVersion(): Promise<ServerVersion> {
    const info = await this.call('read server version', () => this.apis.version.getCode())
    return { gitVersion: info.gitVersion, major: info.major, minor: info.minor, platform: info.platform }
  }

  async createNamespace(name: string, labels: Record<string, string>): Promise<ObjectRef> {
    const ns = await this.call(`create Namespace ${name}`, () =>
      this.apis.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } })
    )
    return { name: ns.metadata?.name ?? name, uid: ns.metadata?.uid ?? '' }
  }

  async deleteNamespace(name: string, timeoutMs: number): Promise<NamespaceDeletion> {
    const start = Date.now()
    const exists = async (): Promise<boolean> => {
      try {
        await this.apis.core.readNamespace({ name })
        return true
      } catch (err) {
        if (statusCode(err) === 404) return false
        throw toClusterError(err, `read Namespace ${name}`)
      }
    }
    try {
      await this.apis.core.deleteNamespace({ name })
    } catch (err) {
      if (statusCode(err) !== 404) throw toClusterError(err, `delete Namespace ${name}`)
    }
    return this.poll(timeoutMs, async () => {
      const gone = !(await exists())
      const waitedMs = Date.now() - start
      if (gone || waitedMs >= timeoutMs) return { gone, waitedMs }
      return undefined
    })
  }

  async createPod(namespace: string, pod: PodManifest): Promise<ObjectRef> {
    const created = await this.call(`create Pod ${namespace}/${pod.metadata?.name ?? '?'}`, () =>
      this.apis.core.createNamespacedPod({ namespace, body: pod })
    )
    return ref(created.metadata, namespace)
  }

  async createDeployment(namespace: string, deployment: DeploymentManifest): Promise<ObjectRef> {
    const created = await this.call(`create Deployment ${namespace}/${deployment.metadata?.name ?? '?'}`, () =>
      this.apis.apps.createNamespacedDeployment({ namespace, body: deployment })
    )
    return ref(created.metadata, namespace)
  }

  async dryRunCreate(manifest: KubernetesManifest): Promise<KubernetesManifest> {
    const where = manifest.metadata?.namespace ? `${manifest.metadata.namespace}/` : ''
    const operation = `dry-run create ${manifest.kind} ${where}${manifest.metadata?.name ?? '?'}`
    // KubernetesObjectApi picks the endpoint from apiVersion/kind, so any kind works.
    const result = await this.call(operation, () =>
      this.apis.objects.create(manifest as unknown as KubernetesObject, undefined, 'All')
    )
    return result as unknown as KubernetesManifest
  }

  async waitForPodReady(namespace: string, name: string, timeoutMs: number): Promise<PodOutcome> {
    return this.poll(timeoutMs, async (waitedMs) => {
      const pod = await this.call(`read Pod ${namespace}/${name}`, () =>
        this.apis.core.readNamespacedPod({ namespace, name })
      )
      const summary = summarisePod(pod)
      const verdict = classifyPod(summary)
      const base = { phase: summary.phase, conditions: summary.conditions, containerStatuses: summary.containerStatuses, waitedMs }
      const reason = verdict.reason ? { reason: verdict.reason } : {}
      if (verdict.state !== 'pending') return { state: verdict.state, ...base, ...reason }
      if (waitedMs >= timeoutMs) return { state: 'timeout', ...base, ...reason }
      return undefined
    })
  }

  async waitForDeploymentReady(namespace: string, name: string, timeoutMs: number): Promise<DeploymentOutcome> {
    return this.poll(timeoutMs, async (waitedMs) => {
      const deployment = await this.call(`read Deployment ${namespace}/${name}`, () =>
        this.apis.apps.readNamespacedDeployment({ namespace, name })
      )
      const { state, ...rest } = classifyDeployment(deployment)
      if (state !== 'pending') return { state, ...rest, waitedMs }
      if (waitedMs >= timeoutMs) return { state: 'timeout', ...rest, waitedMs }
      return undefined
    })
  }

  async listEvents(namespace: string, involvedObjectName?: string): Promise<ClusterEvent[]> {
    const list = await this.call(`list Events in ${namespace}`, () =>
      this.apis.core.listNamespacedEvent({
        namespace,
        ...(involvedObjectName ? { fieldSelector: `involvedObject.name=${involvedObjectName}` } : {})
      })
    )
    return sortEvents(list.items.map(normaliseEvent))
  }

  async podLogs(namespace: string, pod: string, container?: string): Promise<string> {
    return this.call(`read logs of Pod ${namespace}/${pod}${container ? ` container ${container}` : ''}`, () =>
      this.apis.core.readNamespacedPodLog({ namespace, name: pod, ...(container ? { container } : {}) })
    )
  }

  async listPods(namespace: string, labelSelector?: string): Promise<PodSummary[]> {
    const list = await this.call(`list Pods in ${namespace}`, () =>
      this.apis.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) })
    )
    return list.items.map(summarisePod)
  }

  async resizePod(
    namespace: string,
    name: string,
    container: string,
    resources: ResourceRequirements
  ): Promise<ResizeResult> {
    const operation = `resize Pod ${namespace}/${name}`
    try {
      const pod = await this.apis.core.patchNamespacedPodResize(
        { namespace, name, body: { spec: { containers: [{ name: container, resources }] } } },
        this.apis.strategicMerge
      )
      const applied = pod.spec?.containers.find((c) => c.name === container)?.resources ?? {}
      return {
        kind: 'resized',
        resources: {
          ...(applied.requests ? { requests: applied.requests } : {}),
          ...(applied.limits ? { limits: applied.limits } : {})
        }
      }
    } catch (err) {
      // A 404 naming our Pod means the Pod is missing; any other 404 means the route itself
      // is unknown: the server predates the pods/resize subresource (Kubernetes < 1.33).
      const status = statusOf(err)
      if (statusCode(err) === 404 && status?.details?.name !== name) {
        return { kind: 'unsupported', status: 404, message: status?.message ?? 'the server has no pods/resize subresource' }
      }
      throw toClusterError(err, operation)
    }
  }
}

function statusCode(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  return typeof code === 'number' ? code : undefined
}

function ref(metadata: { name?: string; uid?: string } | undefined, namespace: string): ObjectRef {
  return { namespace, name: metadata?.name ?? '', uid: metadata?.uid ?? '' }
}
