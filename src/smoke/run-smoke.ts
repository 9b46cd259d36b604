/**
 * runSmoke: proves (or disproves) the static verdict on a running cluster.
 *
 * cluster (kind at the declared host version, or an existing one through a kubeconfig)
 *   → vcluster at the declared version, when the repository declares one
 *   → the smoke workload in a fresh namespace (Burstable Pod, one-replica Deployment, in-place resize)
 *   → wait with one deadline on Ready → evidence to a directory → signatures of every entry
 *   → cleanup, on every path.
 */
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Database } from '../db/schema.js'
import { UsageError } from '../errors.js'
import type { Declaration } from '../model.js'
import type { ClusterClient, ReadyState } from './cluster-client.js'
import { CleanupPlan, cleanupOnSignals, type CleanupDeps, type CleanupOutcome, type CleanupStep } from './cleanup.js'
import { collectNamespaceEvidence, evidenceTexts, writeEvidence, type NamespaceEvidence } from './evidence.js'
import { createKindCluster, requireKindAndDocker } from './kind-cluster.js'
import { matchSignatures, type SignatureMatch } from './signatures.js'
import { execTools, stopRunningTools, type ToolRunner } from './tools.js'
import { chartValuesFiles, connectVcluster, installVcluster, syncerLogs, type VirtualConnection } from './vcluster.js'
import { buildSmokeDeployment, buildSmokePod, CONTAINER_NAME, managedLabels, smokeNamespaceName, type ProbeNetwork } from './workload.js'

export interface SmokeOptions {
  database: Database
  declarations: readonly Declaration[]
  /** The scanned directory; vcluster values files are read relative to it. */
  root: string
  /** An existing cluster; without it a kind cluster is created (and deleted). */
  kubeconfig?: string
  timeoutSeconds: number
  image: string
  /** Leave everything in place for debugging. */
  keep: boolean
  /**
   * Set (to the reason) when the repository's own configuration must not reach the cluster: its
   * values files are then not installed, and the report says so. The versions are still tested.
   */
  refuseRepositoryConfig?: string
  evidenceDir: string
  /** `host-loopback` only for clusters without a pod network (our loopback test cluster). */
  network?: ProbeNetwork
  /** Port of the smoke Pod (the Deployment uses the next one). */
  port?: number
  /** Replaceable for tests. */
  tools?: ToolRunner
  connect?: (kubeconfig: string | undefined) => Promise<ClusterClient>
  /** Called whenever the cleanup plan changes (the action saves it for its post step). */
  onCleanupPlan?: (steps: readonly CleanupStep[]) => void
  /** How often the wait looks at the Events for a known incident (default 15 s). */
  evidenceCheckMs?: number
  /** Install SIGTERM/SIGINT handlers that clean up (default true). */
  handleSignals?: boolean
  log?: (line: string) => void
}

export type WorkloadState = ReadyState | 'not-run'

export interface SmokeResult {
  passed: boolean
  mode: 'kind' | 'kubeconfig'
  cluster: {
    serverVersion?: string
    declaredHostVersion?: string
    kindNodeImage?: string
    kindRelease?: string
    vcluster?: string
    virtualVersion?: string
  }
  warnings: string[]
  namespace: string
  evidenceDir: string
  evidenceFiles: string[]
  workload: {
    pod: WorkloadState
    deployment: WorkloadState
    /** resized: accepted and no restart; restarted: accepted but the container restarted. */
    resize: 'resized' | 'unsupported' | 'restarted' | 'skipped'
    reasons: string[]
  }
  /** Database entries whose signatures the evidence matched. */
  matches: SignatureMatch[]
  /** A failure no signature explains: the most telling line of the evidence. */
  unexplained?: { reason: string; excerpt: string }
  /** A setup step that failed (kind, helm, the API server): the run could not test the workload. */
  error?: string
  cleanup: CleanupOutcome[]
  kept: boolean
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeResult> {
  const tools = options.tools ?? execTools
  const connect = options.connect ?? (async (kubeconfig) => (await import('./kube-client.js')).createKubeClient(kubeconfig ? { kubeconfigPath: kubeconfig } : {}))
  const log = options.log ?? (() => {})
  const deadline = Date.now() + options.timeoutSeconds * 1000
  const remaining = (): number => Math.max(0, deadline - Date.now())
  const evidenceDir = resolve(options.evidenceDir)
  await mkdir(evidenceDir, { recursive: true })

  const plan = new CleanupPlan(options.onCleanupPlan)
  const cleanupDeps: CleanupDeps = { tools, connect }
  const unhook = options.handleSignals === false ? () => {} : cleanupOnSignals(plan, cleanupDeps, stopRunningTools)

  const host = pick(options.declarations, (d) => d.component === 'kubernetes' && d.role !== 'virtual')
  const vcluster = pick(options.declarations, (d) => d.component === 'vcluster')
  const virtual = pick(options.declarations, (d) => d.component === 'kubernetes' && d.role === 'virtual')
  const namespace = smokeNamespaceName()
  const result: SmokeResult = {
    passed: false,
    mode: options.kubeconfig === undefined ? 'kind' : 'kubeconfig',
    cluster: {
      ...(host ? { declaredHostVersion: host.version } : {}),
      ...(vcluster ? { vcluster: vcluster.version } : {}),
      ...(virtual ? { virtualVersion: virtual.version } : {})
    },
    warnings: [],
    namespace,
    evidenceDir,
    evidenceFiles: [],
    workload: { pod: 'not-run', deployment: 'not-run', resize: 'skipped', reasons: [] },
    matches: [],
    cleanup: [],
    kept: options.keep
  }
  let forward: VirtualConnection | undefined
  let evidence: NamespaceEvidence = { pods: [], events: [], logs: {} }
  const extra: Record<string, string> = {}
  let client: ClusterClient | undefined
  // Tools run in an empty folder (tools.ts): a relative path would no longer mean the caller's.
  let hostKubeconfig = options.kubeconfig === undefined ? undefined : resolve(options.kubeconfig)
  let vclusterNamespace: string | undefined
  try {
    // 1. The host cluster.
    if (hostKubeconfig === undefined) {
      const kindVersion = await requireKindAndDocker(tools)
      const name = `kcg-smoke-${randomBytes(3).toString('hex')}`
      log(`creating kind cluster ${name} (kind v${kindVersion}, Kubernetes ${host?.version ?? '?'})`)
      const kind = await createKindCluster(tools, plan, {
        name,
        kindVersion,
        kubernetesVersion: host?.version ?? '',
        timeoutSeconds: Math.max(60, Math.round(remaining() / 1000))
      })
      hostKubeconfig = kind.kubeconfig
      result.cluster.kindNodeImage = kind.node.image
      result.cluster.kindRelease = kind.node.kindRelease
    }
    const hostClient = await connect(hostKubeconfig)
    const server = await hostClient.serverVersion()
    result.cluster.serverVersion = server.gitVersion
    log(`cluster ${options.kubeconfig ?? 'created by kind'}: Kubernetes ${server.gitVersion}${host ? ` (declared host: ${host.raw} at ${host.file}:${host.line})` : ''}`)
    if (host && !sameMinor(server.gitVersion, host.version)) {
      result.warnings.push(
        `the cluster runs Kubernetes ${server.gitVersion}, but ${host.file}:${host.line} declares ${host.raw}: the smoke test proves the cluster it ran on`
      )
    }

    // 2. vcluster, when declared: the workload then runs inside the virtual cluster.
    client = hostClient
    if (vcluster && hostKubeconfig !== undefined) {
      vclusterNamespace = `${namespace}-vcluster`
      if (options.kubeconfig !== undefined) plan.add({ kind: 'namespace', namespace: vclusterNamespace, kubeconfig: options.kubeconfig })
      const declaredValues = unique(options.declarations.filter((d) => d.source === 'vcluster-values').map((d) => d.file))
      if (options.refuseRepositoryConfig && declaredValues.length > 0) {
        const warning = `the repository's values file(s) ${declaredValues.join(', ')} were not applied (vcluster runs with the chart's defaults and the declared versions): ${options.refuseRepositoryConfig}`
        result.warnings.push(warning)
        log(warning)
      }
      const valuesFiles = await chartValuesFiles(
        options.refuseRepositoryConfig ? [] : declaredValues.map((file) => resolve(options.root, file)),
        // A Chart.yaml dependency means an umbrella chart: its values nest under the dependency name.
        vcluster.source === 'helm-chart' ? 'vcluster' : undefined,
        plan
      )
      log(`installing vcluster ${vcluster.version}${virtual ? ` with Kubernetes ${virtual.raw}` : ''} in ${vclusterNamespace}`)
      await installVcluster(tools, {
        vclusterVersion: vcluster.version,
        namespace: vclusterNamespace,
        hostKubeconfig,
        valuesFiles,
        ...(virtual ? { virtual: { raw: virtual.raw, version: virtual.version, ...(virtual.distro ? { distro: virtual.distro } : {}) } } : {}),
        timeoutSeconds: Math.max(30, Math.round(remaining() / 1000))
      })
      forward = await connectVcluster(tools, hostKubeconfig, vclusterNamespace, deadline, plan)
      client = await connect(forward.kubeconfig)
    }

    // 3. The workload, in a fresh namespace. In a vcluster it goes away with the vcluster's namespace.
    if (!vclusterNamespace && options.kubeconfig !== undefined) plan.add({ kind: 'namespace', namespace, kubeconfig: options.kubeconfig })
    await client.createNamespace(namespace, managedLabels())
    log(`workload in namespace ${namespace}; waiting up to ${Math.round(remaining() / 1000)} s for Ready`)
    const port = options.port ?? 8080
    const workload = { image: options.image, ...(options.network ? { network: options.network } : {}) }
    const pod = buildSmokePod(namespace, { ...workload, port })
    const deployment = buildSmokeDeployment(namespace, { ...workload, port: port + 1 })
    await client.createPod(namespace, pod)
    await client.createDeployment(namespace, deployment)

    // 4. One deadline for everything.
    const podOutcome = await waitWatchingEvidence(client, namespace, options.database, remaining, options.evidenceCheckMs ?? EVIDENCE_CHECK_MS, (slice) =>
      client!.waitForPodReady(namespace, pod.metadata?.name ?? '', slice)
    )
    result.workload.pod = podOutcome.state
    if (podOutcome.reason) result.workload.reasons.push(`Pod: ${podOutcome.reason}`)
    // A Pod that is proven broken gives the Deployment no chance either; do not wait twice.
    const deploymentOutcome = await client.waitForDeploymentReady(namespace, deployment.metadata?.name ?? '', podOutcome.state === 'ready' ? remaining() : 0)
    result.workload.deployment = deploymentOutcome.state
    if (deploymentOutcome.reason) result.workload.reasons.push(`Deployment: ${deploymentOutcome.reason}`)
    if (podOutcome.state === 'ready') result.workload.resize = await resizeWithoutRestart(client, namespace, pod.metadata?.name ?? '', remaining, result)

    // 5. Evidence.
    evidence = await collectNamespaceEvidence(client, namespace)
  } catch (error) {
    // A usage problem (no kind, no node image for the version) is not a smoke result: exit 2.
    if (error instanceof UsageError) {
      if (!options.keep) await plan.run(cleanupDeps)
      unhook()
      throw error
    }
    result.error = error instanceof Error ? error.message : String(error)
    if (client) evidence = await collectNamespaceEvidence(client, namespace).catch(() => evidence)
  }
  try {
    if (vclusterNamespace && hostKubeconfig !== undefined) extra['vcluster-syncer'] = await syncerLogs(tools, hostKubeconfig, vclusterNamespace)

    // 6. Signatures over everything, then what stays unexplained.
    const texts = evidenceTexts(evidence, { ...extra, ...(result.error ? { 'smoke error': result.error } : {}) })
    result.matches = await matchSignatures(options.database, texts)
    const healthy = !result.error && result.workload.pod === 'ready' && result.workload.deployment === 'ready' && result.workload.resize !== 'restarted'
    if (!healthy && result.matches.length === 0) result.unexplained = explain(result, evidence)
    result.passed = healthy && result.matches.length === 0
    result.evidenceFiles = await writeEvidence(evidenceDir, evidence, extra, summaryOf(result))
  } finally {
    forward?.stop()
    // 7. Cleanup, unless asked to keep.
    if (!options.keep) result.cleanup = await plan.run(cleanupDeps)
    for (const outcome of result.cleanup) log(`cleanup: ${outcome.message}`)
    unhook()
  }
  return result
}

/** How often the wait looks at the Events for a known incident. */
const EVIDENCE_CHECK_MS = 15_000

/**
 * Waits in slices and, between them, matches the namespace's Events against the database: once a
 * known incident shows (the #2472 SyncError appears within seconds), waiting out the deadline
 * would only delay the verdict.
 */
async function waitWatchingEvidence<T extends { state: ReadyState; reason?: string }>(
  client: ClusterClient,
  namespace: string,
  database: Database,
  remaining: () => number,
  checkMs: number,
  wait: (sliceMs: number) => Promise<T>
): Promise<T> {
  for (;;) {
    const outcome = await wait(Math.min(checkMs, remaining()))
    if (outcome.state !== 'timeout' || remaining() <= 0) return outcome
    const events = await client.listEvents(namespace).catch(() => [])
    const known = await matchSignatures(database, events.map((e) => ({ source: e.reason, text: e.message })))
    if (known.length > 0) {
      const ids = known.map((m) => m.entry.id).join(', ')
      return { ...outcome, reason: `${outcome.reason ? `${outcome.reason}; ` : ''}stopped waiting: the Events show ${ids}` }
    }
  }
}

/**
 * Resize the running container through the `resize` subresource and check it did not restart.
 * CPU is raised within the limits' ratio so the Pod stays Burstable.
 */
async function resizeWithoutRestart(
  client: ClusterClient,
  namespace: string,
  name: string,
  remaining: () => number,
  result: SmokeResult
): Promise<SmokeResult['workload']['resize']> {
  const before = (await client.listPods(namespace)).find((p) => p.name === name)?.containerStatuses[0]?.restartCount ?? 0
  const resize = await client.resizePod(namespace, name, CONTAINER_NAME, { requests: { cpu: '20m' }, limits: { cpu: '200m' } })
  if (resize.kind === 'unsupported') return 'unsupported'
  const after = await client.waitForPodReady(namespace, name, Math.min(remaining(), 30_000))
  const restarts = after.containerStatuses[0]?.restartCount ?? 0
  if (restarts > before || after.state !== 'ready') {
    result.workload.reasons.push(`in-place resize: the container restarted (${before} → ${restarts} restarts)${after.reason ? `: ${after.reason}` : ''}`)
    return 'restarted'
  }
  return 'resized'
}

function explain(result: SmokeResult, evidence: NamespaceEvidence): { reason: string; excerpt: string } {
  const reason = result.error ?? (result.workload.reasons.join('; ') || 'the smoke workload did not become Ready')
  // The longest Warning usually carries the cause ("Failed to pull image …: …"); the short ones repeat it.
  const warning = evidence.events.filter((e) => e.type === 'Warning').sort((a, b) => b.message.length - a.message.length)[0]
  const excerpt = warning ? `${warning.reason}: ${warning.message}` : reason
  return { reason, excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt }
}

function summaryOf(result: SmokeResult): unknown {
  const { matches, ...rest } = result
  return { ...rest, matches: matches.map((m) => ({ id: m.entry.id, signature: m.signature, source: m.source, excerpt: m.excerpt })) }
}

function pick(declarations: readonly Declaration[], test: (d: Declaration) => boolean): Declaration | undefined {
  const candidates = declarations.filter(test)
  return candidates.find((d) => !d.constraint && !d.implied) ?? candidates.find((d) => !d.constraint)
}

function sameMinor(gitVersion: string, declared: string): boolean {
  const a = /^v?(\d+)\.(\d+)/.exec(gitVersion)
  const b = /^v?(\d+)\.(\d+)/.exec(declared)
  return Boolean(a && b && a[1] === b[1] && a[2] === b[2])
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)]
}
