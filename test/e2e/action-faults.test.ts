import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, type ActionRun } from '../github/action-harness.js'
import { GitHubStandIn, type Fault } from '../github/stand-in.js'

/**
 * The built action against a GitHub that fails: server errors, secondary rate limits and
 * answers that never come. Publishing is retried a bounded number of times and then becomes a
 * warning; the gate's verdict never depends on it. Each test has a stand-in of its own, so
 * the tests run side by side (the retries wait seconds, as they would against GitHub).
 */

const ENTRY = 'vcluster-qosclass-immutable-k8s-1.32'
const PR = 2
/** GitHub's own words for a secondary rate limit (what the throttling plugin looks for). */
const SECONDARY_LIMIT = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
/** How long each attempt waits for GitHub's answer in these tests (30 s by default). */
const TIMEOUT_SECONDS = 5
const SLOW_TEST_MS = 120_000

interface FaultyRun {
  run: ActionRun
  github: GitHubStandIn
}

/** The seed incident as a pull request (it fails the gate), or one that passes, against a failing GitHub. */
async function pullRequest(faults: Fault[], options: { passing?: boolean; inputs?: Record<string, string> } = {}): Promise<FaultyRun> {
  const github = await GitHubStandIn.start()
  github.faults = faults
  try {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit(options.passing ? chart('0.23.0', 'v1.32.0-k3s1') : chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(base, head, PR),
      apiUrl: github.url,
      sha: head,
      ...(options.inputs ? { inputs: options.inputs } : {}),
      env: { KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) }
    })
    return { run, github }
  } finally {
    await github.close()
    // Retries or not, no request may break GitHub's published description.
    expect(github.violations).toEqual([])
  }
}

function statuses(github: GitHubStandIn, operationId: string): number[] {
  return github.callsTo(operationId).map((call) => call.status)
}

function warnings(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
}

/** The verdict and everything that needs no API call: exit code, annotation, outputs; no stack, no token. */
function expectGateDecided(run: ActionRun, failed = true): void {
  expect(run.code).toBe(failed ? 1 : 0)
  expect(run.outputs.result).toBe(failed ? 'failed' : 'passed')
  if (failed) expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
  if (failed) expect(run.stdout).toContain(`[${ENTRY}]`)
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)
  expect(`${run.stdout}${run.stderr}`.replace('::add-mask::ghs_secretToken123', '')).not.toContain('ghs_secretToken123')
}

describe.concurrent('dist/index.js when GitHub fails', () => {
  it('retries 500 and 502 answers and then publishes as if nothing happened', async () => {
    const { run, github } = await pullRequest([
      { operationId: 'checks/create', status: 500, times: 2 },
      { operationId: 'issues/list-comments', status: 502, times: 1 }
    ])
    expectGateDecided(run)
    expect(statuses(github, 'checks/create')).toEqual([500, 500, 201])
    // The second list looks for a comment that another run may have posted at the same time.
    expect(statuses(github, 'issues/list-comments')).toEqual([502, 200, 200])
    expect(github.comments.get(PR)).toHaveLength(1)
    expect(warnings(run)).toEqual([])
  }, SLOW_TEST_MS)

  it('gives up on a server error after three retries, warns, and still publishes the rest and decides', async () => {
    const { run, github } = await pullRequest([{ operationId: 'checks/create', status: 502 }])
    expectGateDecided(run)
    expect(statuses(github, 'checks/create')).toEqual([502, 502, 502, 502])
    expect(warnings(run)).toEqual([
      '::warning::kube-compat-gate could not create the kube-compat-gate check run: GitHub answered 502 (Server Error), after 3 retries. The gate result does not depend on this.'
    ])
    expect(github.comments.get(PR)).toHaveLength(1)
  }, SLOW_TEST_MS)

  it('waits out a secondary rate limit once, as GitHub asks in retry-after, then publishes', async () => {
    const { run, github } = await pullRequest([{ operationId: 'issues/create-comment', status: 403, message: SECONDARY_LIMIT, headers: { 'retry-after': '1' }, times: 1 }])
    expectGateDecided(run)
    expect(statuses(github, 'issues/create-comment')).toEqual([403, 201])
    expect(github.comments.get(PR)).toHaveLength(1)
    expect(warnings(run)).toEqual([expect.stringMatching(/^::warning::GitHub secondary rate limit on POST \S+; retrying in 1 s$/)])
  }, SLOW_TEST_MS)

  it('reports a rate limit that persists as a rate limit, not as a missing permission', async () => {
    const { run, github } = await pullRequest([{ operationId: 'issues/create-comment', status: 403, message: SECONDARY_LIMIT, headers: { 'retry-after': '1' } }])
    expectGateDecided(run)
    expect(statuses(github, 'issues/create-comment')).toEqual([403, 403])
    expect(warnings(run)).toEqual([
      expect.stringMatching(/^::warning::GitHub secondary rate limit on POST \S+; retrying in 1 s$/),
      expect.stringMatching(/^::warning::GitHub secondary rate limit on POST \S+; giving up on this request$/),
      '::warning::kube-compat-gate could not write the pull request comment: GitHub rate-limited the request (You have exceeded a secondary rate limit. Please wait a few minutes before you try again. - https://docs.github.com/rest). The gate result does not depend on this.'
    ])
  }, SLOW_TEST_MS)

  it('does not wait an hour when GitHub asks for it: one attempt, a warning, a verdict', async () => {
    const { run, github } = await pullRequest([{ operationId: 'checks/create', status: 403, message: SECONDARY_LIMIT, headers: { 'retry-after': '3600' } }])
    expectGateDecided(run)
    expect(statuses(github, 'checks/create')).toEqual([403])
    expect(warnings(run)).toContainEqual(expect.stringContaining('could not create the kube-compat-gate check run: GitHub rate-limited the request'))
  }, SLOW_TEST_MS)

  it('gives up on an answer that never comes after a bounded wait per attempt, and still decides', async () => {
    const { run, github } = await pullRequest([{ operationId: 'issues/list-comments', holdMs: 60_000 }])
    expectGateDecided(run)
    // Two attempts, each abandoned after the timeout, spend the call's waiting time: no third at full length.
    expect(github.callsTo('issues/list-comments')).toHaveLength(2)
    expect(warnings(run)).toEqual([
      `::warning::kube-compat-gate could not write the pull request comment: GitHub did not answer in the ${2 * TIMEOUT_SECONDS} s a request may wait, retries included (KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS). The gate result does not depend on this.`
    ])
    expect(github.checkRuns).toHaveLength(1)
  }, SLOW_TEST_MS)

  it('passes a clean pull request although GitHub fails every request it gets', async () => {
    // Without a comment the check run is the only request; it fails four times.
    const { run, github } = await pullRequest([{ operationId: 'checks/create', status: 500 }], { passing: true, inputs: { comment: 'never' } })
    expectGateDecided(run, false)
    // Between attempts the gate looks for a check run that a failed attempt may have created.
    expect(statuses(github, 'checks/create')).toEqual([500, 500, 500, 500])
    expect(statuses(github, 'checks/list-for-ref')).toEqual([200, 200, 200])
    expect(warnings(run)).toEqual([expect.stringContaining('could not create the kube-compat-gate check run: GitHub answered 500 (Server Error), after 3 retries.')])
  }, SLOW_TEST_MS)
})
