/**
 * `scan --smoke` as a user runs it (the CLI in a child process), with fake kind/docker on PATH:
 * a SIGTERM during `kind create` still deletes the cluster; a missing kind is one line and exit 2.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeFakeTools } from './fake-tools.js'

const root = join(import.meta.dirname, '..', '..')
const fixture = join(root, 'test', 'fixtures', 'smoke-repos', 'kind-1.32')

function startCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited, stderr: () => stderr }
}

describe('scan --smoke (CLI)', { timeout: 60_000 }, () => {
  it('deletes the kind cluster when SIGTERM arrives during kind create, and exits 143', async () => {
    const fakes = await makeFakeTools()
    const evidence = await mkdtemp(join(tmpdir(), 'kcg-ev-'))
    const cli = startCli(['scan', fixture, '--smoke', '--evidence-dir', evidence], {
      PATH: `${fakes.bin}:/usr/bin:/bin`, FAKE_LOG: fakes.log, FAKE_KIND_CREATE: 'sleep'
    })
    // Wait until the fake kind is inside `create`, as a cancelled job would find it.
    while (!(await readFile(fakes.log, 'utf8')).includes('kind\tcreate')) await new Promise((r) => setTimeout(r, 50))
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(143)
    const calls = await fakes.calls()
    const name = calls.find((c) => c[1] === 'create')?.[4]
    expect(name).toMatch(/^kcg-smoke-/)
    expect(calls.at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', name])
    expect(cli.stderr()).toContain('SIGTERM: cleaning up the smoke test')
  })

  it('stops with exit code 2 and one line when kind is not installed', async () => {
    const fakes = await makeFakeTools(['docker'])
    const cli = startCli(['scan', fixture, '--smoke'], { PATH: `${fakes.bin}:/usr/bin:/bin`, FAKE_LOG: fakes.log })
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toBe('kube-compat-gate: --smoke needs kind: it is not installed (not on PATH); install kind or pass --kubeconfig FILE\n')
  })

  it('rejects smoke options without --smoke and a bad --smoke-timeout', async () => {
    const a = startCli(['scan', fixture, '--kubeconfig', 'x'], {})
    expect(await a.exited).toBe(2)
    expect(a.stderr()).toBe('kube-compat-gate: --kubeconfig only makes sense with --smoke\n')
    const b = startCli(['scan', fixture, '--smoke', '--smoke-timeout', '3m'], {})
    expect(await b.exited).toBe(2)
    expect(b.stderr()).toBe('kube-compat-gate: --smoke-timeout must be a whole number of seconds, at least 1 (got "3m")\n')
  })
})
