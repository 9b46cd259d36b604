import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseWhatIfs } from '../../src/config/what-if.js'
import { runGate } from '../../src/pipeline.js'
import { tempDir } from '../helpers/run-bundle.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pairing')
const SEED = 'vcluster-qosclass-immutable-k8s-1.32'

describe('--target KEY=VERSION', () => {
  it.each([
    ['kubernetes=1.34', { key: 'kubernetes', version: '1.34' }],
    ['vcluster=0.30.0', { key: 'vcluster', version: '0.30.0' }],
    ['virtual=v1.32.0-k3s1', { key: 'virtual', version: '1.32.0', distro: 'k3s' }],
    ['host = 1.33.2', { key: 'host', version: '1.33.2' }]
  ])('%s', (spec, expected) => {
    expect(parseWhatIfs([spec], '--target')).toEqual([{ ...expected, spec }])
  })

  it.each([
    ['k8s=1.34', /KEY one of kubernetes, host, virtual, vcluster, kind, kubectl/],
    ['kubernetes', /KEY=VERSION/],
    ['kubernetes=>=1.30', /one version, not a range|not a version/],
    ['vcluster=latest', /not pinned|not a version/]
  ])('%s is a usage error that names the flag', (spec, message) => {
    expect(() => parseWhatIfs([spec], '--target')).toThrow(message)
  })

  const gate = (root: string, targets: string[]) => runGate({ root, failOn: 'error', date: '2026-12-07', targets: parseWhatIfs(targets, '--target') })

  it('vcluster=0.23.0 clears the seed error, as the upgrade would', async () => {
    const root = join(FIXTURES, 'seed-readable-values')
    expect((await gate(root, [])).findings.some((f) => f.id === SEED && f.severity === 'error')).toBe(true)
    const upgraded = await gate(root, ['vcluster=0.23.0'])
    expect(upgraded.findings.some((f) => f.id === SEED)).toBe(false)
    expect(upgraded.report.environments[0]!.evidence).toContainEqual(expect.objectContaining({ slot: 'vcluster', kind: 'what-if', file: 'clusters/dev/Chart.yaml', line: 6 }))
  })

  it('kubernetes=1.32 plans the upgrade of a tenant on its release default: the seed error appears at the release line', async () => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'seed-readable-values'), root, { recursive: true })
    writeFileSync(join(root, 'clusters/dev/values.yaml'), 'vcluster:\n  sync: {}\n')
    expect((await gate(root, [])).findings.some((f) => f.id === SEED)).toBe(false)
    const planned = await gate(root, ['kubernetes=1.32'])
    expect(planned.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error', file: 'clusters/dev/Chart.yaml', line: 6 })
    const declared = planned.report.declarations.filter((d) => d.source === 'what-if').map((d) => `${d.role} ${d.version}`)
    expect(declared.sort()).toEqual(['host 1.32', 'virtual 1.32'])
  })

  it('a what-if for a version that cannot be read decides it', async () => {
    const result = await gate(join(FIXTURES, 'seed-templated-values'), ['virtual=1.32.0'])
    expect(result.report.environments[0]!.unknown).toBeUndefined()
    expect(result.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error' })
  })

  it('every host takes the what-if host version', async () => {
    const result = await gate(join(FIXTURES, 'several-hosts'), ['host=1.31.0'])
    const hosts = result.report.environments.map((e) => (e.host === undefined ? undefined : result.report.declarations[e.host]!))
    expect(hosts.every((h) => h?.version === '1.31.0' && h.source === 'what-if')).toBe(true)
    expect(result.findings.some((f) => f.id === 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')).toBe(false)
  })
})
