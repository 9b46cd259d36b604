import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pullRequestPayload, runAction, TempRepo, useGitHubStandIn, type ActionRun } from '../github/action-harness.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * Chart shapes that deploy the seed incident (vcluster 0.22.1 on Kubernetes 1.32) in a pull
 * request (issue 24, held-out set 4: E30, E33, F02), mounted on the built action (dist/index.js)
 * with real git, real tar and the loopback GitHub stand-in. The shapes themselves, one by one,
 * are in test/resolve/chart-shapes.test.ts.
 */
const github = useGitHubStandIn()
const SEED_ID = 'vcluster-qosclass-immutable-k8s-1.32'
let nextPull = 2400

const k3s = (tag: string, indent = '  '): string =>
  ['controlPlane:', '  distro:', '    k3s:', '      enabled: true', '      image:', '        repository: rancher/k3s', `        tag: ${tag}`].map((line) => `${indent}${line}\n`).join('')
const chart = (version: string, alias?: string): string =>
  `apiVersion: v2\nname: d\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n${alias ? `    alias: ${alias}\n` : ''}    version: ${version}\n    repository: https://charts.loft.sh\n`

function run(workspace: string, base: string, head: string): Promise<ActionRun> {
  return runAction({ workspace, eventName: 'pull_request', payload: pullRequestPayload(base, head, nextPull++), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
}

function failedOnSeedAt(result: ActionRun, file: string, line: number): void {
  expect(result.outputs.result).toBe('failed')
  expect(result.stdout).toMatch(new RegExp(`^::error title=\\(new\\) [^\\n]*\\[${SEED_ID}\\],file=${file.replaceAll('.', '\\.')},line=${line}\\b`, 'm'))
}

describe('dist/index.js: chart shapes that deploy the seed incident fail the pull request', () => {
  it('a kustomize overlay patches a Flux HelmRelease (0.23.0 with 1.32 values) down to chart version 0.22.1 (E33)', async () => {
    const repo = new TempRepo()
    const release =
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vc\n  namespace: vc\nspec:\n  chart:\n    spec:\n      chart: vcluster\n      version: 0.23.0\n' +
      `      sourceRef:\n        kind: HelmRepository\n        name: loft\n  values:\n${k3s('v1.32.0-k3s1', '    ')}`
    const kustomization = (rest: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${rest}`
    const base = repo.commit({ 'flux/base/hr.yaml': release, 'flux/base/kustomization.yaml': kustomization('resources: [hr.yaml]\n'), 'flux/prod/kustomization.yaml': kustomization('resources: [../base]\n') }, 'base')
    const head = repo.commit(
      {
        'flux/prod/kustomization.yaml': kustomization('resources: [../base]\npatches:\n  - path: pin.yaml\n'),
        'flux/prod/pin.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vc\n  namespace: vc\nspec:\n  chart:\n    spec:\n      version: 0.22.1\n'
      },
      'pin prod'
    )
    failedOnSeedAt(await run(repo.dir, base, head), 'flux/prod/pin.yaml', 9)
  })

  it('the pull request only switches the dependency alias to the 1.32 subtree, on a shallow checkout with the base through the REST API (F02)', async () => {
    const repo = new TempRepo()
    const values = `stable:\n${k3s('v1.31.4-k3s1')}edge:\n${k3s('v1.32.0-k3s1')}`
    const base = repo.commit({ 'clusters/dev/Chart.yaml': chart('0.22.1', 'stable'), 'clusters/dev/values.yaml': values }, 'base')
    const head = repo.commit({ 'clusters/dev/Chart.yaml': chart('0.22.1', 'edge') }, 'switch the alias')
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    const result = await run(repo.shallowCheckout(head), base, head)
    expect(result.stdout).toMatch(/^base [0-9a-f]{12}: derived from the head's scan; 1 changed file read through the REST API/m)
    failedOnSeedAt(result, 'clusters/dev/Chart.yaml', 7)
  })

  it('Chart.yaml moves to 0.23.0 but the umbrella vendors charts/vcluster-0.22.1.tgz, which helm installs (E30)', async () => {
    const repo = new TempRepo()
    const base = repo.commit({ 'clusters/dev/Chart.yaml': chart('0.22.1'), 'clusters/dev/values.yaml': `vcluster:\n${k3s('v1.31.4-k3s1')}` }, 'base')
    const packed = tempDir('kcg-packed-')
    writeTree(packed, { 'vcluster/Chart.yaml': 'apiVersion: v2\nname: vcluster\nversion: 0.22.1\n', 'vcluster/values.yaml': 'controlPlane: {}\n' })
    mkdirSync(join(repo.dir, 'clusters/dev/charts'), { recursive: true })
    writeFileSync(join(repo.dir, 'clusters/dev/charts/vcluster-0.22.1.tgz'), execFileSync('tar', ['czf', '-', '-C', packed, 'vcluster']))
    const head = repo.commit({ 'clusters/dev/Chart.yaml': chart('0.23.0'), 'clusters/dev/values.yaml': `vcluster:\n${k3s('v1.32.0-k3s1')}` }, 'bump, vendored')
    const result = await run(repo.dir, base, head)
    failedOnSeedAt(result, 'clusters/dev/charts/vcluster-0.22.1.tgz', 1)
    expect(result.stdout).toContain('vendored vcluster chart 0.22.1 is what helm installs for clusters/dev')
  })
})
