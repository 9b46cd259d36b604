/**
 * The vcluster part of a smoke run: `helm upgrade --install` of the vcluster chart at the declared
 * version with the repository's values and the declared virtual Kubernetes version, then a
 * connection to the virtual cluster that works on any runner without the vcluster CLI:
 * the chart stores the virtual cluster's kubeconfig in the Secret `vc-<release>`, and
 * `kubectl port-forward` (bound to loopback) reaches its API server.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import semver from 'semver'
import { parseDocument, stringify } from 'yaml'
import { planTempDir, type CleanupPlan } from './cleanup.js'
import type { ToolRunner } from './tools.js'

export const VCLUSTER_CHART_REPO = 'https://charts.loft.sh'
export const VCLUSTER_RELEASE = 'kcg-vcluster'

export interface VirtualKubernetes {
  /** As written, e.g. `v1.32.0-k3s1`. */
  raw: string
  /** Normalised, e.g. `1.32.0`. */
  version: string
  distro?: string
}

export interface VclusterInstall {
  vclusterVersion: string
  namespace: string
  hostKubeconfig: string
  valuesFiles: readonly string[]
  virtual?: VirtualKubernetes
  timeoutSeconds: number
}

/** `--set` pairs that pin the virtual Kubernetes version, in the chart layout of that vcluster release. */
export function virtualVersionValues(vclusterVersion: string, virtual: VirtualKubernetes): string[] {
  const distro = virtual.distro === 'k8s' || virtual.distro === 'k0s' ? virtual.distro : 'k3s'
  const tag = virtual.raw.startsWith('v') ? virtual.raw : `v${virtual.raw}`
  const vc = semver.coerce(vclusterVersion)?.version ?? vclusterVersion
  if (semver.valid(vc) && semver.lt(vc, '0.20.0')) {
    // Before 0.20 the chart was per distro (this one is the k3s chart) and took a whole image.
    return distro === 'k3s' ? [`vcluster.image=rancher/k3s:${tag}`] : []
  }
  const base = `controlPlane.distro.${distro}`
  if (distro === 'k8s' && semver.valid(vc) && semver.lt(vc, '0.25.0')) return [`${base}.enabled=true`, `${base}.version=${tag}`]
  return [`${base}.enabled=true`, `${base}.image.tag=${tag}`]
}

/**
 * Values files as the vcluster chart itself expects them. An umbrella chart (a Chart.yaml that
 * depends on vcluster) keeps the vcluster values under the dependency's name; installed directly,
 * the chart needs that subtree, so it goes to a temporary file.
 */
export async function chartValuesFiles(files: readonly string[], umbrellaKey: string | undefined, plan: CleanupPlan): Promise<string[]> {
  if (!umbrellaKey) return [...files]
  const out: string[] = []
  for (const file of files) {
    const values = parseDocument(await readFile(file, 'utf8')).toJS() as Record<string, unknown> | null
    const subtree = values?.[umbrellaKey]
    if (typeof subtree !== 'object' || subtree === null) continue
    const dir = await planTempDir(plan, 'values')
    const target = join(dir, 'values.yaml')
    await writeFile(target, stringify(subtree))
    out.push(target)
  }
  return out
}

/** The helm argv for the install; exported so tests can read exactly what would run. */
export function helmInstallArgs(install: VclusterInstall): string[] {
  const args = [
    'upgrade', '--install', VCLUSTER_RELEASE, 'vcluster',
    '--repo', VCLUSTER_CHART_REPO,
    '--version', install.vclusterVersion.replace(/^v/, ''),
    '--namespace', install.namespace, '--create-namespace',
    '--kubeconfig', install.hostKubeconfig
  ]
  for (const file of install.valuesFiles) args.push('--values', file)
  if (install.virtual) for (const pair of virtualVersionValues(install.vclusterVersion, install.virtual)) args.push('--set', pair)
  args.push('--wait', '--timeout', `${install.timeoutSeconds}s`)
  return args
}

export async function installVcluster(tools: ToolRunner, install: VclusterInstall): Promise<void> {
  await tools.run('helm', helmInstallArgs(install), { timeoutMs: (install.timeoutSeconds + 30) * 1000 })
}

export interface VirtualConnection {
  kubeconfig: string
  stop: () => void
}

/**
 * Reads the virtual cluster's kubeconfig from its Secret, forwards a loopback port to the
 * vcluster Service and returns a kubeconfig that points there.
 */
export async function connectVcluster(
  tools: ToolRunner,
  hostKubeconfig: string,
  namespace: string,
  deadline: number,
  plan: CleanupPlan
): Promise<VirtualConnection> {
  const secretArgs = ['get', 'secret', `vc-${VCLUSTER_RELEASE}`, '--kubeconfig', hostKubeconfig, '-n', namespace, '-o', 'jsonpath={.data.config}']
  let encoded = ''
  for (;;) {
    encoded = (await tools.run('kubectl', secretArgs, { timeoutMs: 30_000 }).catch(() => ({ stdout: '' }))).stdout.trim()
    if (encoded || Date.now() > deadline) break
    await new Promise((r) => setTimeout(r, 2000))
  }
  if (!encoded) throw new Error(`the vcluster did not publish its kubeconfig (Secret ${namespace}/vc-${VCLUSTER_RELEASE})`)
  const port = await freeLoopbackPort()
  const forward = tools.start('kubectl', [
    'port-forward', '--kubeconfig', hostKubeconfig, '-n', namespace, `svc/${VCLUSTER_RELEASE}`, `${port}:443`, '--address', '127.0.0.1'
  ])
  await waitForForwarding(forward)
  const dir = await planTempDir(plan, 'vcluster')
  const kubeconfig = join(dir, 'kubeconfig')
  await writeFile(kubeconfig, pointKubeconfigAt(Buffer.from(encoded, 'base64').toString('utf8'), `https://127.0.0.1:${port}`), { mode: 0o600 })
  return { kubeconfig, stop: () => forward.kill('SIGTERM') }
}

/**
 * Points every cluster of a kubeconfig at `server`. The vcluster's serving certificate names
 * `localhost`, so the original host name is kept for TLS verification.
 */
export function pointKubeconfigAt(kubeconfigYaml: string, server: string): string {
  const doc = parseDocument(kubeconfigYaml)
  const clusters = doc.get('clusters') as { items?: Array<{ getIn: (p: string[]) => unknown; setIn: (p: string[], v: unknown) => void }> } | undefined
  for (const entry of clusters?.items ?? []) {
    const original = entry.getIn(['cluster', 'server'])
    if (typeof original === 'string') {
      const host = new URL(original).hostname
      if (host !== '127.0.0.1') entry.setIn(['cluster', 'tls-server-name'], host)
    }
    entry.setIn(['cluster', 'server'], server)
  }
  return doc.toString()
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function waitForForwarding(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kubectl port-forward did not start within 30 s')), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Forwarding from')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`kubectl port-forward exited (${code ?? 'signal'})`))
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

/** The syncer's log, the place where #2472's error shows up. */
export async function syncerLogs(tools: ToolRunner, hostKubeconfig: string, namespace: string): Promise<string> {
  const result = await tools
    .run('kubectl', ['logs', '--kubeconfig', hostKubeconfig, '-n', namespace, '-l', 'app=vcluster', '--all-containers', '--tail', '5000'], { timeoutMs: 60_000 })
    .catch((error: unknown) => ({ stdout: `(no syncer log: ${error instanceof Error ? error.message : String(error)})` }))
  return result.stdout
}
