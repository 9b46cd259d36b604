/**
 * A loopback HTTP server that answers the Kubernetes API calls of a smoke run from a recorded
 * scenario (test/fixtures/smoke-api), so the real client-node can be tested against behaviour of
 * servers we cannot run here (1.32+, vcluster, runc on cgroup v1).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface Scenario {
  version: unknown
  pod: unknown[]
  podAfterResize?: unknown
  resize?: unknown
  deployment: unknown[]
  events: unknown[]
  log: string
}

export interface ReplayServer {
  kubeconfig: string
  /** Requests seen, as `METHOD path`. */
  requests: string[]
  close: () => Promise<void>
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'smoke-api')

export async function loadScenario(name: string): Promise<Scenario> {
  return JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as Scenario
}

export async function startReplayServer(scenario: Scenario, dir: string): Promise<ReplayServer> {
  const requests: string[] = []
  const namespaces = new Set<string>()
  let resized = false
  const fill = (value: unknown, ns: string): unknown => JSON.parse(JSON.stringify(value).replaceAll('NAMESPACE', ns))
  const status = (res: ServerResponse, code: number, reason: string, message: string, details?: unknown): void =>
    send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) })

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    requests.push(`${req.method} ${path}`)
    let m: RegExpExecArray | null
    if (path === '/version') return send(res, 200, scenario.version)
    if (req.method === 'POST' && path === '/api/v1/namespaces') {
      return body(req).then((b) => {
        const ns = (b as { metadata: { name: string } }).metadata.name
        namespaces.add(ns)
        send(res, 201, { ...(b as object), metadata: { ...(b as { metadata: object }).metadata, uid: 'ns-uid' } })
      })
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path))) {
      const ns = m[1] ?? ''
      if (req.method === 'DELETE') {
        namespaces.delete(ns)
        return send(res, 200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns }, status: { phase: 'Terminating' } })
      }
      if (namespaces.has(ns)) return send(res, 200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns } })
      return status(res, 404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' })
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path))) {
      const ns = m[1] ?? ''
      if (req.method === 'POST') return body(req).then((b) => send(res, 201, b))
      return send(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [fill(currentPod(), ns)] })
    }
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/.exec(path))) return body(req).then((b) => send(res, 201, b))
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/resize$/.exec(path))) {
      if (!scenario.resize) return status(res, 404, 'NotFound', 'the server could not find the requested resource')
      resized = true
      return body(req).then(() => send(res, 200, fill(scenario.resize, m?.[1] ?? '')))
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(path))) {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end(scenario.log)
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(path))) return send(res, 200, fill(currentPod(), m[1] ?? ''))
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/.exec(path))) {
      return send(res, 200, fill(scenario.deployment[0], m[1] ?? ''))
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/events$/.exec(path))) {
      return send(res, 200, { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: scenario.events.map((e) => fill(e, m?.[1] ?? '')) })
    }
    status(res, 404, 'NotFound', 'the server could not find the requested resource')
  })
  const currentPod = (): unknown => (resized && scenario.podAfterResize ? scenario.podAfterResize : scenario.resize && resized ? scenario.resize : scenario.pod[0])

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const kubeconfig = join(dir, 'replay-kubeconfig')
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1', 'kind: Config', 'current-context: replay',
      'clusters:', '- name: replay', '  cluster:', `    server: http://127.0.0.1:${port}`, '    insecure-skip-tls-verify: true',
      'contexts:', '- name: replay', '  context:', '    cluster: replay', '    user: replay',
      'users:', '- name: replay', '  user:', '    token: replay-token', ''
    ].join('\n')
  )
  return { kubeconfig, requests, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

function send(res: ServerResponse, code: number, value: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' })
  res.end(JSON.stringify(value))
}

function body(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let data = ''
    req.on('data', (chunk: Buffer) => (data += chunk.toString()))
    req.on('end', () => resolve(data ? JSON.parse(data) : {}))
  })
}
