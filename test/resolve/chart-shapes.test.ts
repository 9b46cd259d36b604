import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { runGate, type GateResult } from '../../src/pipeline.js'
import { TempRepo } from '../github/action-harness.js'

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
