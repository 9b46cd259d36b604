import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { tempDir } from '../helpers/run-bundle.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pairing')

/** A copy of a pairing fixture with `.kube-compat-gate.yml` written into it. */
function withConfig(fixture: string, config: string): string {
  const root = tempDir()
  cpSync(join(FIXTURES, fixture), root, { recursive: true })
  writeFileSync(join(root, '.kube-compat-gate.yml'), config)
  return root
}

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
})
