import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import { describeDistance, describeSkewPolicy } from '../../src/evaluate/conditions/skew.js'
import { applyEntry } from '../../src/evaluate/evaluate.js'
import { buildScenario } from '../../src/evaluate/examples.js'
import { buildTargets } from '../../src/evaluate/targets.js'

describe('skew in words', () => {
  it.each([
    [-1, '1 minor older'],
    [-3, '3 minors older'],
    [2, '2 minors newer'],
    [Number.POSITIVE_INFINITY, 'a major version newer'],
    [Number.NEGATIVE_INFINITY, 'a major version older']
  ])('a distance of %d minors is "%s"', (distance, words) => {
    expect(describeDistance(distance)).toBe(words)
  })

  it.each([
    [{ older: 1, newer: 1 }, 'at most 1 minor older or newer'],
    [{ older: 2, newer: 2 }, 'at most 2 minors older or newer'],
    [{ newer: 0 }, 'the same minor or older'],
    [{ older: 0 }, 'the same minor or newer'],
    [{ older: 0, newer: 0 }, 'the same minor only'],
    [{}, 'any minor'],
    [{ newer: 1 }, 'any minor older, at most 1 minor newer'],
    [{ older: 3 }, 'at most 3 minors older, any minor newer'],
    [{ older: 0, newer: 1 }, 'the same minor or at most 1 minor newer'],
    [{ older: 2, newer: 0 }, 'the same minor or at most 2 minors older'],
    [{ older: 2, newer: 1 }, 'at most 2 minors older or 1 minor newer']
  ])('the policy %j reads "%s"', (policy, words) => {
    expect(describeSkewPolicy(policy)).toBe(words)
  })

  it.each([
    ['kubectl-version-skew', { kubectl: '1.29.0', host: '1.31.4' }, 'kubectl 1.29.0 is 2 minors older than host Kubernetes 1.31.4 (supported: at most 1 minor older or newer).'],
    ['kubectl-version-skew', { kubectl: '1.33.0', host: '1.32.0' }, undefined],
    ['vcluster-tenant-newer-than-host', { vcluster: '0.30.0', virtual: '1.34.0', host: '1.33.0' }, 'virtual Kubernetes 1.34.0 (k8s) is 1 minor newer than host Kubernetes 1.33.0 (supported: the same minor or older).']
  ])('%s on %j says %j', (id, scenario, details) => {
    const entry = bundledDatabase().entries.find((each) => each.id === id)!
    const built = buildScenario(scenario)
    if (!built.ok) throw new Error(built.reason)
    const [target] = buildTargets([built.environment], [], built.declarations)
    const findings = applyEntry(entry, target!, { date: '2026-12-07' })
    if (details === undefined) expect(findings).toEqual([])
    else expect(findings[0]?.message).toContain(details)
  })
})
