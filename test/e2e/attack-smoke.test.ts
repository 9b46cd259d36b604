import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn, type ActionRun } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'
import { makeFakeTools, type FakeTools } from '../smoke/fake-tools.js'
import { loadScenario, startReplayServer, type ReplayServer } from '../smoke/replay-server.js'

/**
 * `smoke: true` on a pull request the workflow does not vouch for (pull_request_target, a fork):
 * the fork's values file describes a privileged pod with the host's `/` mounted. Before, the built
 * action passed it to `helm upgrade --install --values` with the workflow's kubeconfig. Now the
 * values are not applied unless the workflow sets `smoke-trust-pull-request-config: true`, and the
 * report says so. helm and kubectl are fakes that record their argv; the cluster is the replay server.
 */
const github = useGitHubStandIn()
let server: ReplayServer
let fakes: FakeTools
beforeAll(async () => {
  server = await startReplayServer(await loadScenario('vcluster-qosclass-immutable'), tempDir('kcg-replay-'))
  fakes = await makeFakeTools(['helm', 'kubectl'])
})
afterAll(async () => {
  await server.close()
})

/** Appended to the vcluster values: a privileged pod in kube-system with the host's `/` mounted. */
const HOSTILE_VALUES = [
  '  experimental:',
  '    deploy:',
  '      host:',
  '        manifests: |-',
  '          apiVersion: v1',
  '          kind: Pod',
  '          metadata: { name: root, namespace: kube-system }',
  '          spec:',
  '            containers: [{ name: x, image: busybox, securityContext: { privileged: true }, volumeMounts: [{ name: host, mountPath: /host }] }]',
  '            volumes: [{ name: host, hostPath: { path: / } }]',
  ''
].join('\n')

function hostileRepository() {
  const repo = new TempRepo()
  const files = chart('0.22.1', 'v1.31.4-k3s1')
  const base = repo.commit(files, 'base')
  const head = repo.commit({ ...files, 'clusters/dev/values.yaml': `${files['clusters/dev/values.yaml']}${HOSTILE_VALUES}` }, 'values')
  return { repo, base, head }
}

/** The values files helm was given in this run (the fakes log every call of the test file; helm copies each values file to `copies`). */
async function helmValues(before: number, copies: string): Promise<string[]> {
  const helm = (await fakes.calls()).slice(before).filter((call) => call[0] === 'helm')
  expect(helm).toHaveLength(1)
  const given = helm[0]!.filter((_, i, all) => all[i - 1] === '--values')
  return given.map((_, n) => readFileSync(join(copies, `values-${n + 1}.yaml`), 'utf8'))
}

async function smokeRun(eventName: string, payload: Record<string, unknown>, workspace: string, sha: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<{ run: ActionRun; values: string[] }> {
  const before = (await fakes.calls()).length
  // The run's own temporary directory: whatever it made there (kubeconfigs, values files) must be gone at the end.
  const temp = tempDir('kcg-smoke-tmp-')
  const copies = tempDir('kcg-helm-values-')
  const run = await runAction({
    workspace,
    eventName,
    payload,
    apiUrl: github().url,
    sha,
    inputs: { smoke: 'true', kubeconfig: server.kubeconfig, 'smoke-timeout': '5', 'smoke-image': 'kcg.local/busybox:1', comment: 'never', ...inputs },
    env: { PATH: `${fakes.bin}:${process.env.PATH}`, FAKE_LOG: fakes.log, TMPDIR: temp, FAKE_VALUES_COPY: copies, ...env }
  })
  const values = await helmValues(before, copies)
  expect(readdirSync(temp)).toEqual([])
  return { run, values }
}

const NOT_APPLIED = /smoke: the repository's values file\(s\) clusters\/dev\/values\.yaml were not applied \(vcluster runs with the chart's defaults and the declared versions\): (.*); set the input smoke-trust-pull-request-config: true to apply them/

describe('dist/index.js smoke on a pull request it does not vouch for', () => {
  it('pull_request_target: the fork\'s values file does not reach helm, and the report says why', async () => {
    const { repo, base, head } = hostileRepository()
    github().tarballs.set(head, repo.tarball(head))
    const { run, values } = await smokeRun('pull_request_target', pullRequestPayload(base, head, 401), repo.shallowCheckout(base), base)
    expect(values).toEqual([])
    expect(run.stdout).toMatch(NOT_APPLIED)
    expect(run.stdout.match(NOT_APPLIED)?.[1]).toBe("the run is on pull_request_target, whose head is the pull request author's")
    expect(run.summary).toContain('were not applied')
  }, 120_000)

  it('pull_request from a fork: not applied either', async () => {
    const { repo, base, head } = hostileRepository()
    const payload = pullRequestPayload(base, head, 402)
    ;((payload.pull_request as { head: { repo: { full_name: string } } }).head.repo).full_name = 'mallory/Hello-World'
    const { run, values } = await smokeRun('pull_request', payload, repo.dir, head)
    expect(values).toEqual([])
    expect(run.stdout.match(NOT_APPLIED)?.[1]).toBe('the pull request comes from the fork mallory/Hello-World')
  }, 120_000)

  it('applies them when the workflow opts in by name', async () => {
    const { repo, base, head } = hostileRepository()
    github().tarballs.set(head, repo.tarball(head))
    const { run, values } = await smokeRun('pull_request_target', pullRequestPayload(base, head, 403), repo.shallowCheckout(base), base, { 'smoke-trust-pull-request-config': 'true' })
    expect(values).toEqual([expect.stringContaining('privileged: true')])
    expect(run.stdout).not.toMatch(NOT_APPLIED)
  }, 120_000)

  it('applies them on a pull request from the repository itself', async () => {
    const { repo, base, head } = hostileRepository()
    const { run, values } = await smokeRun('pull_request', pullRequestPayload(base, head, 404), repo.dir, head)
    expect(values).toEqual([expect.stringContaining('hostPath')])
    expect(run.stdout).not.toMatch(NOT_APPLIED)
  }, 120_000)

  it('pull_request from a fork: helm and kubectl run in an empty folder, so a `vcluster/` chart folder in the checkout is not the chart (redteam X01)', async () => {
    const repo = new TempRepo()
    const files = chart('0.22.1', 'v1.31.4-k3s1')
    const base = repo.commit(files, 'base')
    // Helm resolves a local folder named like the chart before --repo (helm/helm#9244).
    const head = repo.commit({ 'vcluster/Chart.yaml': 'apiVersion: v2\nname: vcluster\nversion: 0.22.1\n', 'vcluster/templates/pwn.yaml': HOSTILE_VALUES }, 'a chart named vcluster')
    const payload = pullRequestPayload(base, head, 405)
    ;((payload.pull_request as { head: { repo: { full_name: string } } }).head.repo).full_name = 'mallory/Hello-World'
    const cwdLog = join(tempDir('kcg-cwd-'), 'cwd.log')
    await smokeRun('pull_request', payload, repo.dir, head, {}, { FAKE_CWD_LOG: cwdLog })
    const folders = readFileSync(cwdLog, 'utf8').trim().split('\n').map((line) => line.split('\t'))
    expect(folders.map(([tool]) => tool)).toContain('helm')
    for (const [tool, folder, entries] of folders) {
      expect(`${tool} in ${folder}`).not.toContain(repo.dir)
      expect(`${tool}: ${entries!.trim()} entries`).toBe(`${tool}: 0 entries`)
    }
  }, 120_000)
})
