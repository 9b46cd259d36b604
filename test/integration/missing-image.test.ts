import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterClient } from '../../src/smoke/cluster-client.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import { buildSmokePod, managedLabels, smokeNamespaceName } from '../../src/smoke/workload.js'
import { hasCluster, kubeconfig, network, skipNote } from './cluster-env.js'

describe.skipIf(!hasCluster)(`a Pod whose image is missing${skipNote}`, { timeout: 120_000 }, () => {
  let client: ClusterClient
  const ns = smokeNamespaceName()

  beforeAll(async () => {
    client = await createKubeClient({ kubeconfigPath: kubeconfig, pollIntervalMs: 500 })
    await client.createNamespace(ns, managedLabels())
  }, 30_000)

  // Start the deletion but do not wait for it (the lifecycle suite proves deleteNamespace waits
  // correctly). Here it would take 60-90 s: kubelet 1.20 (dockershim) removes the sandbox of a Pod
  // whose container never started only in its once-a-minute container GC, and the namespace
  // controller backs off while the Pod remains. down.sh removes whatever is left.
  afterAll(async () => {
    if (client) await client.deleteNamespace(ns, 0)
  }, 30_000)

  it('fails fast with ErrImageNeverPull, and the adapter collects the Warning event', async () => {
    const image = 'kcg.local/does-not-exist:0'
    const pod = buildSmokePod(ns, { image, network, port: 28082, imagePullPolicy: 'Never' })
    await client.createPod(ns, pod)

    const outcome = await client.waitForPodReady(ns, 'kcg-smoke-pod', 60_000)
    expect(outcome.state).toBe('failed')
    expect(outcome.phase).toBe('Pending')
    expect(outcome.containerStatuses[0]).toMatchObject({ state: 'waiting', reason: 'ErrImageNeverPull' })
    expect(outcome.reason).toContain('ErrImageNeverPull')

    // The kubelet records the event right after setting the status; allow it a moment to arrive.
    let events = await client.listEvents(ns, 'kcg-smoke-pod')
    for (let i = 0; i < 20 && !events.some((e) => e.reason === 'ErrImageNeverPull'); i++) {
      await new Promise((r) => setTimeout(r, 500))
      events = await client.listEvents(ns, 'kcg-smoke-pod')
    }
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'ErrImageNeverPull',
        involvedObject: { kind: 'Pod', name: 'kcg-smoke-pod' },
        message: expect.stringContaining(image)
      })
    )
  })
})
