import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/github/client.js'
import { DEFAULT_TIMEOUT_SECONDS, fetchWithTimeout, timeoutSeconds } from '../../src/github/fetch-timeout.js'
import { describeWriteFailure } from '../../src/github/write-failure.js'
import { GitHubStandIn } from './stand-in.js'

let standIn: GitHubStandIn
beforeAll(async () => {
  standIn = await GitHubStandIn.start()
})
afterAll(async () => {
  await standIn.close()
  expect(standIn.violations).toEqual([])
})

/** A fetch that answers only when aborted, like a server that accepted the connection and went quiet. */
const silent = (_url: string | URL, init?: RequestInit): Promise<Response> =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))))

describe('the GitHub client under faults', () => {
  it('leaves no retry count behind: the next request starts its back-off from one second again', async () => {
    standIn.faults = [{ operationId: 'issues/list-comments', status: 502, times: 1 }]
    const client = createGitHubClient('ghs_test', { warning: () => undefined, debug: () => undefined }, standIn.url)
    await client.rest.issues.listComments({ owner: 'Codertocat', repo: 'Hello-World', issue_number: 2 })
    expect(standIn.callsTo('issues/list-comments').map((call) => call.status)).toEqual([502, 200])
    // Octokit shares these defaults between requests; the retry plugin used to count in them.
    expect(client.request.endpoint.DEFAULTS.request).not.toHaveProperty('retryCount')
  })

  it.each([
    [undefined, DEFAULT_TIMEOUT_SECONDS],
    ['5', 5],
    ['0.5', 0.5],
    ['0', DEFAULT_TIMEOUT_SECONDS],
    ['-3', DEFAULT_TIMEOUT_SECONDS],
    ['soon', DEFAULT_TIMEOUT_SECONDS]
  ])('KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS=%s waits %s s for each answer', (value, seconds) => {
    expect(timeoutSeconds(value === undefined ? {} : { KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS: value })).toBe(seconds)
  })

  it('gives up on an answer that does not start in time, with an error Octokit retries like a server error', async () => {
    await expect(fetchWithTimeout(silent, 0.01)('https://api.github.com/x')).rejects.toThrow(
      new Error('GitHub did not answer within 0.01 s (KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS)')
    )
  })

  it('gives a request and its retries one deadline: an attempt that timed out is not tried again at full length', async () => {
    standIn.faults = [{ operationId: 'issues/list-comments', holdMs: 60_000 }]
    const before = standIn.callsTo('issues/list-comments').length
    const client = createGitHubClient('ghs_test', { warning: () => undefined, debug: () => undefined }, standIn.url, 0.2)
    const failure = await client.rest.issues.listComments({ owner: 'Codertocat', repo: 'Hello-World', issue_number: 2 }).catch((error: unknown) => error)
    // Two attempts of 0.2 s each spend the call's waiting time; there is no third.
    expect(failure).toMatchObject({ message: 'GitHub did not answer in the 0.4 s a request may wait, retries included (KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS)' })
    expect(describeWriteFailure('write the pull request comment', 'pull-requests: write', failure)).toBe(
      'kube-compat-gate could not write the pull request comment: GitHub did not answer in the 0.4 s a request may wait, retries included (KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS). The gate result does not depend on this.'
    )
    expect(standIn.callsTo('issues/list-comments').length - before).toBe(2)
    standIn.faults = []
  })

  it("passes the caller's own abort through unchanged", async () => {
    const caller = new AbortController()
    const pending = fetchWithTimeout(silent, 60)('https://api.github.com/x', { signal: caller.signal })
    caller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('warnings about writes GitHub refused', () => {
  const request = (retryCount?: number) => ({ request: { request: retryCount === undefined ? {} : { retryCount } } })
  it.each([
    [
      'a missing permission',
      Object.assign(new Error('Resource not accessible by integration'), { status: 403, response: { headers: {} } }),
      'kube-compat-gate could not write the pull request comment: GitHub answered 403 (Resource not accessible by integration). Grant the workflow "permissions: pull-requests: write"; on pull requests from forks the token is read-only, see the README section "Pull requests from forks". The gate result does not depend on this.'
    ],
    [
      'a secondary rate limit',
      Object.assign(new Error('You have exceeded a secondary rate limit'), { status: 403, response: { headers: { 'retry-after': '60' } } }),
      'kube-compat-gate could not write the pull request comment: GitHub rate-limited the request (You have exceeded a secondary rate limit). The gate result does not depend on this.'
    ],
    [
      'a primary rate limit',
      Object.assign(new Error('API rate limit exceeded'), { status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } }),
      'kube-compat-gate could not write the pull request comment: GitHub rate-limited the request (API rate limit exceeded). The gate result does not depend on this.'
    ],
    [
      'a server error after retries',
      Object.assign(new Error('Server Error'), { status: 502, response: { headers: {} }, ...request(3) }),
      'kube-compat-gate could not write the pull request comment: GitHub answered 502 (Server Error), after 3 retries. The gate result does not depend on this.'
    ],
    [
      'no answer at all',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { status: 500, ...request(1) }),
      'kube-compat-gate could not write the pull request comment: connect ECONNREFUSED 127.0.0.1:9, after 1 retry. The gate result does not depend on this.'
    ]
  ])('%s says what happened and what to do', (_name, error, message) => {
    expect(describeWriteFailure('write the pull request comment', 'pull-requests: write', error)).toBe(message)
  })
})
