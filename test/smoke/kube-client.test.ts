import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKubeClient } from '../../src/smoke/kube-client.js'

// No cluster needed: these check how the real client-node adapter fails.
describe('createKubeClient without a reachable cluster', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kcg-kube-client-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reports an unreachable API server as a ClusterError, not a stack trace', async () => {
    const file = join(dir, 'kubeconfig')
    // Port 1 on loopback: nothing listens there.
    await writeFile(
      file,
      'apiVersion: v1\nkind: Config\n' +
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n'
    )
    const client = await createKubeClient({ kubeconfigPath: file })
    const error = await client.serverVersion().catch((err: unknown) => err)
    expect(error).toMatchObject({ name: 'ClusterError', status: 0, reason: 'Unreachable' })
    expect((error as Error).message).toMatch(/^read server version: cannot reach the API server \(ECONNREFUSED\)/)
  })

  it('reports a missing kubeconfig file as a ClusterError', async () => {
    await expect(createKubeClient({ kubeconfigPath: join(dir, 'nope') })).rejects.toMatchObject({
      name: 'ClusterError',
      reason: 'InvalidKubeconfig'
    })
  })
})
