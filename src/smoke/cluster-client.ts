/**
 * The port through which the smoke test talks to a cluster. Types only: the real implementation
 * (kube-client.ts) loads @kubernetes/client-node lazily, and tests can supply a fake.
 *
 * Every call may throw a ClusterError (see cluster-error.ts); "expected" outcomes such as a Pod
 * that never becomes Ready or a missing resize subresource are results, not errors.
 */
import type { V1Deployment, V1Namespace, V1Pod } from '@kubernetes/client-node'

export type PodManifest = V1Pod
export type DeploymentManifest = V1Deployment
export type NamespaceManifest = V1Namespace

/** Any Kubernetes object, as sent to the API server. */
export interface KubernetesManifest {
  apiVersion: string
  kind: string
  metadata?: { name?: string; namespace?: string; [key: string]: unknown }
  [key: string]: unknown
}

export interface ServerVersion {
  /** e.g. "v1.20.2" or "v1.32.0+k3s1" */
  gitVersion: string
  major: string
  minor: string
  platform: string
}

export interface ObjectRef {
  namespace?: string
  name: string
  uid: string
}

export interface PodCondition {
  type: string
  status: string
  reason?: string
  message?: string
}

export interface ContainerStatusSummary {
  name: string
  image: string
  ready: boolean
  restartCount: number
  state: 'waiting' | 'running' | 'terminated' | 'unknown'
  /** e.g. ErrImageNeverPull, CrashLoopBackOff, Completed */
  reason?: string
  message?: string
  exitCode?: number
}

export interface PodSummary {
  name: string
  phase: string
  nodeName?: string
  conditions: PodCondition[]
  containerStatuses: ContainerStatusSummary[]
}

/**
 * ready: the Pod's Ready condition is True.
 * failed: it can no longer become Ready without outside help (phase Failed/Succeeded, or a
 *   container stuck for a reason that never heals by itself, such as ErrImageNeverPull).
 * timeout: neither happened before the deadline; the last observed state is included.
 */
export type ReadyState = 'ready' | 'failed' | 'timeout'

export interface PodOutcome {
  state: ReadyState
  phase: string
  conditions: PodCondition[]
  containerStatuses: ContainerStatusSummary[]
  /** One line saying why the Pod is not Ready (absent when ready). */
  reason?: string
  waitedMs: number
}

export interface DeploymentOutcome {
  state: ReadyState
  replicas: number
  readyReplicas: number
  updatedReplicas: number
  conditions: PodCondition[]
  reason?: string
  waitedMs: number
}

/** A core/v1 Event, reduced to what a report shows. */
export interface ClusterEvent {
  type: string
  reason: string
  message: string
  involvedObject: { kind: string; name: string }
  count: number
  /** ISO 8601; falls back to eventTime/firstTimestamp when lastTimestamp is unset. */
  lastTimestamp?: string
}

export interface ResourceRequirements {
  requests?: Record<string, string>
  limits?: Record<string, string>
}

/**
 * resized: the server accepted the new resources (the kubelet may still be applying them).
 * unsupported: the server has no `pods/resize` subresource (before Kubernetes 1.33).
 */
export type ResizeResult =
  | { kind: 'resized'; resources: ResourceRequirements }
  | { kind: 'unsupported'; status: number; message: string }

export interface NamespaceDeletion {
  gone: boolean
  waitedMs: number
}

export interface ClusterClient {
  serverVersion(): Promise<ServerVersion>
  createNamespace(name: string, labels: Record<string, string>): Promise<ObjectRef>
  /** Deletes the namespace and waits until the API server no longer has it. 404 counts as gone. */
  deleteNamespace(name: string, timeoutMs: number): Promise<NamespaceDeletion>
  createPod(namespace: string, pod: PodManifest): Promise<ObjectRef>
  createDeployment(namespace: string, deployment: DeploymentManifest): Promise<ObjectRef>
  /** Server-side dry run (`dryRun=All`): full validation and admission, nothing persisted. Returns the object as the server would store it. */
  dryRunCreate(manifest: KubernetesManifest): Promise<KubernetesManifest>
  waitForPodReady(namespace: string, name: string, timeoutMs: number): Promise<PodOutcome>
  waitForDeploymentReady(namespace: string, name: string, timeoutMs: number): Promise<DeploymentOutcome>
  /** Events in the namespace, oldest first; optionally only those about one object. */
  listEvents(namespace: string, involvedObjectName?: string): Promise<ClusterEvent[]>
  podLogs(namespace: string, pod: string, container?: string): Promise<string>
  listPods(namespace: string, labelSelector?: string): Promise<PodSummary[]>
  resizePod(
    namespace: string,
    name: string,
    container: string,
    resources: ResourceRequirements
  ): Promise<ResizeResult>
}
