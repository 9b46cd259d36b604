import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { MAX_CONFIGURED_ENVIRONMENTS } from '../../src/resolve/configured.js'
import { tempDir } from '../helpers/run-bundle.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pairing')

/** A copy of a pairing fixture with `.kube-compat-gate.yml` written into it. */
function withConfig(fixture: string, config: string): string {
  const root = tempDir()
  cpSync(join(FIXTURES, fixture), root, { recursive: true })
  writeFileSync(join(root, '.kube-compat-gate.yml'), config)
  return root
}

const SEED = 'vcluster-qosclass-immutable-k8s-1.32'
const gate = (root: string) => runGate({ root, failOn: 'error', date: '2026-12-07' })

describe('environments: in .kube-compat-gate.yml overrides inference', () => {
  it('names the host: the release lands on that host only (configuration evidence), other hosts are checked alone', async () => {
    const result = await gate(withConfig('several-hosts', 'environments:\n  - name: dev\n    vcluster: clusters/dev/**\n    host: infra/eks.tf\n'))
    const dev = result.report.environments.filter((e) => e.name === 'dev')
    expect(dev).toHaveLength(1)
    expect(result.report.declarations[dev[0]!.host!]).toMatchObject({ file: 'infra/eks.tf', line: 4 })
    expect(dev[0]!.evidence).toContainEqual({ slot: 'host', kind: 'configuration', file: 'infra/eks.tf', line: 4, text: 'host from infra/eks.tf:4 (.kube-compat-gate.yml:2 environments:)' })
    // The release no longer pairs with the kind hosts; those are still evaluated on their own.
    expect(result.findings.some((f) => f.id === 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')).toBe(false)
    const alone = result.report.environments.filter((e) => e.vcluster === undefined && e.host !== undefined).map((e) => result.report.declarations[e.host!]!.file)
    expect(alone.sort()).toEqual(['.github/workflows/e2e.yml', '.github/workflows/e2e.yml', 'hack/kind.yaml'])
  })

  it('a stated pairing of a host among several makes the finding an error again', async () => {
    const result = await gate(withConfig('several-hosts', 'environments:\n  - vcluster: clusters/dev/Chart.yaml\n    host: hack/kind.yaml\n'))
    expect(result.findings.find((f) => f.id === 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')).toMatchObject({ severity: 'error' })
  })

  it('names values in a sibling folder: they pair with that release and its config-schema error is an error', async () => {
    const result = await gate(withConfig('examples-siblings', 'environments:\n  - vcluster: examples/helmfile/helmfile.yaml\n    values: examples/legacy-values/*.yaml\n'))
    const legacy = result.findings.filter((f) => f.id === 'vcluster-0.20-rejects-pre-0.20-values')
    expect(legacy.map((f) => `${f.severity} ${f.file}:${f.line}`)).toEqual(['error examples/legacy-values/values.yaml:5'])
    expect(result.report.environments.some((e) => e.unpaired)).toBe(false)
  })

  it('a pattern that matches nothing is a diagnostic at the entry line', async () => {
    const result = await gate(withConfig('several-hosts', '# topology\nenvironments:\n  - vcluster: clusters/prod/**\n'))
    expect(result.report.diagnostics).toContainEqual({
      file: '.kube-compat-gate.yml',
      line: 3,
      message: 'environments[0]: no vcluster version is declared in files matching clusters/prod/**'
    })
  })

  /** `count` chart folders (vcluster 0.23.0 + k3s 1.31, the last one the seed: 0.22.1 + k3s 1.32) and `count` kind configs. */
  function manyTenants(count: number, config: string): string {
    const root = tempDir()
    for (let index = 0; index < count; index++) {
      const seed = index === count - 1
      mkdirSync(join(root, `clusters/t${index}`), { recursive: true })
      writeFileSync(join(root, `clusters/t${index}/Chart.yaml`), `apiVersion: v2\nname: t${index}\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${seed ? '0.22.1' : '0.23.0'}\n    repository: https://charts.loft.sh\n`)
      writeFileSync(join(root, `clusters/t${index}/values.yaml`), `vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          tag: ${seed ? 'v1.32.0-k3s1' : 'v1.31.4-k3s1'}\n`)
      mkdirSync(join(root, `hosts/h${index}`), { recursive: true })
      writeFileSync(join(root, `hosts/h${index}/kind.yaml`), `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:v1.3${index % 3}.0\n`)
    }
    writeFileSync(join(root, '.kube-compat-gate.yml'), config)
    return root
  }
  const EVERYTHING = 'environments:\n  - name: all\n    vcluster: ["**/Chart.yaml"]\n    values: ["**/values.yaml"]\n    host: ["hosts/**/kind.yaml"]\n'

  it('one entry naming many releases pairs each with the values in its own folder, not with every values file', async () => {
    const result = await gate(manyTenants(4, 'environments:\n  - vcluster: ["clusters/*/Chart.yaml"]\n    values: ["clusters/*/values.yaml"]\n'))
    const pairs = result.report.environments.filter((e) => e.vcluster !== undefined && e.virtual !== undefined)
      .map((e) => `${result.report.declarations[e.vcluster!]!.file.split('/')[1]}=${result.report.declarations[e.virtual!]!.file.split('/')[1]}`)
    expect([...new Set(pairs)].sort()).toEqual(['t0=t0', 't1=t1', 't2=t2', 't3=t3'])
    expect(result.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error', file: 'clusters/t3/Chart.yaml' })
  })

  it('an entry whose patterns pair more than the cap is not applied: a warning at its line, the inferred pairing is checked and the seed still fails (red-team C11)', async () => {
    // 25 releases x 25 hosts, each release taking every host (hosts lie in no release folder): 625 under the cap.
    const under = await gate(manyTenants(25, EVERYTHING))
    expect(under.report.environments.filter((e) => e.name === 'all')).toHaveLength(625)
    expect(under.report.diagnostics.some((d) => /not applied/.test(d.message))).toBe(false)
    // 101 x 101 = 10,201 past the cap of 10,000.
    const over = await gate(manyTenants(101, EVERYTHING))
    expect(MAX_CONFIGURED_ENVIRONMENTS).toBe(10_000)
    expect(over.report.environments.some((e) => e.name === 'all')).toBe(false)
    expect(over.report.diagnostics).toContainEqual(expect.objectContaining({ file: '.kube-compat-gate.yml', line: 2, warning: true, message: expect.stringMatching(/^environments\[0\] \(all\): not applied: its patterns pair 10201 environments/) }))
    expect(over.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error', file: 'clusters/t100/Chart.yaml' })
    expect(over.report.summary.passed).toBe(false)
  })
})
