import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterClient } from '../../src/smoke/cluster-client.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import {
  buildSmokeDeployment,
  buildSmokePod,
  CONTAINER_NAME,
  managedLabels,
  smokeNamespaceName
} from '../../src/smoke/workload.js'
import { hasCluster, image, kubeconfig, network, skipNote } from './cluster-env.js'

// Host-network smoke Pods on one node need their own ports; these are unused elsewhere.
const POD_PORT = 28080
const DEPLOYMENT_PORT = 28081

describe.skipIf(!hasCluster)(`smoke workload on a real cluster${skipNote}`, { timeout: 180_000 }, () => {
  let client: ClusterClient
  const ns = smokeNamespaceName()
  let namespaceDeleted = false

  beforeAll(async () => {
    client = await createKubeClient({ kubeconfigPath: kubeconfig, pollIntervalMs: 500 })
    await client.createNamespace(ns, managedLabels())
  }, 30_000)

  afterAll(async () => {
    if (client && !namespaceDeleted) await client.deleteNamespace(ns, 90_000)
  }, 120_000)

  it('reports the server version', async () => {
    const version = await client.serverVersion()
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/)
    expect(Number(version.minor.replace('+', ''))).toBeGreaterThanOrEqual(20)
  })

  it('runs the Burstable smoke Pod until its HTTP readiness probe passes', async () => {
    const pod = buildSmokePod(ns, { image, network, port: POD_PORT, imagePullPolicy: 'Never' })
    const created = await client.createPod(ns, pod)
    expect(created.uid).not.toBe('')

    const outcome = await client.waitForPodReady(ns, created.name, 90_000)
    expect(outcome, outcome.reason).toMatchObject({ state: 'ready', phase: 'Running' })
    expect(outcome.containerStatuses).toEqual([
      expect.objectContaining({ name: CONTAINER_NAME, ready: true, state: 'running', restartCount: 0 })
    ])
    expect(outcome.conditions).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'True' }))
  })

  it('reads the Pod container log', async () => {
    const logs = await client.podLogs(ns, 'kcg-smoke-pod', CONTAINER_NAME)
    expect(logs).toContain(`kcg-smoke: serving on ${network === 'host-loopback' ? `127.0.0.1:${POD_PORT}` : 8080}`)
  })

  it('collects the Pod events (scheduled, started)', async () => {
    const events = await client.listEvents(ns, 'kcg-smoke-pod')
    const reasons = events.map((e) => e.reason)
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Started']))
    for (const e of events) {
      expect(e.involvedObject).toEqual({ kind: 'Pod', name: 'kcg-smoke-pod' })
      expect(e.count).toBeGreaterThanOrEqual(1)
      expect(e.lastTimestamp).toMatch(/^\d{4}-\d\d-\d\dT/)
    }
  })

  it('rolls out the one-replica Deployment', async () => {
    const deployment = buildSmokeDeployment(ns, { image, network, port: DEPLOYMENT_PORT, imagePullPolicy: 'Never' })
    const created = await client.createDeployment(ns, deployment)
    const outcome = await client.waitForDeploymentReady(ns, created.name, 90_000)
    expect(outcome, outcome.reason).toMatchObject({ state: 'ready', replicas: 1, readyReplicas: 1 })

    const pods = await client.listPods(ns, 'app.kubernetes.io/name=kcg-smoke-deployment')
    expect(pods).toHaveLength(1)
    expect(pods[0]?.phase).toBe('Running')
    expect(pods[0]?.nodeName).toBe('localhost')

    const events = await client.listEvents(ns)
    expect(events).toContainEqual(
      expect.objectContaining({ reason: 'ScalingReplicaSet', involvedObject: { kind: 'Deployment', name: created.name } })
    )
  })

  it('reports in-place resize as unsupported on a server without pods/resize', async () => {
    const version = await client.serverVersion()
    const result = await client.resizePod(ns, 'kcg-smoke-pod', CONTAINER_NAME, {
      requests: { cpu: '20m', memory: '16Mi' },
      limits: { cpu: '100m', memory: '64Mi' }
    })
    if (Number(version.minor.replace('+', '')) < 33) {
      expect(result).toMatchObject({ kind: 'unsupported', status: 404 })
    } else {
      expect(result).toMatchObject({ kind: 'resized', resources: { requests: { cpu: '20m' } } })
    }
  })

  it('deletes the namespace and everything in it', async () => {
    const deletion = await client.deleteNamespace(ns, 150_000)
    namespaceDeleted = true
    expect(deletion.gone).toBe(true)
    await expect(client.listPods(ns)).resolves.toEqual([])
  })
})
