import { describe, expect, it } from 'vitest'
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
