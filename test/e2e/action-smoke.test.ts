/**
 * The built action (dist/index.js) with `smoke: true` on an existing cluster: here the recorded
 * answers of loft-sh/vcluster#2472 replayed to the real client-node. The step fails, the finding
 * is confirmed at runtime, `evidence-dir` is an output, and the cleanup plan is saved for the post step.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, TempRepo } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'
import { loadScenario, startReplayServer, type ReplayServer } from '../smoke/replay-server.js'

let server: ReplayServer | undefined
afterEach(async () => {
  await server?.close()
})

describe('dist/index.js with smoke: true', () => {
  it('confirms the seed incident at runtime and exposes the evidence', async () => {
    server = await startReplayServer(await loadScenario('vcluster-qosclass-immutable'), tempDir('kcg-replay-'))
    const repo = new TempRepo()
    const sha = repo.commit({
      'kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:v1.32.0\n'
    })
    const run = await runAction({
      workspace: repo.dir, eventName: 'workflow_dispatch', payload: { inputs: {} }, apiUrl: 'http://127.0.0.1:9', sha,
      inputs: { 'github-token': '', smoke: 'true', kubeconfig: server.kubeconfig, 'smoke-timeout': '1', 'smoke-image': 'kcg.local/busybox:1' }
    })
    expect(run.code, run.stderr).toBe(1)
    expect(run.outputs.result).toBe('failed')
    const findings = JSON.parse(run.outputs.findings ?? '[]') as Array<{ id: string; confirmedAtRuntime?: boolean; file: string; line: number }>
    expect(findings).toContainEqual(
      expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', confirmedAtRuntime: true, file: 'kind.yaml', line: 5 })
    )
    expect(run.outputs['evidence-dir']).toBe(`${repo.dir}/kube-compat-gate-evidence`)
    expect(existsSync(`${repo.dir}/kube-compat-gate-evidence/events.json`)).toBe(true)
    expect(run.stdout).toMatch(/^::error [^\n]*file=kind\.yaml,line=5/m)
    // The job summary says what ran and what the smoke test saw, next to the finding it confirms.
    expect(run.summary).toContain('### Smoke test: ❌ failed')
    expect(run.summary).toContain('server `v1.32.0+k3s1`')
    expect(run.summary).toMatch(/Seen happening:\n\n- \*\*vcluster-qosclass-immutable-k8s-1\.32\*\* in event Pod\/kcg-smoke-pod SyncError: `[^`\n]*field is immutable[^`\n]*`/)
    expect(run.summary).toMatch(/🔬 Seen in the smoke test \(event Pod\/kcg-smoke-pod SyncError\)/)
    expect(run.summary).toContain('kube-compat-gate-evidence')
    // The plan is saved before the namespace exists and emptied once the run cleaned up.
    const states = [...run.stdout.matchAll(/^::save-state name=smoke_cleanup::(.*)$/gm)].map((m) => m[1])
    expect(states[0]).toMatch(/"kind":"namespace","namespace":"kcg-smoke-[0-9a-f]+"/)
    expect(states.at(-1)).toBe('[]')
  })
})
