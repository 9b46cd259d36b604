import { describe, expect, it } from 'vitest'
import {
  buildNamespace,
  buildSmokeDeployment,
  buildSmokePod,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  smokeNamespaceName
} from '../../src/smoke/workload.js'

const image = 'registry.example/busybox:1.36'

describe('smokeNamespaceName', () => {
  it('is a valid DNS label with a random suffix', () => {
    const a = smokeNamespaceName()
    const b = smokeNamespaceName()
    expect(a).toMatch(/^kcg-smoke-[0-9a-f]{8}$/)
    expect(a).not.toBe(b)
  })

  it('uses a given suffix', () => {
    expect(smokeNamespaceName('abc')).toBe('kcg-smoke-abc')
  })
})

describe('buildNamespace', () => {
  it('is labelled as managed by kube-compat-gate', () => {
    expect(buildNamespace('kcg-smoke-1')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kcg-smoke-1', labels: { [MANAGED_BY_LABEL]: MANAGED_BY } }
    })
  })
})

describe('buildSmokePod', () => {
  const pod = buildSmokePod('ns1', { image })
  const container = pod.spec?.containers[0]

  it('is a labelled Pod in the given namespace running the given image', () => {
    expect(pod.metadata?.namespace).toBe('ns1')
    expect(pod.metadata?.labels?.[MANAGED_BY_LABEL]).toBe(MANAGED_BY)
    expect(container?.image).toBe(image)
    expect(container).not.toHaveProperty('imagePullPolicy')
  })

  it('is Burstable: every request is below its limit', () => {
    const { requests = {}, limits = {} } = container?.resources ?? {}
    expect(Object.keys(requests).sort()).toEqual(['cpu', 'memory'])
    expect(parseCpu(requests.cpu)).toBeLessThan(parseCpu(limits.cpu))
    expect(parseMi(requests.memory)).toBeLessThan(parseMi(limits.memory))
  })

  it('serves HTTP in its own network and is probed on the Pod IP by default', () => {
    expect(pod.spec?.hostNetwork).toBeUndefined()
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/', port: 8080 })
    expect(container?.command?.join(' ')).toContain('httpd -f -p 8080 ')
  })

  it('with host-loopback, listens and is probed on 127.0.0.1 only', () => {
    const p = buildSmokePod('ns1', { image, network: 'host-loopback', port: 28080, imagePullPolicy: 'Never' })
    const c = p.spec?.containers[0]
    expect(p.spec?.hostNetwork).toBe(true)
    expect(c?.imagePullPolicy).toBe('Never')
    expect(c?.readinessProbe?.httpGet).toEqual({ path: '/', port: 28080, host: '127.0.0.1' })
    expect(c?.command?.join(' ')).toContain('httpd -f -p 127.0.0.1:28080 ')
    expect(c?.ports).toEqual([{ name: 'http', containerPort: 28080, protocol: 'TCP' }])
  })

  it('runs as non-root without privilege escalation and without an API token', () => {
    expect(pod.spec?.securityContext?.runAsNonRoot).toBe(true)
    expect(container?.securityContext?.allowPrivilegeEscalation).toBe(false)
    expect(pod.spec?.automountServiceAccountToken).toBe(false)
  })
})

describe('buildSmokeDeployment', () => {
  const deployment = buildSmokeDeployment('ns1', { image, network: 'host-loopback', port: 28081 })

  it('has one replica whose selector matches its template', () => {
    expect(deployment.spec?.replicas).toBe(1)
    const selector = deployment.spec?.selector.matchLabels ?? {}
    expect(Object.keys(selector).length).toBeGreaterThan(0)
    expect(deployment.spec?.template.metadata?.labels).toMatchObject(selector)
  })

  it('uses the same container shape as the Pod', () => {
    const fromPod = buildSmokePod('ns1', { image, network: 'host-loopback', port: 28081 }).spec?.containers
    expect(deployment.spec?.template.spec?.containers).toEqual(fromPod)
    expect(deployment.metadata?.labels?.[MANAGED_BY_LABEL]).toBe(MANAGED_BY)
  })
})

function parseCpu(value: string | undefined): number {
  if (!value) return NaN
  return value.endsWith('m') ? Number(value.slice(0, -1)) / 1000 : Number(value)
}

function parseMi(value: string | undefined): number {
  if (!value?.endsWith('Mi')) return NaN
  return Number(value.slice(0, -2))
}
