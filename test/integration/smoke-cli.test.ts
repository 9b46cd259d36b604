/**
 * `scan --smoke --kubeconfig` as a user runs it, against the real loopback cluster: the JSON report
 * carries the smoke section (server version next to the declared one), and the namespace is gone.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasCluster, image, kubeconfig, network, skipNote } from './cluster-env.js'

const root = join(import.meta.dirname, '..', '..')

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], { cwd: root, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.skipIf(!hasCluster)(`scan --smoke --kubeconfig against the real cluster${skipNote}`, { timeout: 240_000 }, () => {
  it('passes, reports the server version next to the declared host version, and leaves the evidence', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'kcg-cli-evidence-'))
    const run = await cli(
      ['scan', 'test/fixtures/smoke-repos/kind-1.20', '--smoke', '--kubeconfig', kubeconfig, '--smoke-image', image,
        '--evidence-dir', evidence, '--format', 'json', '--fail-on', 'error'],
      network === 'host-loopback' ? { KCG_SMOKE_NETWORK: 'host-loopback', KCG_SMOKE_PORT: '28094' } : {}
    )
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { smoke: Record<string, unknown>; findings: Array<{ id: string }> }
    expect(report.smoke).toMatchObject({
      passed: true, mode: 'kubeconfig', serverVersion: 'v1.20.2', declaredHostVersion: '1.20.2', warnings: [],
      workload: { pod: 'ready', deployment: 'ready', resize: 'unsupported', reasons: [] },
      cleanup: [{ ok: true, message: expect.stringMatching(/^deleted namespace kcg-smoke-/) }], kept: false
    })
    expect(report.findings.map((f) => f.id)).not.toContain('smoke-workload-not-ready')
    expect((await readdir(evidence)).sort()).toEqual(['events.json', 'logs', 'pods.json', 'summary.json'])
    expect(run.stderr).toContain('kube-compat-gate: smoke:')
  })
})
