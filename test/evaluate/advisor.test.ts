import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { newestKnown } from '../../src/db/freshness.js'
import { runGate } from '../../src/pipeline.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'
import { bundledDatabase } from '../../src/db/load.js'
import type { Entry } from '../../src/db/schema.js'
import { adviseUpgrade, type UpgradeOption } from '../../src/evaluate/advisor.js'
import { applyEntry } from '../../src/evaluate/evaluate.js'
import { buildTargets } from '../../src/evaluate/targets.js'
import type { Declaration, Environment } from '../../src/model.js'

const database = bundledDatabase()
const DATE = '2026-12-07'

function declared(component: Declaration['component'], version: string, extra: Partial<Declaration> = {}): Declaration {
  return { component, version, raw: version, file: 'x.yaml', line: 1, column: 1, source: 'test', ...extra }
}

function environment(vcluster: string | undefined, virtual: string | undefined, distro: string, host?: string): Environment {
  return {
    ...(vcluster ? { vcluster: declared('vcluster', vcluster) } : {}),
    ...(virtual ? { virtual: declared('kubernetes', virtual, { role: 'virtual', distro }) } : {}),
    ...(host ? { host: declared('kubernetes', host, { role: 'host', distro: 'kind' }) } : {})
  }
}

/** The environment with an option's versions. */
function applied(env: Environment, option: UpgradeOption): Environment {
  const out: Environment = { ...env }
  for (const step of option.steps) {
    const before = env[step.component]!
    out[step.component] = { ...before, version: step.to, raw: step.to, ...(step.distro ? { distro: step.distro.to } : {}) }
  }
  return out
}

/** Errors and warnings of version-only entries on an environment. */
function flagged(env: Environment): Array<{ id: string; on: Declaration[] }> {
  const [target] = buildTargets([env], [], [])
  const versionOnly = (entry: Entry) => !entry.when.uses && !entry.when.api && !entry.when.cgroup && !entry.when.unlessFeatureGates
  return database.entries
    .filter(versionOnly)
    .flatMap((entry) => applyEntry(entry, target!, { date: DATE }))
    .filter((finding) => finding.severity !== 'notice')
    .map((finding) => ({ id: finding.id, on: finding.declarations }))
}

const step = (option: UpgradeOption | undefined, component: string) => option?.steps.find((s) => s.component === component)

describe('adviseUpgrade at the boundaries of the database', () => {
  it.each([
    // [vcluster, virtual, distro, host, the vcluster it proposes]
    ['0.36.0', '1.33.4', 'k8s', '1.34.0', '0.36.1'],
    ['0.35.2', '1.33.4', 'k8s', '1.34.0', '0.35.3'],
    ['0.22.1', '1.32.0', 'k8s', undefined, '0.35.0'],
    ['0.23.0-rc.3', '1.32.0', 'k8s', undefined, '0.35.0']
  ])('vcluster %s with a %s %s tenant on host %s: vcluster %s', (vcluster, virtual, distro, host, expected) => {
    const advice = adviseUpgrade(environment(vcluster, virtual, distro, host), database, DATE)!
    expect(step(advice.recommended, 'vcluster')?.to).toBe(expected)
  })

  it('prefers a patch of the user\'s own minor: 0.36.0 → 0.36.1, not 0.37', () => {
    const advice = adviseUpgrade(environment('0.36.0', '1.33.4', 'k8s', '1.34.0'), database, DATE)!
    expect(step(advice.recommended, 'vcluster')).toMatchObject({ from: '0.36.0', to: '0.36.1' })
    expect(advice.text).not.toContain('0.37')
    expect(advice.text).toContain('vcluster 0.36.1 (now 0.36.0)')
  })

  it('never offers a release that dropped k3s to a k3s user: it switches the distribution first, and says where k3s alone ends', () => {
    const advice = adviseUpgrade(environment('0.22.1', '1.32.0', 'k3s', '1.31.4'), database, DATE)!
    const virtual = step(advice.recommended, 'virtual')!
    expect(virtual.distro).toEqual({ from: 'k3s', to: 'k8s' })
    expect(advice.keepingDistro?.endOfLife).toBe(true)
    const keptRelease = step(advice.keepingDistro, 'vcluster')!.to
    expect(flagged(applied(environment('0.22.1', '1.32.0', 'k3s', '1.31.4'), advice.keepingDistro!)).map((f) => f.id)).not.toContain('vcluster-k3s-removed-0.33')
    expect(keptRelease < '0.33').toBe(true)
    expect(advice.text).toMatch(/Keeping k3s, .*past its end of life/)
  })

  it('moves kubectl to the minor of the cluster it ends up on, and still moves a host past its end of life', () => {
    const env: Environment = { host: declared('kubernetes', '1.33.1', { role: 'host', distro: 'kind' }), kubectl: declared('kubectl', '1.30.0') }
    const advice = adviseUpgrade(env, database, DATE)!
    expect(advice.current).toEqual(expect.arrayContaining(['kubernetes-end-of-life', 'kubectl-version-skew']))
    const host = step(advice.recommended, 'host')!.to
    expect(step(advice.recommended, 'kubectl')).toMatchObject({ from: '1.30.0', to: host })
    expect(advice.recommended!.remaining).toEqual([])
    expect(advice.text).toContain(`kubectl ${host} (now 1.30.0)`)
  })

  it('moves kubectl with the virtual cluster it talks to when that leaves its end of life', () => {
    const env: Environment = { virtual: declared('kubernetes', '1.31.1', { role: 'virtual', distro: 'k8s' }), kubectl: declared('kubectl', '1.33.0') }
    const advice = adviseUpgrade(env, database, DATE)!
    const virtual = step(advice.recommended, 'virtual')!.to
    expect(step(advice.recommended, 'kubectl')?.to).toBe(virtual)
    expect(advice.recommended!.remaining).toEqual([])
  })

  it('clears a vcluster past its end of life when no virtual cluster is declared', () => {
    const env: Environment = { vcluster: declared('vcluster', '0.23.0'), host: declared('kubernetes', '1.32.2', { role: 'host', distro: 'kind' }) }
    const advice = adviseUpgrade(env, database, DATE)!
    expect(step(advice.recommended, 'vcluster')?.from).toBe('0.23.0')
    expect(advice.recommended!.remaining).toEqual([])
  })

  it('switches k3s to k8s for warnings alone when no release that still ships k3s clears them, with no k3s ceiling', () => {
    const advice = adviseUpgrade(environment('0.23.0', '1.32.1', 'k3s'), database, DATE)!
    expect(step(advice.recommended, 'virtual')?.distro).toEqual({ from: 'k3s', to: 'k8s' })
    expect(advice.recommended!.remaining).toEqual([])
    expect(advice.distroBlocked).toContain('vcluster-end-of-life')
    expect(advice.text).toContain('Keeping k3s, no release clears')
    expect(advice.text).not.toContain('vcluster-k3s-removed-0.33')
  })

  it.each(['argocd-path-source', 'shell-scripts', 'standalone-vcluster-yaml'])(
    'proposes no vcluster newer than the newest minor the database lists in %s (a range bound such as <0.38.0-0 is not a release)',
    async (fixture) => {
      const newest = Number(newestKnown(database).vcluster!.split('.')[1])
      const { report } = await runGate({ root: join(REPO_ROOT, 'test/fixtures/repos', fixture, 'repo'), failOn: 'never', date: DATE })
      const proposed = report.environments.flatMap((e) => e.upgrade?.recommended?.steps.filter((s) => s.component === 'vcluster') ?? [])
      expect(proposed.length).toBeGreaterThan(0)
      for (const vcluster of proposed) expect(Number(vcluster.to.split('.')[1]), vcluster.to).toBeLessThanOrEqual(newest)
    }
  )

  it('says nothing when nothing holds', () => {
    expect(adviseUpgrade(environment('0.36.1', '1.35.0', 'k8s', '1.35.0'), database, DATE)).toEqual({ current: [], text: '' })
  })

  it('leaves ranges alone: it cannot name a version for "0.19.*"', () => {
    expect(adviseUpgrade({ vcluster: declared('vcluster', '0.19.*', { constraint: true }) }, database, DATE)).toBeUndefined()
  })
})

describe('no fix text recommends a version another entry flags for the same environment', () => {
  // Every entry's examples sit on its boundaries; each is tried with every distribution and on every host boundary.
  const scenarios = database.entries.flatMap((entry) =>
    [...(entry.examples?.affected ?? []), ...(entry.examples?.unaffected ?? [])]
      .filter((scenario) => scenario.vcluster !== undefined && /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(scenario.vcluster))
      .map((scenario) => ({ entry: entry.id, vcluster: scenario.vcluster!, virtual: scenario.virtual?.replace(/^v/, '').replace(/[-+].*$/, '') }))
  )
  const hosts = [undefined, '1.31.4', '1.33.1', '1.34.0', '1.36.0']
  const cases = scenarios.flatMap((scenario) => ['k8s', 'k3s', 'k0s'].flatMap((distro) => hosts.map((host) => ({ ...scenario, distro, host }))))

  it(`holds on ${cases.length} combinations`, () => {
    const problems: string[] = []
    for (const { entry, vcluster, virtual, distro, host } of cases) {
      const env = environment(vcluster, virtual ?? '1.33.0', distro, host)
      const advice = adviseUpgrade(env, database, DATE)
      if (!advice) continue
      for (const [name, option] of [['recommended', advice.recommended], ['keeping the distribution', advice.keepingDistro]] as const) {
        if (!option) continue
        const after = applied(env, option)
        const proposed = new Set(option.steps.map((s) => after[s.component]))
        for (const finding of flagged(after)) {
          if (!finding.on.some((d) => proposed.has(d))) continue
          // Only an end of life may remain on a proposed version, and only when the text says so.
          if (option.endOfLife && /end-of-life/.test(finding.id) && /end of life|supported any more/.test(advice.text)) continue
          problems.push(`${entry}: ${vcluster} ${distro} ${virtual} host ${host ?? '-'}: ${name} flagged by ${finding.id} (${advice.text})`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})
