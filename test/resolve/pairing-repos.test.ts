import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate, type GateResult } from '../../src/pipeline.js'
import { parseWhatIfs } from '../../src/config/what-if.js'
import { tempDir } from '../helpers/run-bundle.js'

/** Small repositories built to match the setups of issue 19 (test/fixtures/pairing/README.md). */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pairing')
const DATE = '2026-12-07'

function gate(root: string, strict = false): Promise<GateResult> {
  return runGate({ root, failOn: 'error', date: DATE, strict })
}

const SEED = 'vcluster-qosclass-immutable-k8s-1.32'

/** The seed tenant (k3s 1.32 on vcluster 0.22.1) with its values file in a state the gate cannot read. */
function unreadableSeed(): string {
  const root = tempDir()
  cpSync(join(FIXTURES, 'seed-readable-values'), root, { recursive: true })
  // Binary content (NULs are a large share of it, not one stray byte in text): the file is skipped, so nothing in it can be read.
  writeFileSync(join(root, 'clusters/dev/values.yaml'), Buffer.concat([Buffer.from('vcluster:\n  controlPlane:\n'), Buffer.alloc(256)]))
  return root
}

describe('unknown is not a default: the seed tenant whose values cannot be read (issue 19, fail open)', () => {
  it.each(['seed-readable-values', 'seed-broken-values'])('%s: the tenant raises the seed error (a YAML error further down does not hide the version line)', async (fixture) => {
    const result = await gate(join(FIXTURES, fixture))
    expect(result.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error', file: 'clusters/dev/Chart.yaml' })
    expect(result.report.summary.passed).toBe(false)
  })

  it.each([
    ['YAML error at the version', () => join(FIXTURES, 'seed-unterminated-values'), 'clusters/dev/values.yaml:7', /values do not parse \(line 12: Missing closing "quote\)/],
    ['unquoted {{ .Values.x }} template', () => join(FIXTURES, 'seed-templated-values'), 'clusters/dev/values.yaml:7', /not a version/],
    ['quoted {{ .Values.x }} template', () => join(FIXTURES, 'seed-quoted-template'), 'clusters/dev/values.yaml:7', /template or variable/],
    ['unreadable (binary) file', unreadableSeed, 'clusters/dev/values.yaml:1', /binary/]
  ])('%s: the version is unknown, the seed finding cannot be decided (a warning naming file and line), --strict fails', async (_name, root, where, reason) => {
    const result = await gate(root())
    const [environment] = result.report.environments
    expect(environment!.unknown).toEqual([expect.objectContaining({ slot: 'virtual', version: 'unknown', reason: expect.stringMatching(reason) })])
    expect(`${environment!.unknown![0]!.file}:${environment!.unknown![0]!.line}`).toBe(where)
    // The release default (k8s 1.31.1 for 0.22.1) must not stand in for what the file sets.
    expect(result.report.declarations.some((d) => d.implied)).toBe(false)
    const seed = result.findings.find((f) => f.id === SEED)
    expect(seed).toMatchObject({ severity: 'warning', certainty: 'may-be-affected' })
    expect(seed!.message).toMatch(new RegExp(`^Cannot be decided: the virtual Kubernetes version at ${where.replace('.', '\\.')} cannot be read`))
    expect(result.report.summary).toMatchObject({ unknown: 1, passed: true })
    expect((await gate(root(), true)).report.summary.passed).toBe(false)
  })

  it('--strict does not fail on a place whose slot a --target sets: the target decides it (still listed); a target of another slot does not', async () => {
    const root = join(FIXTURES, 'seed-templated-values')
    const strict = (targets: string[]) => runGate({ root, failOn: 'error', date: DATE, strict: true, targets: parseWhatIfs(targets, '--target') })
    for (const decided of [['virtual=1.31'], ['kubernetes=1.31']]) {
      const result = await strict(decided)
      expect(result.report.unknown.map((place) => `${place.slot} ${place.file}:${place.line}`), decided[0]).toEqual(['virtual clusters/dev/values.yaml:7'])
      expect(result.report.summary, decided[0]).toMatchObject({ unknown: 1, error: 0, passed: true })
    }
    for (const other of [['host=1.31'], ['vcluster=0.22.1']]) expect((await strict(other)).report.summary.passed, other[0]).toBe(false)
  })

  it('--strict passes a repository where every version can be read', async () => {
    expect((await runGate({ root: join(FIXTURES, 'gitops-unreferenced'), failOn: 'never', date: DATE, strict: true })).report.summary.passed).toBe(true)
  })
})

describe('pairing by evidence', () => {
  it('examples repository: values in one folder never pair with releases in sibling folders; they are checked alone at notice level', async () => {
    const result = await gate(join(FIXTURES, 'examples-siblings'))
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    const legacy = result.findings.filter((f) => f.id === 'vcluster-0.20-rejects-pre-0.20-values')
    expect(legacy.map((f) => `${f.severity} ${f.file}:${f.line}`)).toEqual(['notice examples/legacy-values/values.yaml:5'])
    expect(legacy[0]!.message).toMatch(/Checked alone: no release references examples\/legacy-values\/values\.yaml/)
    const alone = result.report.environments.filter((e) => e.unpaired)
    expect(alone.length).toBe(2)
    expect(alone.every((e) => e.evidence.some((x) => x.kind === 'unpaired' && x.file === 'examples/legacy-values/values.yaml'))).toBe(true)
  })

  it('GitOps repository: the values file an Application references pairs with it; an unreferenced one is only checked alone', async () => {
    const result = await gate(join(FIXTURES, 'gitops-unreferenced'))
    const deployed = result.report.environments.find((e) => !e.unpaired)!
    expect(deployed.evidence).toContainEqual({
      slot: 'virtual',
      kind: 'explicit-reference',
      file: 'values/prod.yaml',
      line: 5,
      text: 'values from values/prod.yaml:5 (referenced by apps/vclusters.yaml:14)'
    })
    const onOld = result.findings.filter((f) => f.file === 'values/old.yaml')
    expect(onOld.length).toBeGreaterThan(0)
    expect(onOld.every((f) => f.severity === 'notice')).toBe(true)
  })

  it('several hosts: every host file counts, and identical findings on two files are both listed (inferred, so warnings)', async () => {
    const result = await gate(join(FIXTURES, 'several-hosts'))
    const hosts = result.report.environments.flatMap((e) => {
      const host = e.host === undefined ? undefined : result.report.declarations[e.host]
      return host ? [`${host.file}:${host.line} ${host.raw}`] : []
    })
    expect(hosts.sort()).toEqual(['.github/workflows/e2e.yml:8 v1.33.1', '.github/workflows/e2e.yml:8 v1.34.0', 'hack/kind.yaml:5 v1.34.0', 'infra/eks.tf:4 1.30'])
    const tenantOnNewHost = result.findings.filter((f) => f.id === 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')
    // Grouped: one finding per entry and version set, with a location on each host file.
    const hostFiles = tenantOnNewHost.flatMap((f) => f.declarations.filter((d) => d.role === 'host').map((d) => d.file))
    expect([...new Set(hostFiles)].sort()).toEqual(['.github/workflows/e2e.yml', 'hack/kind.yaml'])
    expect(tenantOnNewHost.every((f) => f.severity === 'warning' && /The pairing was inferred: host from/.test(f.message))).toBe(true)
    const evidence = result.report.environments.flatMap((e) => e.evidence).find((x) => x.file === 'infra/eks.tf')
    expect(evidence).toMatchObject({ slot: 'host', kind: 'repository-level', line: 4 })
    expect(evidence!.text).toMatch(/^host from infra\/eks\.tf:4 \(repository-level host/)
  })

  // Held-out red-team D03/D09/D10: a pull request added a release elsewhere that names the chart's values.yaml, and
  // the chart (which applies its own values.yaml whoever else names it) lost its virtual version.
  it.each([
    ['a script beside the chart', 'clusters/dev/deploy.sh', 'VCLUSTER_VERSION=0.23.0 \\\nvcluster create dev \\\n  --chart-version "$VCLUSTER_VERSION" \\\n  -f values.yaml\n'],
    ['a script without a chart version', 'clusters/dev/deploy.sh', 'vcluster create dev \\\n  -f values.yaml\n'],
    ['a helmfile release', 'helmfile.yaml', 'releases:\n  - name: dev\n    chart: loft/vcluster\n    version: 0.23.0\n    values:\n      - clusters/dev/values.yaml\n'],
    [
      'a workflow helm upgrade -f',
      '.github/workflows/deploy.yml',
      'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          helm upgrade --install dev vcluster --repo https://charts.loft.sh \\\n            --version 0.23.0 \\\n            -f clusters/dev/values.yaml\n'
    ]
  ])('a release that names a chart\'s values.yaml (%s) adds a pairing; the chart keeps its own values and the seed error stays', async (_name, file, text) => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'seed-readable-values'), root, { recursive: true })
    mkdirSync(join(root, dirname(file)), { recursive: true })
    writeFileSync(join(root, file), text)
    const result = await gate(root)
    expect(result.findings.find((f) => f.id === SEED)).toMatchObject({ severity: 'error', file: 'clusters/dev/Chart.yaml' })
    expect(result.report.summary.passed).toBe(false)
  })
})
