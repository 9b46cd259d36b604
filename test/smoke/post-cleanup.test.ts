/**
 * The action's post step, run as a child process with the state the main step saved, and a fake
 * kind on PATH: it deletes what a cancelled run left behind, and does nothing when all is clean.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLEANUP_STATE, readSmokeInputs } from '../../src/smoke/action-smoke.js'
import { parseCleanupState } from '../../src/smoke/post-cleanup.js'
import { makeFakeTools } from './fake-tools.js'

const root = join(import.meta.dirname, '..', '..')

function runPost(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'post.ts')], { cwd: root, env: { ...process.env, ...env } })
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.once('exit', (code) => resolve({ code, stdout }))
  })
}

describe('the action post step', { timeout: 30_000 }, () => {
  it('deletes the kind cluster a cancelled run recorded', async () => {
    const fakes = await makeFakeTools(['kind'])
    const result = await runPost({
      PATH: `${fakes.bin}:/usr/bin:/bin`, FAKE_LOG: fakes.log,
      [`STATE_${CLEANUP_STATE}`]: JSON.stringify([{ kind: 'kind-cluster', name: 'kcg-smoke-abc123' }])
    })
    expect(result.code).toBe(0)
    expect(await fakes.calls()).toEqual([['kind', 'delete', 'cluster', '--name', 'kcg-smoke-abc123']])
    expect(result.stdout).toContain('smoke cleanup: deleted kind cluster kcg-smoke-abc123')
  })

  it('does nothing when the main step cleaned up (empty state)', async () => {
    const fakes = await makeFakeTools(['kind'])
    const result = await runPost({ PATH: `${fakes.bin}:/usr/bin:/bin`, FAKE_LOG: fakes.log, [`STATE_${CLEANUP_STATE}`]: '[]' })
    expect(result.code).toBe(0)
    expect(await fakes.calls()).toEqual([])
  })

  it('ignores state that is not a list of known steps', () => {
    expect(parseCleanupState('')).toEqual([])
    expect(parseCleanupState('{"kind":"kind-cluster"}')).toEqual([])
    expect(parseCleanupState('[{"kind":"rm -rf","name":"/"},{"kind":"namespace","namespace":"kcg-smoke-1"}]')).toEqual([
      { kind: 'namespace', namespace: 'kcg-smoke-1' }
    ])
  })
})

describe('smoke inputs of the action', () => {
  const hooks = (inputs: Record<string, string>, saved: Array<[string, string]> = []) => ({
    getInput: (name: string) => inputs[name] ?? '',
    saveState: (name: string, value: string) => void saved.push([name, value]),
    info: () => {}
  })

  it('is off unless smoke is true', () => {
    expect(readSmokeInputs(hooks({}), '/w')).toBeUndefined()
    expect(readSmokeInputs(hooks({ smoke: 'false' }), '/w')).toBeUndefined()
  })

  it('reads the smoke inputs with their defaults and saves every cleanup plan for the post step', () => {
    const saved: Array<[string, string]> = []
    const request = readSmokeInputs(hooks({ smoke: 'true', kubeconfig: '/k', 'smoke-timeout': '300', 'smoke-image': 'kcg.local/busybox:1' }, saved), '/w')
    expect(request).toMatchObject({ kubeconfig: '/k', timeoutSeconds: 300, image: 'kcg.local/busybox:1', keep: false, evidenceDir: '/w/kube-compat-gate-evidence' })
    request?.onCleanupPlan?.([{ kind: 'namespace', namespace: 'kcg-smoke-1', kubeconfig: '/k' }])
    expect(saved).toEqual([[CLEANUP_STATE, '[{"kind":"namespace","namespace":"kcg-smoke-1","kubeconfig":"/k"}]']])
  })

  it('names the input when a value is wrong', () => {
    expect(() => readSmokeInputs(hooks({ smoke: 'yes' }), '/w')).toThrow('input "smoke" must be true or false (got "yes")')
    expect(() => readSmokeInputs(hooks({ smoke: 'true', 'smoke-timeout': '0' }), '/w')).toThrow(/input "smoke-timeout" must be a whole number/)
  })
})
