/**
 * kind, docker, helm and kubectl as fake executables on PATH (they record their argv): creation
 * with the node image pinned by digest, failures, cleanup, and the vcluster install.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadDatabase } from '../../src/db/load.js'
import type { Database } from '../../src/db/schema.js'
import { UsageError } from '../../src/errors.js'
import type { Declaration } from '../../src/model.js'
import { createKubeClient } from '../../src/smoke/kube-client.js'
import { runSmoke, type SmokeOptions } from '../../src/smoke/run-smoke.js'
import { mergeRuntimeFindings, SMOKE_FAILED_ID } from '../../src/smoke/runtime-findings.js'
import { makeFakeTools, type FakeTools } from './fake-tools.js'
import { loadScenario, startReplayServer, type ReplayServer } from './replay-server.js'

const host = (version: string): Declaration => ({
  component: 'kubernetes', role: 'host', distro: 'kind', version, raw: `v${version}`, file: 'kind.yaml', line: 6, column: 25, source: 'kind-config'
})
const vcluster: Declaration = { component: 'vcluster', version: '0.22.1', raw: '0.22.1', file: 'vcluster/Chart.yaml', line: 9, column: 14, source: 'helm-chart' }
const virtual: Declaration = {
  component: 'kubernetes', role: 'virtual', distro: 'k3s', version: '1.32.0', raw: 'v1.32.0-k3s1', file: 'vcluster/values.yaml', line: 4, column: 14, source: 'vcluster-values'
}

const originalPath = process.env.PATH
let database: Database
let fakes: FakeTools
let server: ReplayServer
let connected: string[]
/** What each kubeconfig handed to `connect` held then (the run removes its temporary files at the end). */
let connectedText: string[]

beforeAll(async () => {
  database = await loadDatabase([])
})
beforeEach(async () => {
  fakes = await makeFakeTools()
  process.env.PATH = `${fakes.bin}:/usr/bin:/bin`
  process.env.FAKE_LOG = fakes.log
  server = await startReplayServer(await loadScenario('resize-in-place'), fakes.bin)
  connected = []
  connectedText = []
})
afterEach(async () => {
  process.env.PATH = originalPath
  for (const key of Object.keys(process.env)) if (key.startsWith('FAKE_')) delete process.env[key]
  await server.close()
})

async function run(declarations: Declaration[], overrides: Partial<SmokeOptions> = {}) {
  const evidenceDir = join(await mkdtemp(join(tmpdir(), 'kcg-ev-')), 'evidence')
  return runSmoke({
    database, declarations, root: '/repo', timeoutSeconds: 60, image: 'busybox', keep: false, evidenceDir, handleSignals: false,
    // Whatever kubeconfig kind (or the vcluster) hands over, the API answers come from the replay.
    connect: async (kubeconfig) => {
      connected.push(kubeconfig ?? '')
      connectedText.push(kubeconfig ? await readFile(kubeconfig, 'utf8').catch(() => '') : '')
      return createKubeClient({ kubeconfigPath: server.kubeconfig, pollIntervalMs: 50 })
    },
    ...overrides
  })
}

describe('kind mode through fake executables', () => {
  it('creates the cluster with the node image digest kind v0.26.0 lists for 1.32, and deletes it afterwards', async () => {
    const result = await run([host('1.32.0')])
    const calls = await fakes.calls()
    const create = calls.find((c) => c[0] === 'kind' && c[1] === 'create')
    expect(create).toEqual([
      'kind', 'create', 'cluster', '--name', expect.stringMatching(/^kcg-smoke-[0-9a-f]{6}$/),
      '--image', 'kindest/node:v1.32.0@sha256:c48c62eac5da28cdadcf560d1d8616cfa6783b58f0d94cf63ad1bf49600cb027',
      '--kubeconfig', expect.stringMatching(/kubeconfig$/), '--wait', expect.stringMatching(/^\d+s$/)
    ])
    expect(calls.at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', create?.[4]])
    expect(connected[0]).toBe(create?.[8])
    expect(result).toMatchObject({ mode: 'kind', passed: true, cluster: { kindRelease: '0.26.0' } })
    const kubeconfigDir = dirname(create?.[8] ?? '')
    expect(result.cleanup).toEqual([
      { step: { kind: 'kind-cluster', name: create?.[4] }, ok: true, message: `deleted kind cluster ${create?.[4]}` },
      { step: { kind: 'temp-dir', path: kubeconfigDir }, ok: true, message: `removed temporary folder ${kubeconfigDir}` }
    ])
    expect(existsSync(kubeconfigDir)).toBe(false)
  })

  it('keeps the cluster with smoke-keep', async () => {
    const result = await run([host('1.31.4')], { keep: true })
    expect((await fakes.calls()).some((c) => c[1] === 'delete')).toBe(false)
    expect(result.kept).toBe(true)
  })

  it('turns a failed kind create into a finding with kind\'s own message, and still deletes the cluster', async () => {
    process.env.FAKE_KIND_CREATE = 'fail'
    const result = await run([host('1.32.0')])
    expect(result.passed).toBe(false)
    expect(result.error).toContain('failed to create cluster')
    expect(mergeRuntimeFindings([], result, [host('1.32.0')])).toEqual([
      expect.objectContaining({ id: SMOKE_FAILED_ID, file: 'kind.yaml', line: 6, message: expect.stringContaining('kubeadm init') })
    ])
    expect((await fakes.calls()).filter((c) => c[0] === 'kind').map((c) => c[1])).toEqual(['version', 'create', 'delete'])
  })

  it('names the supported versions when kind has no node image for the declared one', async () => {
    const error = await run([host('1.19.16')]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toBe(
      'kind v0.26.0 has no node image for Kubernetes 1.19.16 (it supports 1.32, 1.31, 1.30, 1.29); see https://github.com/kubernetes-sigs/kind/releases/tag/v0.26.0'
    )
    expect((await fakes.calls()).some((c) => c[1] === 'create')).toBe(false)
  })

  it('says when the installed kind release is not in the table', async () => {
    process.env.FAKE_KIND_VERSION = 'kind v0.8.1 go1.14 linux/amd64'
    await expect(run([host('1.32.0')])).rejects.toThrow(/kind v0\.8\.1 is not in the node image table \(known: v0\.32\.0, v0\.31\.0, v0\.30\.0, v0\.29\.0, v0\.28\.0/)
  })

  it('stops with one line when kind is missing', async () => {
    process.env.PATH = '/usr/bin:/bin'
    await expect(run([host('1.32.0')])).rejects.toThrow(
      new UsageError('--smoke needs kind: it is not installed (not on PATH); install kind or pass --kubeconfig FILE')
    )
  })

  it('stops with one line when the Docker engine is down', async () => {
    process.env.FAKE_DOCKER = 'down'
    await expect(run([host('1.32.0')])).rejects.toThrow(/the Docker engine is not reachable/)
  })
})

describe('vcluster through fake helm and kubectl', () => {
  it('installs the declared chart version with the repository values and the virtual k3s version, then connects through a loopback port-forward', async () => {
    const kubeconfig = 'apiVersion: v1\nkind: Config\nclusters:\n- name: my-vcluster\n  cluster:\n    server: https://localhost:8443\n    certificate-authority-data: Zm9v\n'
    process.env.FAKE_VCLUSTER_KUBECONFIG_B64 = Buffer.from(kubeconfig).toString('base64')
    // An umbrella chart: the vcluster values sit under the dependency's name.
    const repo = await mkdtemp(join(tmpdir(), 'kcg-repo-'))
    await mkdir(join(repo, 'vcluster'))
    await writeFile(join(repo, 'vcluster', 'values.yaml'), 'vcluster:\n  sync:\n    toHost:\n      ingresses:\n        enabled: true\n')
    const copies = await mkdtemp(join(tmpdir(), 'kcg-helm-values-'))
    process.env.FAKE_VALUES_COPY = copies
    const result = await run([host('1.31.4'), vcluster, virtual], { root: repo })
    const calls = await fakes.calls()
    const helm = calls.find((c) => c[0] === 'helm')
    const ns = `${result.namespace}-vcluster`
    expect(helm).toEqual([
      'helm', 'upgrade', '--install', 'kcg-vcluster', 'vcluster', '--repo', 'https://charts.loft.sh', '--version', '0.22.1',
      '--namespace', ns, '--create-namespace', '--kubeconfig', expect.stringMatching(/kubeconfig$/),
      '--values', expect.stringMatching(/kcg-values-.*values\.yaml$/),
      '--set', 'controlPlane.distro.k3s.enabled=true', '--set', 'controlPlane.distro.k3s.image.tag=v1.32.0-k3s1',
      '--wait', '--timeout', expect.stringMatching(/^\d+s$/)
    ])
    expect(await readFile(join(copies, 'values-1.yaml'), 'utf8')).toBe('sync:\n  toHost:\n    ingresses:\n      enabled: true\n')
    // The values file and both kubeconfigs were in temporary folders the run removed.
    for (const path of [helm?.[15], helm?.[13], connected[1]]) expect(existsSync(dirname(path ?? '/'))).toBe(false)
    const forward = calls.find((c) => c[1] === 'port-forward')
    expect(forward).toEqual(['kubectl', 'port-forward', '--kubeconfig', expect.any(String), '-n', ns, 'svc/kcg-vcluster', expect.stringMatching(/^\d+:443$/), '--address', '127.0.0.1'])
    const virtualKubeconfig = connectedText[1] ?? ''
    expect(virtualKubeconfig).toContain(`server: https://127.0.0.1:${forward?.[7]?.split(':')[0]}`)
    expect(virtualKubeconfig).toContain('tls-server-name: localhost')
    expect(calls.some((c) => c[0] === 'kubectl' && c[1] === 'logs' && c.includes('app=vcluster'))).toBe(true)
    expect(await readFile(join(result.evidenceDir, 'logs', 'vcluster-syncer.log'), 'utf8')).toContain('syncer started')
    expect(calls.at(-1)?.slice(0, 3)).toEqual(['kind', 'delete', 'cluster'])
  })

  it('reports a failed helm install with helm\'s message', async () => {
    process.env.FAKE_HELM = 'fail'
    const result = await run([host('1.31.4'), vcluster])
    expect(result.error).toContain('context deadline exceeded')
    expect(result.passed).toBe(false)
    expect((await fakes.calls()).at(-1)?.slice(0, 3)).toEqual(['kind', 'delete', 'cluster'])
  })
})
