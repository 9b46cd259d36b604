import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterClient, KubernetesManifest } from '../../src/smoke/cluster-client.js'
import { ClusterError } from '../../src/smoke/cluster-error.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import {
  buildNamespace,
  buildSmokeDeployment,
  buildSmokePod,
  managedLabels,
  smokeNamespaceName
} from '../../src/smoke/workload.js'
import { hasCluster, image, kubeconfig, skipNote } from './cluster-env.js'

const asManifest = (o: object): KubernetesManifest => o as KubernetesManifest

describe.skipIf(!hasCluster)(`server-side dry run of the smoke manifests${skipNote}`, { timeout: 60_000 }, () => {
  let client: ClusterClient
  const ns = smokeNamespaceName()

  beforeAll(async () => {
    client = await createKubeClient({ kubeconfigPath: kubeconfig })
  })

  afterAll(async () => {
    if (client) await client.deleteNamespace(ns, 90_000)
  }, 120_000)

  it('accepts the Namespace without creating it', async () => {
    const result = await client.dryRunCreate(asManifest(buildNamespace(ns)))
    expect(result.metadata?.name).toBe(ns)
    await expect(client.listPods(ns)).resolves.toEqual([])
    // Deleting a namespace that was never created is a no-op that reports "gone".
    await expect(client.deleteNamespace(ns, 5_000)).resolves.toMatchObject({ gone: true })
  })

  it.each(['pod', 'host-loopback'] as const)('accepts the Pod and Deployment (network %s) and applies defaults', async (network) => {
    await client.createNamespace(ns, managedLabels()).catch((err: unknown) => {
      if (!(err instanceof ClusterError && err.reason === 'AlreadyExists')) throw err
    })
    const pod = await client.dryRunCreate(asManifest(buildSmokePod(ns, { image, network })))
    // Defaults only the server fills in prove it really processed the object.
    expect(pod).toMatchObject({ kind: 'Pod', spec: { dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' } })
    const deployment = await client.dryRunCreate(asManifest(buildSmokeDeployment(ns, { image, network })))
    expect(deployment).toMatchObject({ kind: 'Deployment', spec: { strategy: { type: 'RollingUpdate' } } })
    await expect(client.listPods(ns)).resolves.toEqual([])
  })

  it('rejects an invalid Pod with a ClusterError naming the field', async () => {
    const pod = buildSmokePod(ns, { image })
    const container = pod.spec?.containers[0]
    if (container) container.resources = { requests: { memory: '128Mi' }, limits: { memory: '64Mi' } }

    const error = await client.dryRunCreate(asManifest(pod)).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ClusterError)
    const clusterError = error as ClusterError
    expect(clusterError).toMatchObject({ status: 422, reason: 'Invalid' })
    expect(clusterError.message).toContain('spec.containers[0].resources.requests')
    expect(clusterError.causes.map((c) => c.field)).toContain('spec.containers[0].resources.requests')
    expect(clusterError.message).not.toMatch(/HTTP-Code|Headers|\n/)
  })
})
