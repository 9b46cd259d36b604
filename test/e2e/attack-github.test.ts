import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, type ActionRun } from '../github/action-harness.js'
import { GitHubStandIn, type Fault } from '../github/stand-in.js'
import { tempDir } from '../helpers/run-bundle.js'

/**
 * The built action against a GitHub that misbehaves in ways a plain outage does not: answers that
 * stall after their headers, and failures on `pull_request_target`, where the head itself comes
 * from the API. Each test has a stand-in of its own, so they run side by side.
 */
const PR = 2
/** Short, so that stalls are given up quickly; long enough for a busy machine to answer the other requests. */
const TIMEOUT_SECONDS = 3
const SLOW_TEST_MS = 150_000

interface Scenario {
  eventName?: 'pull_request' | 'pull_request_target'
  inputs?: Record<string, string>
  /** false: GitHub has no archive of the base (a 404). */
  baseArchive?: boolean
}

async function seedPullRequest(faults: Fault[], { eventName = 'pull_request', inputs = {}, baseArchive = true }: Scenario = {}): Promise<{ run: ActionRun; github: GitHubStandIn }> {
  const github = await GitHubStandIn.start()
  github.faults = faults
  try {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
    if (eventName === 'pull_request_target') {
      if (baseArchive) github.tarballs.set(base, repo.tarball(base))
      github.tarballs.set(head, repo.tarball(head))
    }
    const run = await runAction({
      workspace: eventName === 'pull_request' ? repo.dir : tempDir('kcg-empty-'),
      eventName,
      payload: pullRequestPayload(base, head, PR),
      apiUrl: github.url,
      sha: eventName === 'pull_request' ? head : base,
      inputs,
      env: { KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) }
    })
    return { run, github }
  } finally {
    await github.close()
    expect(github.violations).toEqual([])
  }
}

function warnings(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
}

function expectNoStack(run: ActionRun): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)
}

describe.concurrent('dist/index.js when GitHub stalls or fails where it hurts', () => {
  it('gives up on a comment list that stalls after its headers, and still decides and publishes the rest', async () => {
    const { run, github } = await seedPullRequest([{ operationId: 'issues/list-comments', stallBodyMs: 120_000 }])
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    // Two attempts spend the call's waiting time (twice one attempt's): a timeout is not tried again at full length.
    expect(github.callsTo('issues/list-comments')).toHaveLength(2)
    expect(warnings(run)).toEqual([
      `::warning::kube-compat-gate could not write the pull request comment: GitHub did not answer in the ${2 * TIMEOUT_SECONDS} s a request may wait, retries included (KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS). The gate result does not depend on this.`
    ])
    expect(github.checkRuns).toHaveLength(1)
    expectNoStack(run)
  }, SLOW_TEST_MS)

  it('does not wait for a check-run creation whose answer stalls, and finds the check run it made instead of making another', async () => {
    const { run, github } = await seedPullRequest([{ operationId: 'checks/create', stallBodyMs: 120_000 }])
    expect(run.outputs.result).toBe('failed')
    expect(github.callsTo('checks/create')).toHaveLength(1)
    expect(github.callsTo('checks/list-for-ref')).toHaveLength(1)
    expect(github.checkRuns).toHaveLength(1)
    expect(warnings(run)).toEqual([])
    expect(github.comments.get(PR)).toHaveLength(1)
  }, SLOW_TEST_MS)

  it('pull_request_target: a head archive that stalls after its headers ends the run with a reason and `result`', async () => {
    const { run } = await seedPullRequest([{ operationId: '_codeload', stallBodyMs: 120_000 }], { eventName: 'pull_request_target', inputs: { comment: 'never' } })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error::could not read the head commit [0-9a-f]{12}, so there is nothing to decide on and the gate fails: GitHub did not answer in the 24 s a request may wait, retries included \(KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS\)$/m)
    expectNoStack(run)
  }, SLOW_TEST_MS)

  it('pull_request_target: a head archive GitHub will not serve ends the run with GitHub\'s answer explained and `result`', async () => {
    const { run } = await seedPullRequest([{ operationId: 'repos/download-tarball-archive', status: 502 }], { eventName: 'pull_request_target', inputs: { comment: 'never' } })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error::could not read the head commit [0-9a-f]{12}, so there is nothing to decide on and the gate fails: GitHub answered 502 \(Server Error\), after 3 retries$/m)
  }, SLOW_TEST_MS)

  it('pull_request_target: a base GitHub cannot serve still gives a decision, with every finding counted as new', async () => {
    const { run } = await seedPullRequest([], { eventName: 'pull_request_target', inputs: { comment: 'never' }, baseArchive: false })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::warning::could not read the base commit [0-9a-f]{12}, so every finding counts as new: /m)
    expect(JSON.parse(run.outputs['new-findings'] ?? '[]')).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32' }))
  }, SLOW_TEST_MS)
})
