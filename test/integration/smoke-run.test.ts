/**
 * The whole smoke run (runSmoke, kubeconfig mode) against the real loopback cluster: a healthy
 * run passes, a workload that cannot start ends in a finding with evidence, and both leave
 * nothing behind.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadDatabase } from '../../src/db/load.js'
import type { Database } from '../../src/db/schema.js'
import type { Declaration } from '../../src/model.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import { runSmoke } from '../../src/smoke/run-smoke.js'
import { mergeRuntimeFindings, SMOKE_FAILED_ID } from '../../src/smoke/runtime-findings.js'
import { hasCluster, image, kubeconfig, network, skipNote } from './cluster-env.js'

const declaredHost: Declaration = {
  component: 'kubernetes', role: 'host', distro: 'kind', version: '1.32.0', raw: 'v1.32.0',
  file: 'kind.yaml', line: 6, column: 25, source: 'kind-config'
}

/** Whether the namespace is still there: a delete of a missing namespace is a 404, which counts as gone. */
async function namespaceExists(name: string): Promise<boolean> {
  const client = await createKubeClient({ kubeconfigPath: kubeconfig })
  return !(await client.deleteNamespace(name, 0)).gone
}

describe.skipIf(!hasCluster)(`runSmoke against the real cluster${skipNote}`, { timeout: 300_000 }, () => {
  let database: Database
  beforeAll(async () => {
    database = await loadDatabase([])
  })

  it('passes on a healthy cluster, reports the server version next to the declared one, and deletes its namespace', async () => {
    const evidenceDir = await mkdtemp(join(tmpdir(), 'kcg-evidence-'))
    const result = await runSmoke({
      database, declarations: [declaredHost], root: '.', kubeconfig, timeoutSeconds: 120, image, network, port: 28090,
      keep: false, evidenceDir, handleSignals: false
    })
    expect(result.error).toBeUndefined()
    expect(result.workload).toMatchObject({ pod: 'ready', deployment: 'ready', resize: 'unsupported' })
    expect(result.passed).toBe(true)
    expect(result.matches).toEqual([])
    expect(result.cluster).toMatchObject({ serverVersion: 'v1.20.2', declaredHostVersion: '1.32.0' })
    expect(result.warnings[0]).toContain('runs Kubernetes v1.20.2, but kind.yaml:6 declares v1.32.0')
    expect(result.cleanup).toEqual([expect.objectContaining({ ok: true, message: `deleted namespace ${result.namespace}` })])
    expect(await namespaceExists(result.namespace)).toBe(false)
    // The evidence is on disk: the container's own log line and the Pod status.
    expect(await readFile(join(evidenceDir, 'logs', 'kcg-smoke-pod.log'), 'utf8')).toContain('kcg-smoke: serving on 127.0.0.1:28090')
    expect(JSON.parse(await readFile(join(evidenceDir, 'summary.json'), 'utf8'))).toMatchObject({ passed: true })
  })

  it('turns a workload that cannot start into a finding with evidence, and still cleans up', async () => {
    const evidenceDir = await mkdtemp(join(tmpdir(), 'kcg-evidence-'))
    const result = await runSmoke({
      database, declarations: [declaredHost], root: '.', kubeconfig, timeoutSeconds: 25,
      image: 'kcg.local/does-not-exist:0', network, port: 28092, keep: false, evidenceDir, handleSignals: false
    })
    expect(result.passed).toBe(false)
    expect(result.workload.pod).toBe('timeout')
    expect(result.matches).toEqual([])
    expect(result.unexplained?.excerpt).toMatch(/kcg\.local\/does-not-exist:0/)
    const findings = mergeRuntimeFindings([], result, [declaredHost])
    expect(findings).toEqual([
      expect.objectContaining({
        id: SMOKE_FAILED_ID, severity: 'error', file: 'kind.yaml', line: 6,
        evidence: expect.objectContaining({ excerpt: expect.stringContaining('does-not-exist') })
      })
    ])
    const events = JSON.parse(await readFile(join(evidenceDir, 'events.json'), 'utf8')) as Array<{ message: string }>
    expect(events.some((e) => e.message.includes('does-not-exist'))).toBe(true)
    expect(result.cleanup[0]?.message).toBe(`deleted namespace ${result.namespace}`)
    expect(await namespaceExists(result.namespace)).toBe(false)
  })
})
