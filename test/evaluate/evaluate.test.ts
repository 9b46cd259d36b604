import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import type { Database } from '../../src/db/schema.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import type { Declaration, Environment, Usage } from '../../src/model.js'
import { parseVersion } from '../../src/versions/parse.js'

const bundled = bundledDatabase()

/** The bundled database cut down to the entries a test is about. */
function only(...ids: string[]): Database {
  return { ...bundled, entries: bundled.entries.filter((entry) => ids.includes(entry.id)) }
}

let line = 0
function declare(component: Declaration['component'], raw: string, file: string, extra: Partial<Declaration> = {}): Declaration {
  const parsed = parseVersion(raw, { allowRange: true })
  if (!parsed.ok) throw new Error(parsed.reason)
  const value = parsed.value
  return {
    component,
    version: value.version,
    raw,
    file,
    line: ++line,
    column: 3,
    source: 'test',
    group: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.',
    ...(value.kind === 'range' ? { constraint: true as const } : {}),
    ...(value.kind !== 'range' && value.distro ? { distro: value.distro } : {}),
    ...extra
  }
}

function api(apiVersion: string, kind: string, file: string): Usage {
  return { feature: 'api', apiVersion, kind, file, line: 7, column: 13, source: 'test', group: file.slice(0, file.lastIndexOf('/')) }
}

describe('vcluster tenant ≤1.33 on host ≥1.34 (loft-sh/vcluster#3578): fixed per release branch', () => {
  const database = only('vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')
  const fires = (vcluster: string, host: string, virtual = '1.33.4') => {
    const environment: Environment = {
      vcluster: declare('vcluster', vcluster, 'dev/Chart.yaml'),
      virtual: declare('kubernetes', virtual, 'dev/values.yaml', { role: 'virtual', distro: 'k8s' }),
      host: declare('kubernetes', host, 'dev/host.yaml', { role: 'host' })
    }
    return evaluate([environment], database, { date: '2026-11-22' }).length > 0
  }

  it.each([
    ['0.35.2', true],
    ['0.35.3', false],
    ['0.36.0', true],
    ['0.36.1', false],
    ['0.37.0-rc.1', false],
    ['0.34.7', true]
  ])('vcluster %s with a 1.33 tenant on a 1.34 host fires: %s', (vcluster, expected) => {
    expect(fires(vcluster, '1.34.0')).toBe(expected)
  })

  it('a 1.33 host is not affected, a 1.34 host is', () => {
    expect(fires('0.36.0', '1.33.9')).toBe(false)
    expect(fires('0.36.0', '1.34.0')).toBe(true)
  })

  it('a 1.34 tenant is not affected', () => {
    expect(fires('0.36.0', '1.34.0', '1.34.0')).toBe(false)
  })
})

describe('API removals: each manifest is checked against the cluster it is deployed to', () => {
  const database = only('api-removed-in-1.25')
  const dev: Environment = { virtual: declare('kubernetes', '1.25.0', 'clusters/dev/values.yaml', { role: 'virtual', distro: 'k8s' }) }
  const old: Environment = { virtual: declare('kubernetes', '1.24.17', 'clusters/old/values.yaml', { role: 'virtual', distro: 'k8s' }) }

  it('reports a removed API at the manifest line, only for the environment that encloses it', () => {
    const findings = evaluate([dev, old], database, {
      date: '2026-11-22',
      usages: [api('batch/v1beta1', 'CronJob', 'clusters/dev/apps/cron.yaml'), api('batch/v1beta1', 'CronJob', 'clusters/old/apps/cron.yaml')]
    })
    expect(findings).toEqual([
      expect.objectContaining({ id: 'api-removed-in-1.25', file: 'clusters/dev/apps/cron.yaml', line: 7, column: 13 })
    ])
    expect(findings[0]!.message).toContain('CronJob batch/v1beta1 at clusters/dev/apps/cron.yaml:7: use batch/v1')
  })

  it('a manifest outside every environment is checked against each of them', () => {
    const findings = evaluate([dev, old], database, { date: '2026-11-22', usages: [api('policy/v1beta1', 'PodDisruptionBudget', 'deploy/pdb.yaml')] })
    expect(findings.map((f) => f.declarations[0]?.version)).toEqual(['1.25.0'])
  })

  it('a manifest outside every environment is one finding, which says in how many more environments it holds', () => {
    const newer: Environment = { virtual: declare('kubernetes', '1.30.2', 'clusters/new/values.yaml', { role: 'virtual', distro: 'k8s' }) }
    const newest: Environment = { virtual: declare('kubernetes', '1.32.0', 'clusters/newest/values.yaml', { role: 'virtual', distro: 'k8s' }) }
    const findings = evaluate([old, dev, newer, newest], database, { date: '2026-11-22', usages: [api('batch/v1beta1', 'CronJob', 'deploy/cron.yaml')] })
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ file: 'deploy/cron.yaml', line: 7, declarations: [expect.objectContaining({ version: '1.25.0' })] })
    expect(findings[0]!.message).toMatch(/It holds for 2 more environments this manifest may be deployed to\.$/)
  })

  it('a manifest in an environment and outside all others is still reported once per line', () => {
    const findings = evaluate([dev, old], database, {
      date: '2026-11-22',
      usages: [api('batch/v1beta1', 'CronJob', 'clusters/dev/cron.yaml'), api('batch/v1beta1', 'CronJob', 'deploy/cron.yaml')]
    })
    expect(findings.map((f) => `${f.file} ${f.message.includes('more environment')}`)).toEqual(['clusters/dev/cron.yaml false', 'deploy/cron.yaml false'])
  })

  it('a certainly affected environment is named rather than one that may be affected', () => {
    const range: Environment = { virtual: declare('kubernetes', '>=1.24.0', 'clusters/any/values.yaml', { role: 'virtual', distro: 'k8s' }) }
    const [finding] = evaluate([range, dev], database, { date: '2026-11-22', usages: [api('batch/v1beta1', 'CronJob', 'deploy/cron.yaml')] })
    expect(finding).toMatchObject({ certainty: 'affected', declarations: [expect.objectContaining({ file: 'clusters/dev/values.yaml' })] })
    expect(finding!.message).toContain('It holds for 1 more environment this manifest')
  })

  it('every manifest of a large repository is reported once, however many environments it may go to', () => {
    const environments = Array.from({ length: 60 }, (_, n): Environment => ({
      virtual: declare('kubernetes', `1.${25 + (n % 8)}.0`, `clusters/c${n}/values.yaml`, { role: 'virtual', distro: 'k8s' })
    }))
    const usages = Array.from({ length: 1500 }, (_, n) => api('batch/v1beta1', 'CronJob', `deploy/team-${n}/cron.yaml`))
    const findings = evaluate(environments, database, { date: '2026-11-22', usages })
    expect(findings).toHaveLength(1500)
    expect(new Set(findings.map((f) => f.file)).size).toBe(1500)
    expect(findings.every((f) => f.message.endsWith('It holds for 59 more environments this manifest may be deployed to.'))).toBe(true)
  })

  it('says when there is no replacement', () => {
    const [finding] = evaluate([dev], database, { date: '2026-11-22', usages: [api('policy/v1beta1', 'PodSecurityPolicy', 'clusters/dev/psp.yaml')] })
    expect(finding!.message).toContain('PodSecurityPolicy has no replacement: use Pod Security Admission')
  })

  it('manifests of a vcluster whose virtual version is unknown are not judged by the host version', () => {
    const environment: Environment = {
      vcluster: declare('vcluster', '0.30.0', 'clusters/x/Chart.yaml'),
      host: declare('kubernetes', '1.30.0', 'clusters/x/host.yaml', { role: 'host' })
    }
    expect(evaluate([environment], database, { date: '2026-11-22', usages: [api('batch/v1beta1', 'CronJob', 'clusters/x/cron.yaml')] })).toEqual([])
  })

  it('apps/v1 is not reported', () => {
    expect(evaluate([dev], only('api-removed-in-1.16'), { date: '2026-11-22', usages: [api('apps/v1', 'Deployment', 'clusters/dev/d.yaml')] })).toEqual([])
  })
})

describe('dates: end of life is judged on the evaluation date', () => {
  const database = only('kubernetes-end-of-life')
  const environment: Environment = { host: declare('kubernetes', 'v1.31.4', 'hack/kind.yaml', { role: 'host', distro: 'kind' }) }

  it.each([
    ['2025-11-10', 0],
    ['2025-11-11', 1]
  ])('Kubernetes 1.31 on %s: %i finding(s)', (date, count) => {
    const findings = evaluate([environment], database, { date })
    expect(findings).toHaveLength(count)
    if (count > 0) expect(findings[0]!.message).toContain('1.31 reached end of life on 2025-11-11 (checked on 2025-11-11)')
  })

  it('reports host and virtual clusters each at their own line', () => {
    const both: Environment = {
      host: declare('kubernetes', '1.30.1', 'a/host.yaml', { role: 'host' }),
      virtual: declare('kubernetes', 'v1.29.0-k3s1', 'a/values.yaml', { role: 'virtual' })
    }
    expect(evaluate([both], database, { date: '2026-01-01' }).map((f) => f.file)).toEqual(['a/host.yaml', 'a/values.yaml'])
  })
})

describe('kubectl skew against the cluster it talks to', () => {
  const database = only('kubectl-version-skew')
  it.each([
    ['1.29.9', '1.31.4', true],
    ['1.30.0', '1.31.4', false],
    ['1.32.3', '1.31.4', false],
    ['1.33.0', '1.31.4', true]
  ])('kubectl %s with a %s cluster fires: %s', (kubectl, cluster, expected) => {
    const environment: Environment = {
      kubectl: declare('kubectl', kubectl, 'ci/workflow.yaml'),
      host: declare('kubernetes', cluster, 'ci/kind.yaml', { role: 'host' })
    }
    const findings = evaluate([environment], database, { date: '2026-11-22' })
    expect(findings.length > 0).toBe(expected)
    if (expected) expect(findings[0]).toMatchObject({ file: 'ci/workflow.yaml' })
  })
})

describe('certainty', () => {
  it('a declared chart range that only partly overlaps the affected versions is may-be-affected', () => {
    const environment: Environment = {
      vcluster: declare('vcluster', '>=0.22.0 <0.24.0', 'dev/Chart.yaml'),
      virtual: declare('kubernetes', 'v1.32.0-k3s1', 'dev/values.yaml', { role: 'virtual' })
    }
    const [finding] = evaluate([environment], only('vcluster-qosclass-immutable-k8s-1.32'), { date: '2026-11-22' })
    expect(finding).toMatchObject({ certainty: 'may-be-affected' })
    expect(finding!.message).toMatch(/^May be affected/)
  })
})

describe('pod features used together', () => {
  // An entry on two features of one object (the bundled exec-probe entry once was one).
  const bundledEntry = only('resize-policy-with-exec-probes').entries[0]!
  const database = { ...only('resize-policy-with-exec-probes'), entries: [{ ...bundledEntry, when: { uses: ['resizePolicy' as const, 'execProbe' as const] } }] }
  const environment: Environment = { host: declare('kubernetes', '1.33.0', 'k/kind.yaml', { role: 'host' }) }
  const feature = (name: string, object: string, at: number): Usage => ({ feature: name, object, file: 'k/app.yaml', line: at, column: 9, source: 'test', group: 'k' })

  it('fires when one pod has both, at the resizePolicy line', () => {
    const findings = evaluate([environment], database, { usages: [feature('resizePolicy', 'pod-a', 20), feature('execProbe', 'pod-a', 12)] })
    expect(findings).toEqual([expect.objectContaining({ line: 20, severity: 'notice' })])
  })

  it('objects outside every environment are matched once and counted for each environment', () => {
    const other: Environment = { host: declare('kubernetes', '1.33.1', 'j/kind.yaml', { role: 'host' }) }
    const outside = (name: string, object: string, at: number): Usage => ({ ...feature(name, object, at), file: 'shared/app.yaml', group: 'shared' })
    const findings = evaluate([environment, other], database, {
      usages: [outside('resizePolicy', 'pod-a', 20), outside('execProbe', 'pod-a', 12), outside('resizePolicy', 'pod-b', 40)]
    })
    expect(findings).toEqual([expect.objectContaining({ file: 'shared/app.yaml', line: 20 })])
    expect(findings[0]!.message).toContain('It holds for 1 more environment')
  })

  it('does not fire when two different pods have one each', () => {
    expect(evaluate([environment], database, { usages: [feature('resizePolicy', 'pod-a', 20), feature('execProbe', 'pod-b', 40)] })).toEqual([])
  })
})

describe('a virtual version nobody wrote', () => {
  it('says the version is the vcluster release default, at the vcluster line', () => {
    const vcluster = declare('vcluster', '0.22.1', 'clusters/dev/Chart.yaml')
    const virtual = { ...declare('kubernetes', 'v1.32.0-k3s1', 'clusters/dev/Chart.yaml', { role: 'virtual' }), line: vcluster.line, implied: true as const }
    const [finding] = evaluate([{ vcluster, virtual }], only('vcluster-qosclass-immutable-k8s-1.32'), { date: '2026-11-22' })
    expect(finding!.message).toContain(
      `with virtual Kubernetes v1.32.0-k3s1 (k3s, the vcluster release's default, not written in the repository) at clusters/dev/Chart.yaml:${vcluster.line}`
    )
  })
})

describe('environments that read the same versions', () => {
  const database = only('api-removed-in-1.25', 'kubernetes-end-of-life')
  const virtual = declare('kubernetes', '1.25.0', 'clusters/dev/values.yaml', { role: 'virtual', distro: 'k8s' })
  const vcluster = declare('vcluster', '0.20.4', 'clusters/dev/Chart.yaml')
  // One release on three hosts: the API entry reads only the virtual cluster and the manifests.
  const environments: Environment[] = ['1.24.0', '1.25.0', '1.26.0'].map((host, n) => ({
    vcluster,
    virtual,
    host: declare('kubernetes', host, `hosts/h${n}.yaml`, { role: 'host' })
  }))

  it('count each: a manifest of the release holds in each of them', () => {
    const findings = evaluate(environments, database, { date: '2026-11-22', usages: [api('batch/v1beta1', 'CronJob', 'clusters/dev/apps/cron.yaml')] })
    const removed = findings.filter((finding) => finding.id === 'api-removed-in-1.25')
    expect(removed).toHaveLength(1)
    expect(removed[0]!.message).toMatch(/It holds for 2 more environments this manifest may be deployed to\.$/)
  })

  it('still give each declaration its own finding, once', () => {
    const findings = evaluate(environments, database, { date: '2026-11-22' }).filter((finding) => finding.id === 'kubernetes-end-of-life')
    expect(findings.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual(
      [virtual, ...environments.map((environment) => environment.host!)].map((d) => `${d.file}:${d.line}`).sort()
    )
  })
})
