/**
 * Pure reading of Pod, Deployment and Event objects as the API server returns them: what the smoke
 * test reports, and whether waiting any longer can still help. Types only from client-node.
 */
import type { CoreV1Event, V1ContainerStatus, V1Deployment, V1Pod } from '@kubernetes/client-node'
import type { ClusterEvent, ContainerStatusSummary, PodCondition, PodSummary, ReadyState } from './cluster-client.js'

/**
 * Waiting reasons that never clear up by themselves, so waiting for the deadline only wastes time.
 * (ImagePullBackOff and CrashLoopBackOff can still recover and are left to the deadline.)
 */
export const TERMINAL_WAITING_REASONS: ReadonlySet<string> = new Set([
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError'
])

function summariseContainer(status: V1ContainerStatus): ContainerStatusSummary {
  const { waiting, running, terminated } = status.state ?? {}
  const base = { name: status.name, image: status.image, ready: status.ready, restartCount: status.restartCount }
  if (waiting) return { ...base, state: 'waiting', ...defined({ reason: waiting.reason, message: waiting.message }) }
  if (terminated)
    return {
      ...base,
      state: 'terminated',
      exitCode: terminated.exitCode,
      ...defined({ reason: terminated.reason, message: terminated.message })
    }
  if (running) return { ...base, state: 'running' }
  return { ...base, state: 'unknown' }
}

/** Drop undefined values so results compare and print cleanly (exactOptional-friendly). */
function defined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {}
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[key as keyof T] = value
  return out
}

export function summarisePod(pod: V1Pod): PodSummary {
  const conditions: PodCondition[] = (pod.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    ...defined({ reason: c.reason, message: c.message })
  }))
  return {
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    conditions,
    containerStatuses: [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(
      summariseContainer
    )
  }
}

export interface PodVerdict {
  state: ReadyState | 'pending'
  reason?: string
}

/** Is the Pod Ready, beyond help, or still worth waiting for? `reason` explains a not-ready Pod. */
export function classifyPod(summary: PodSummary): PodVerdict {
  const ready = summary.conditions.find((c) => c.type === 'Ready')
  if (ready?.status === 'True') return { state: 'ready' }
  const reason = notReadyReason(summary)
  if (summary.phase === 'Failed' || summary.phase === 'Succeeded') return { state: 'failed', reason }
  const stuck = summary.containerStatuses.find((c) => c.state === 'waiting' && TERMINAL_WAITING_REASONS.has(c.reason ?? ''))
  if (stuck) return { state: 'failed', reason }
  return { state: 'pending', reason }
}

function notReadyReason(summary: PodSummary): string {
  for (const c of summary.containerStatuses) {
    if (c.state === 'waiting' && c.reason) return `container ${c.name}: ${c.reason}${c.message ? `: ${c.message}` : ''}`
    if (c.state === 'terminated')
      return `container ${c.name} terminated: ${c.reason ?? 'exit'} (exit code ${c.exitCode ?? '?'})`
  }
  const failing = summary.conditions.find((c) => c.status !== 'True' && (c.reason || c.message))
  if (failing) return `${failing.type}=${failing.status}: ${[failing.reason, failing.message].filter(Boolean).join(': ')}`
  const notReady = summary.containerStatuses.find((c) => !c.ready)
  if (notReady) return `container ${notReady.name} is ${notReady.state} but not ready (readiness probe)`
  return `phase ${summary.phase}`
}

export interface DeploymentVerdict {
  state: ReadyState | 'pending'
  replicas: number
  readyReplicas: number
  updatedReplicas: number
  conditions: PodCondition[]
  reason?: string
}

/** Same rule as `kubectl rollout status`: the controller saw this generation and all replicas are updated and ready. */
export function classifyDeployment(deployment: V1Deployment): DeploymentVerdict {
  const wanted = deployment.spec?.replicas ?? 1
  const status = deployment.status ?? {}
  const counts = {
    replicas: wanted,
    readyReplicas: status.readyReplicas ?? 0,
    updatedReplicas: status.updatedReplicas ?? 0
  }
  const conditions: PodCondition[] = (status.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    ...defined({ reason: c.reason, message: c.message })
  }))
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1)
  if (observed && counts.updatedReplicas >= wanted && counts.readyReplicas >= wanted && (status.replicas ?? 0) <= wanted)
    return { state: 'ready', ...counts, conditions }
  const progressing = conditions.find((c) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { state: 'failed', ...counts, conditions, reason: progressing.message ?? progressing.reason }
  const failure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True')
  const reason = failure
    ? `ReplicaFailure: ${failure.message ?? failure.reason ?? ''}`
    : `${counts.readyReplicas}/${wanted} replicas ready, ${counts.updatedReplicas} updated`
  return { state: 'pending', ...counts, conditions, reason }
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export function normaliseEvent(event: CoreV1Event): ClusterEvent {
  const lastTimestamp = iso(event.lastTimestamp) ?? iso(event.eventTime as Date | string | undefined) ?? iso(event.firstTimestamp)
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    involvedObject: { kind: event.involvedObject.kind ?? '', name: event.involvedObject.name ?? '' },
    count: event.count ?? 1,
    ...(lastTimestamp ? { lastTimestamp } : {})
  }
}

/** Oldest first; events without a time go first (they are usually the oldest). */
export function sortEvents(events: ClusterEvent[]): ClusterEvent[] {
  return [...events].sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''))
}
