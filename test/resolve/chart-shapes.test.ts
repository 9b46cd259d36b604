import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { runGate, type GateResult } from '../../src/pipeline.js'
import { TempRepo } from '../github/action-harness.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * Chart shapes a pull request author can use to deploy the seed incompatibility (vcluster
 * 0.22.1 with a Kubernetes 1.32 virtual cluster) past the gate (issue 24, held-out set 4): each
 * base/head pair is committed to a real git repository and the head is gated against the base
 * commit, as the action does in a pull request. The repositories are written here.
 */

const SEED = 'vcluster-qosclass-immutable-k8s-1.32'
const DATE = '2026-12-07'

const repos: TempRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo.dir, { recursive: true, force: true })
})

/** Commits `base`, then `head` over it, and gates the head against the base commit. */
async function pullRequest(base: Record<string, string>, head: Record<string, string>): Promise<GateResult> {
  const repo = new TempRepo()
  repos.push(repo)
  const sha = repo.commit(base, 'base')
  repo.commit(head, 'head')
  return runGate({ root: repo.dir, failOn: 'error', date: DATE, baseCommit: { top: repo.dir, sha } })
}

const seedFinding = (result: GateResult) => result.findings.filter((f) => f.id === SEED && f.status !== 'fixed').map((f) => `${f.severity} ${f.status} ${f.file}:${f.line}`)

const helmRelease = (version: string, tag: string): string =>
  'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vc\n  namespace: vc\nspec:\n  chart:\n    spec:\n      chart: vcluster\n' +
  `      version: ${version}\n      sourceRef:\n        kind: HelmRepository\n        name: loft\n  values:\n    controlPlane:\n      distro:\n        k3s:\n          enabled: true\n          image:\n            tag: ${tag}\n`
const kustomization = (rest: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${rest}`
const versionPatch = (version: string): string =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vc\n  namespace: vc\nspec:\n  chart:\n    spec:\n      version: ${version}\n`
const fluxBase = {
  'flux/base/hr.yaml': helmRelease('0.23.0', 'v1.32.0-k3s1'),
  'flux/base/kustomization.yaml': kustomization('resources: [hr.yaml]\n'),
  'flux/prod/kustomization.yaml': kustomization('resources: [../base]\n')
}

describe('a kustomize overlay that patches a Flux HelmRelease deploys the patched release (E33)', () => {
  it.each([
    ['a strategic merge patch file (`patches: - path:`)', { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'), 'flux/prod/pin.yaml': versionPatch('0.22.1') }, 'flux/prod/pin.yaml:9'],
    ['`patchesStrategicMerge:` naming the file', { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatchesStrategicMerge:\n  - pin.yaml\n'), 'flux/prod/pin.yaml': versionPatch('0.22.1') }, 'flux/prod/pin.yaml:9'],
    [
      'an inline strategic merge patch with a target',
      { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - target:\n      kind: HelmRelease\n      name: vc\n    patch: |\n      apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata:\n        name: vc\n      spec:\n        chart:\n          spec:\n            version: 0.22.1\n') },
      'flux/prod/kustomization.yaml:16'
    ],
    [
      'a JSON 6902 patch file with a target',
      { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.json.yaml\n    target:\n      kind: HelmRelease\n      name: vc\n'), 'flux/prod/pin.json.yaml': '- op: replace\n  path: /spec/chart/spec/version\n  value: 0.22.1\n' },
      'flux/prod/pin.json.yaml:3'
    ],
    [
      'an inline JSON 6902 patch under `patchesJson6902:`',
      { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatchesJson6902:\n  - target:\n      kind: HelmRelease\n      name: vc\n    patch: |\n      - op: replace\n        path: /spec/chart/spec/version\n        value: 0.22.1\n') },
      'flux/prod/kustomization.yaml:11'
    ],
    [
      'an overlay of the patching overlay (the patch is inherited)',
      {
        'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'),
        'flux/prod/pin.yaml': versionPatch('0.22.1'),
        'flux/prod-eu/kustomization.yaml': kustomization('resources: [../prod]\n')
      },
      'flux/prod/pin.yaml:9'
    ]
  ])('%s: the seed error is new at the patch line', async (_shape, head, at) => {
    const result = await pullRequest(fluxBase, head)
    expect(seedFinding(result)).toEqual([`error new ${at}`])
    expect(result.report.summary.passed).toBe(false)
    // The base keeps its own release: vcluster 0.23.0 with the 1.32 values, as written.
    expect(result.report.environments.some((e) => e.vcluster !== undefined && result.report.declarations[e.vcluster]!.version === '0.23.0')).toBe(true)
  })

  it.each([
    ['a patch of another release name', { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'), 'flux/prod/pin.yaml': versionPatch('0.22.1').replace('name: vc\n', 'name: other\n') }],
    ['a patch in a kustomization that does not build the release', { 'flux/other/kustomization.yaml': kustomization('resources: [cm.yaml]\npatches:\n  - path: pin.yaml\n'), 'flux/other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', 'flux/other/pin.yaml': versionPatch('0.22.1') }],
    ['a patch that moves the release to a fixed version', { 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'), 'flux/prod/pin.yaml': versionPatch('0.23.1') }]
  ])('%s: no seed error', async (_shape, head) => {
    const result = await pullRequest(fluxBase, head)
    expect(seedFinding(result)).toEqual([])
  })

  it('a patch that sets the values too: the patched values, not the base values, go with the patched version', async () => {
    const values = '  values:\n    controlPlane:\n      distro:\n        k3s:\n          enabled: true\n          image:\n            tag: v1.31.4-k3s1\n'
    const result = await pullRequest(fluxBase, {
      'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'),
      'flux/prod/pin.yaml': versionPatch('0.22.1') + values
    })
    expect(seedFinding(result)).toEqual([])
    const patched = result.report.environments.find((e) => e.vcluster !== undefined && result.report.declarations[e.vcluster]!.file === 'flux/prod/pin.yaml')
    expect(result.report.declarations[patched!.virtual!]).toMatchObject({ file: 'flux/prod/pin.yaml', version: '1.31.4' })
  })
})

const chart = (version: string, alias?: string): string =>
  `apiVersion: v2\nname: d\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n${alias ? `    alias: ${alias}\n` : ''}    version: ${version}\n    repository: https://charts.loft.sh\n`
const k3s = (tag: string, indent = '  '): string =>
  ['controlPlane:', '  distro:', '    k3s:', '      enabled: true', '      image:', '        repository: rancher/k3s', `        tag: ${tag}`].map((line) => `${indent}${line}\n`).join('')
const seed = (version: string, tag: string) => ({ 'clusters/dev/Chart.yaml': chart(version), 'clusters/dev/values.yaml': `vcluster:\n${k3s(tag)}` })

describe('umbrella charts as Helm builds them', () => {
  const twoSubtrees = `stable:\n${k3s('v1.31.4-k3s1')}edge:\n${k3s('v1.32.0-k3s1')}`

  it('a dependency alias picks the values subtree: switching it from the 1.31 to the 1.32 subtree is a new seed error (F01)', async () => {
    const result = await pullRequest({ 'clusters/dev/Chart.yaml': chart('0.22.1', 'stable'), 'clusters/dev/values.yaml': twoSubtrees }, { 'clusters/dev/Chart.yaml': chart('0.22.1', 'edge') })
    expect(seedFinding(result)).toEqual(['error new clusters/dev/Chart.yaml:7'])
    // Only the subtree the alias names is vcluster's: the other is not paired with it.
    expect(result.report.environments.map((e) => result.report.declarations[e.virtual!]!.version)).toEqual(['1.32.0'])
  })

  it('switching the alias back to the 1.31 subtree fixes it', async () => {
    const result = await pullRequest({ 'clusters/dev/Chart.yaml': chart('0.22.1', 'edge'), 'clusters/dev/values.yaml': twoSubtrees }, { 'clusters/dev/Chart.yaml': chart('0.22.1', 'stable') })
    expect(seedFinding(result)).toEqual([])
    expect(result.report.summary.passed).toBe(true)
  })

  it('nested umbrella charts through file://: values under platform.vcluster in the outer chart reach the vcluster of the inner one (E32)', async () => {
    const platform = 'apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: 0.22.1\n    repository: https://charts.loft.sh\n'
    const app = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: platform\n    version: 1.0.0\n    repository: file://../platform\n'
    const appValues = (tag: string) => `platform:\n  vcluster:\n${k3s(tag, '    ')}`
    const base = { 'charts/platform/Chart.yaml': platform, 'charts/platform/values.yaml': `vcluster:\n${k3s('v1.31.4-k3s1')}`, 'charts/app/Chart.yaml': app, 'charts/app/values.yaml': appValues('v1.31.4-k3s1') }
    const result = await pullRequest(base, { 'charts/app/values.yaml': appValues('v1.32.0-k3s1') })
    expect(seedFinding(result)).toEqual(['error new charts/platform/Chart.yaml:6'])
    const seedError = result.findings.find((f) => f.id === SEED)!
    expect(seedError.declarations.map((d) => `${d.file}:${d.line}`)).toContain('charts/app/values.yaml:9')
    // Under a key the chain does not name (`vcluster` at the outer chart's root), the values reach nothing.
    const elsewhere = await pullRequest(base, { 'charts/app/values.yaml': `vcluster:\n${k3s('v1.32.0-k3s1')}` })
    expect(seedFinding(elsewhere)).toEqual([])
  })

  const SUBCHART = 'apiVersion: v2\nname: vcluster\nversion: 0.22.1\nappVersion: 0.22.1\ndescription: a vendored copy\n'
  const bumped = { ...seed('0.23.0', 'v1.32.0-k3s1') }

  it('a vcluster chart vendored in charts/ is what helm installs: its version is checked, and the difference is said (E29)', async () => {
    const result = await pullRequest(seed('0.22.1', 'v1.31.4-k3s1'), { ...bumped, 'clusters/dev/charts/vcluster/Chart.yaml': SUBCHART, 'clusters/dev/charts/vcluster/values.yaml': 'controlPlane: {}\n' })
    expect(seedFinding(result)).toEqual(['error new clusters/dev/charts/vcluster/Chart.yaml:3'])
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ file: 'clusters/dev/charts/vcluster/Chart.yaml', line: 3, message: expect.stringMatching(/vendored vcluster chart 0\.22\.1 is what helm installs for clusters\/dev, not the 0\.23\.0/) }))
  })

  it('a chart folder of a repository of charts (no umbrella above it) is no vendored copy', async () => {
    const result = await pullRequest({ 'README.md': 'charts\n' }, { ...seed('0.23.0', 'v1.32.0-k3s1'), 'charts/vcluster/Chart.yaml': SUBCHART })
    expect(seedFinding(result)).toEqual([])
  })

  const archive = (files: Record<string, string>): Buffer => {
    const dir = tempDir('kcg-chart-')
    writeTree(dir, files)
    return execFileSync('tar', ['czf', '-', '-C', dir, ...new Set(Object.keys(files).map((path) => path.split('/')[0]!))])
  }

  it('a vendored chart archive (charts/vcluster-0.22.1.tgz) is read in memory from its Chart.yaml (E30)', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const sha = repo.commit(seed('0.22.1', 'v1.31.4-k3s1'), 'base')
    writeTree(repo.dir, bumped)
    mkdirSync(join(repo.dir, 'clusters/dev/charts'), { recursive: true })
    writeFileSync(join(repo.dir, 'clusters/dev/charts/vcluster-0.22.1.tgz'), archive({ 'vcluster/Chart.yaml': SUBCHART, 'vcluster/values.yaml': 'controlPlane: {}\n' }), { flag: 'w' })
    repo.commit({}, 'head')
    const result = await runGate({ root: repo.dir, failOn: 'error', date: DATE, baseCommit: { top: repo.dir, sha } })
    expect(seedFinding(result)).toEqual(['error new clusters/dev/charts/vcluster-0.22.1.tgz:1'])
  })

  it.each([
    ['not gzip', () => Buffer.from('just text\n'), /not a gzip archive/],
    ['a gzip bomb (zeros past the cap)', () => gzipSync(Buffer.alloc(40 * 1024 * 1024)), /unpacks to more than \d+ bytes/],
    ['an archive without a Chart.yaml', () => archive({ 'vcluster/values.yaml': 'controlPlane: {}\n' }), /no <chart>\/Chart\.yaml/]
  ])('an archive named for vcluster that cannot be read (%s): a warning at the archive and the umbrella cannot be decided', async (_what, bytes, why) => {
    const root = tempDir('kcg-archive-')
    writeTree(root, seed('0.23.0', 'v1.32.0-k3s1'))
    mkdirSync(join(root, 'clusters/dev/charts'), { recursive: true })
    writeFileSync(join(root, 'clusters/dev/charts/vcluster-0.22.1.tgz'), bytes())
    const result = await runGate({ root, failOn: 'error', date: DATE, strict: true })
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ file: 'clusters/dev/charts/vcluster-0.22.1.tgz', message: expect.stringMatching(why) }))
    expect(result.report.unknown).toContainEqual(expect.objectContaining({ slot: 'vcluster', file: 'clusters/dev/charts/vcluster-0.22.1.tgz' }))
    expect(result.report.summary.passed).toBe(false)
  })
})
