import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import type { Database } from '../../src/db/schema.js'
import { evaluate } from '../../src/evaluate/evaluate.js'
import type { Declaration, Environment } from '../../src/model.js'
import { parseVersion } from '../../src/versions/parse.js'

const bundled = bundledDatabase()
const LIFECYCLE = bundled.entries.filter((entry) => entry.category === 'lifecycle')
const database: Database = { ...bundled, entries: LIFECYCLE }

function declare(component: Declaration['component'], raw: string, extra: Partial<Declaration> = {}): Declaration {
  const parsed = parseVersion(raw)
  if (!parsed.ok || parsed.value.kind === 'range') throw new Error(`not a version: ${raw}`)
  return {
    component,
    version: parsed.value.version,
    raw,
    file: 'repo/versions.yaml',
    line: 1,
    column: 1,
    source: 'test',
    group: 'repo',
    ...(parsed.value.distro ? { distro: parsed.value.distro } : {}),
    ...extra
  }
}

const host = (raw: string, distro?: string): Environment => ({ host: declare('kubernetes', raw, { role: 'host', ...(distro ? { distro } : {}) }) })
const virtual = (raw: string): Environment => ({ virtual: declare('kubernetes', raw, { role: 'virtual' }) })
const vcluster = (raw: string): Environment => ({ vcluster: declare('vcluster', raw) })

/** `id: message fragment` of every lifecycle finding. */
function judge(environment: Environment, date: string): string[] {
  return evaluate([environment], database, { date }).map((finding) => `${finding.id}: ${finding.message}`)
}

describe('lifecycle dates: each minor its own date, or "before" a bound (issue 21)', () => {
  it.each<[string, Environment, string, string[]]>([
    ['Kubernetes 1.20 has its own date, not 1.25\'s', host('1.20.2'), '2026-12-07', ['kubernetes-end-of-life: Kubernetes 1.20 reached end of life on 2022-02-28']],
    ['Kubernetes 1.20 the day before', host('1.20.2'), '2022-02-27', []],
    ['Kubernetes 1.16, the oldest listed', host('1.16.15'), '2026-12-07', ['kubernetes-end-of-life: Kubernetes 1.16 reached end of life on 2020-08-04']],
    ['Kubernetes 1.9 is older than the table', host('1.9.11'), '2026-12-07', ['kubernetes-end-of-life: Kubernetes 1.9 reached end of life before 2020-08-04']],
    ['Kubernetes 1.36 is supported', host('1.36.2'), '2026-12-07', []],
    ['vcluster 0.6 ended before the docs first listed 0.19–0.22', vcluster('0.6.0'), '2026-12-07', [
      'vcluster-end-of-support: vcluster 0.6 reached end of support (critical security fixes only) before 2025-01-06',
      'vcluster-end-of-life: vcluster 0.6 reached end of life before 2025-01-06'
    ]],
    ['vcluster 0.7', vcluster('v0.7.1'), '2025-01-06', [
      'vcluster-end-of-support: vcluster 0.7 reached end of support (critical security fixes only) before 2025-01-06',
      'vcluster-end-of-life: vcluster 0.7 reached end of life before 2025-01-06'
    ]],
    ['vcluster 0.11 is not judged before the bound', vcluster('0.11.2'), '2025-01-05', []],
    ['vcluster 0.19 keeps its own (extended) dates', vcluster('0.19.9'), '2025-07-01', [
      'vcluster-end-of-support: vcluster 0.19 reached end of support (critical security fixes only) on 2025-04-01',
      'vcluster-end-of-life: vcluster 0.19 reached end of life on 2025-07-01'
    ]],
    ['vcluster 0.37 is in active support in December 2026', vcluster('0.37.0'), '2026-11-30', []],
    ['EKS 1.29 in December 2026: past extended support', host('v1.29.15-eks-0b7a4f1'), '2026-12-07', [
      'eks-end-of-standard-support: Kubernetes 1.29 reached the end of Amazon EKS standard support on 2025-03-23',
      'eks-end-of-extended-support: Kubernetes 1.29 reached the end of Amazon EKS extended support on 2026-03-23'
    ]],
    ['EKS 1.34 in December 2026: extended support', host('1.34.2', 'eks'), '2026-12-07', [
      'eks-end-of-standard-support: Kubernetes 1.34 reached the end of Amazon EKS standard support on 2026-12-02'
    ]],
    ['the EKS Distro image inside a vcluster is judged by the EKS table', virtual('v1.21.5-eks-1-21-8'), '2026-12-07', [
      'eks-end-of-standard-support: Kubernetes 1.21 reached the end of Amazon EKS standard support on 2023-02-16',
      'eks-end-of-extended-support: Kubernetes 1.21 reached the end of Amazon EKS extended support on 2024-07-15'
    ]],
    ['GKE 1.33 past standard support', host('1.33.5-gke.1080000'), '2026-12-07', ['gke-end-of-standard-support: Kubernetes 1.33 reached the end of GKE standard support on 2026-08-03']],
    ['AKS 1.30 past Long-Term Support', host('1.30.9', 'aks'), '2026-12-07', [
      'aks-end-of-standard-support: Kubernetes 1.30 reached the end of AKS standard support on 2025-08-22',
      'aks-end-of-long-term-support: Kubernetes 1.30 reached the end of AKS support (Long-Term Support included) on 2026-07-31'
    ]]
  ])('%s', (_name, environment, date, expected) => {
    const found = judge(environment, date).sort()
    const wanted = [...expected].sort()
    expect(found.map((each) => each.split(':')[0])).toEqual(wanted.map((each) => each.split(':')[0]))
    wanted.forEach((each, index) => expect(found[index]).toContain(each.slice(each.indexOf(': ') + 2)))
  })

  it.each(Array.from({ length: 28 }, (_, index) => `1.${index + 9}`))('Kubernetes %s is reported with its own date or a bound, never another minor\'s', (minor) => {
    const entry = LIFECYCLE.find((each) => each.id === 'kubernetes-end-of-life')!
    const own = entry.when.lifecycle!.dates[minor]
    const [message] = judge(host(`${minor}.1`), '2030-01-01')
    expect(message).toBeDefined()
    if (own) expect(message).toContain(`on ${own}`)
    else expect(message).toMatch(/reached end of life before \d{4}-\d{2}-\d{2}/)
  })
})
