/**
 * The smoke run against recorded API answers of the seed incidents (test/fixtures/smoke-api):
 * the real client-node talks to a loopback replay server, and each run must end in the finding
 * a user would expect.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadDatabase } from '../../src/db/load.js'
import type { Database } from '../../src/db/schema.js'
import type { Declaration } from '../../src/model.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import { runSmoke, type SmokeResult } from '../../src/smoke/run-smoke.js'
import { mergeRuntimeFindings, SMOKE_FAILED_ID } from '../../src/smoke/runtime-findings.js'
import { matchSignatures } from '../../src/smoke/signatures.js'
import { loadScenario, startReplayServer, type ReplayServer } from './replay-server.js'

const vclusterDeclaration: Declaration = {
  component: 'vcluster', version: '0.22.1', raw: '0.22.1', file: 'clusters/dev/vcluster.yaml', line: 12, column: 20, source: 'argocd-application'
}

let database: Database
let server: ReplayServer | undefined
beforeAll(async () => {
  database = await loadDatabase([])
})
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A kubeconfig-mode run against the scenario; the workload is already "there" in the replay. */
async function replay(name: string, timeoutSeconds = 1, evidenceCheckMs?: number): Promise<{ result: SmokeResult; evidenceDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kcg-replay-'))
  server = await startReplayServer(await loadScenario(name), dir)
  const evidenceDir = join(dir, 'evidence')
  const result = await runSmoke({
    database, declarations: [], root: '.', kubeconfig: server.kubeconfig, timeoutSeconds, image: 'busybox', keep: false, evidenceDir,
    handleSignals: false,
    ...(evidenceCheckMs ? { evidenceCheckMs } : {}),
    connect: (kubeconfig) => createKubeClient({ ...(kubeconfig ? { kubeconfigPath: kubeconfig } : {}), pollIntervalMs: 50 })
  })
  return { result, evidenceDir }
}

describe('smoke runs against recorded API answers', () => {
  it('confirms vcluster-qosclass-immutable-k8s-1.32 from the pod-syncer SyncError event of loft-sh/vcluster#2472', async () => {
    const { result, evidenceDir } = await replay('vcluster-qosclass-immutable')
    expect(result.passed).toBe(false)
    expect(result.cluster.serverVersion).toBe('v1.32.0+k3s1')
    expect(result.workload.pod).toBe('timeout')
    expect(result.matches.map((m) => m.entry.id)).toEqual(['vcluster-qosclass-immutable-k8s-1.32'])
    const findings = mergeRuntimeFindings([], result, [vclusterDeclaration])
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'vcluster-qosclass-immutable-k8s-1.32', severity: 'error', confirmedAtRuntime: true,
        file: 'clusters/dev/vcluster.yaml', line: 12,
        evidence: expect.objectContaining({
          source: 'event Pod/kcg-smoke-pod SyncError',
          excerpt: expect.stringContaining('status.qosClass: Invalid value: "Burstable": field is immutable')
        })
      })
    ])
    // The excerpt is what the evidence directory holds.
    expect(await readFile(join(evidenceDir, 'events.json'), 'utf8')).toContain('field is immutable')
    expect(result.cleanup).toEqual([expect.objectContaining({ ok: true })])
  })

  it('marks the static finding of the same entry as confirmed instead of adding a second one', async () => {
    const { result } = await replay('vcluster-qosclass-immutable')
    const staticFinding = {
      id: 'vcluster-qosclass-immutable-k8s-1.32', severity: 'error' as const, title: 't', message: 'm', remediation: 'r', references: [],
      certainty: 'affected' as const, declarations: [vclusterDeclaration], file: 'clusters/dev/vcluster.yaml', line: 12, column: 20
    }
    const findings = mergeRuntimeFindings([staticFinding], result, [vclusterDeclaration])
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ message: 'm', confirmedAtRuntime: true })
  })

  it('blames a syncer log line that two entries share on the predicted one only', async () => {
    const { result } = await replay('vcluster-qosclass-immutable')
    const line =
      '2025-02-11 15:41:55\tERROR\tReconciler error\t{"error": "patch host object: update object status: Pod \\"x\\" is invalid: status.qosClass: Invalid value: \\"Burstable\\": field is immutable"}'
    const matches = await matchSignatures(database, [{ source: 'logs/vcluster-syncer', text: line }])
    expect(matches.map((m) => m.entry.id)).toEqual(['vcluster-qosclass-immutable-k8s-1.32', 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready'])
    const predicted = {
      id: 'vcluster-qosclass-immutable-k8s-1.32', severity: 'error' as const, title: 't', message: 'm', remediation: 'r', references: [],
      certainty: 'affected' as const, declarations: [vclusterDeclaration], file: 'clusters/dev/vcluster.yaml', line: 12, column: 20
    }
    const findings = mergeRuntimeFindings([predicted], { ...result, matches }, [vclusterDeclaration])
    expect(findings.map((f) => [f.id, f.confirmedAtRuntime])).toEqual([['vcluster-qosclass-immutable-k8s-1.32', true]])
  })

  it('confirms the runc cgroup v1 entries from the kubelet "unable to freeze" event of kubernetes/kubernetes#131087', async () => {
    const { result } = await replay('runc-unable-to-freeze')
    expect(result.passed).toBe(false)
    const ids = result.matches.map((m) => m.entry.id)
    expect(ids).toContain('runc-cgroup-v1-unable-to-freeze')
    expect(ids).not.toContain('vcluster-qosclass-immutable-k8s-1.32')
    const finding = mergeRuntimeFindings([], result, []).find((f) => f.id === 'runc-cgroup-v1-unable-to-freeze')
    expect(finding).toMatchObject({
      confirmedAtRuntime: true,
      evidence: { excerpt: expect.stringContaining('error setting cgroup config for procHooks process: unable to freeze') }
    })
    expect(mergeRuntimeFindings([], result, []).some((f) => f.id === SMOKE_FAILED_ID)).toBe(false)
  })

  it('resizes through the resize subresource on 1.33 and passes when the container keeps running', async () => {
    const { result } = await replay('resize-in-place')
    expect(result.workload).toMatchObject({ pod: 'ready', deployment: 'ready', resize: 'resized' })
    expect(result.passed).toBe(true)
    expect(server?.requests).toContain(`PATCH /api/v1/namespaces/${result.namespace}/pods/kcg-smoke-pod/resize`)
    expect(mergeRuntimeFindings([], result, [])).toEqual([])
  })

  it('fails when the container restarts during the in-place resize', async () => {
    const { result } = await replay('resize-restarts')
    expect(result.workload.resize).toBe('restarted')
    expect(result.passed).toBe(false)
    expect(mergeRuntimeFindings([], result, [])).toEqual([
      expect.objectContaining({ id: SMOKE_FAILED_ID, message: expect.stringContaining('the container restarted (0 → 1 restarts)') })
    ])
  })

  it('reports a Pod stuck Pending past the deadline with the scheduler event as evidence', async () => {
    const { result } = await replay('pending-past-deadline')
    expect(result.workload.pod).toBe('timeout')
    expect(result.matches).toEqual([])
    expect(mergeRuntimeFindings([], result, [])).toEqual([
      expect.objectContaining({
        id: SMOKE_FAILED_ID,
        severity: 'error',
        evidence: { source: 'smoke test', excerpt: expect.stringContaining('FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.') }
      })
    ])
  })
})

describe('waiting with a known incident in the Events', () => {
  it('stops before the deadline once the SyncError of #2472 is there', async () => {
    const { result } = await replay('vcluster-qosclass-immutable', 600, 200)
    expect(result.workload.pod).toBe('timeout')
    expect(result.workload.reasons[0]).toContain('stopped waiting: the Events show vcluster-qosclass-immutable-k8s-1.32')
    expect(result.matches.map((m) => m.entry.id)).toEqual(['vcluster-qosclass-immutable-k8s-1.32'])
  })
})
