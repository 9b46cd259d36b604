import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, schedulePayload, TempRepo, type ActionRun } from '../github/action-harness.js'
import { GitHubStandIn, type Fault } from '../github/stand-in.js'

/**
 * The sticky comment and the audit issue belong to the gate. Before: a person's comment that
 * started with the marker was edited by the gate; a refused edit meant no comment at all and a
 * message blaming a permission; two runs at once, or a 502 after a successful POST, left two
 * comments (or two issues); text added above the marker led to a second comment. Built action,
 * stand-in GitHub (which writes as github-actions[bot], as a workflow's token does).
 */
const MARKER = '<!-- kube-compat-gate:pr-comment path=. -->'
const SLOW_TEST_MS = 150_000

function seedRepository() {
  const repo = new TempRepo()
  const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
  const head = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
  return { repo, base, head }
}

function pullRequestRun(github: GitHubStandIn, number: number, { repo, base, head }: ReturnType<typeof seedRepository>): Promise<ActionRun> {
  return runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, number), apiUrl: github.url, sha: head, inputs: { comment: 'always' } })
}

/** A comment as GitHub lists it, written by someone else. */
function personsComment(github: GitHubStandIn, id: number, body: string): Record<string, unknown> {
  const example = github.api.example('issue-comment')
  return { ...example, id, body, user: { ...(example.user as object), login: 'mallory', type: 'User' } }
}

async function withStandIn<T>(faults: Fault[], body: (github: GitHubStandIn) => Promise<T>): Promise<T> {
  const github = await GitHubStandIn.start()
  github.faults = faults
  try {
    return await body(github)
  } finally {
    await github.close()
    expect(github.violations).toEqual([])
  }
}

const warnings = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::warning::'))

describe.concurrent('dist/index.js keeps one comment, its own', () => {
  it('leaves a person\'s comment that starts with the marker alone and posts its own', async () => {
    await withStandIn([], async (github) => {
      github.comments.set(2, [personsComment(github, 1, `${MARKER}\n**kube-compat-gate: ✅ passed** (approved by @acme/admins)`)])
      const run = await pullRequestRun(github, 2, seedRepository())
      expect(run.outputs.result).toBe('failed')
      const comments = github.comments.get(2)!
      expect(comments).toHaveLength(2)
      expect(comments[0]!.body).toContain('approved by @acme/admins')
      expect(comments[1]).toMatchObject({ user: expect.objectContaining({ login: 'github-actions[bot]' }) })
      expect(comments[1]!.body).toContain('### kube-compat-gate: ❌ failed')
    })
  }, SLOW_TEST_MS)

  it('posts a new comment when GitHub refuses to edit its earlier one, and says why', async () => {
    await withStandIn([{ operationId: 'issues/update-comment', status: 404, message: 'Not Found' }], async (github) => {
      const repository = seedRepository()
      await pullRequestRun(github, 3, repository)
      const run = await pullRequestRun(github, 3, repository)
      expect(github.comments.get(3)).toHaveLength(2)
      expect(warnings(run)).toEqual([
        expect.stringMatching(/^::warning::kube-compat-gate could not edit its earlier pull request comment \d+ \(GitHub answered 404 \(Not Found - https:\/\/docs\.github\.com\/rest\): what it was asked about does not exist or this token cannot see it\), so it posts a new one$/)
      ])
      expect(run.stdout).toContain('pull request comment: replaced')
    })
  }, SLOW_TEST_MS)

  it('finds its comment again when someone added text above the marker', async () => {
    await withStandIn([], async (github) => {
      const repository = seedRepository()
      await pullRequestRun(github, 4, repository)
      const comment = github.comments.get(4)![0]!
      comment.body = `Looked at this, see below.\n\n${String(comment.body)}`
      await pullRequestRun(github, 4, repository)
      expect(github.comments.get(4)).toHaveLength(1)
      expect(github.comments.get(4)![0]!.body).toMatch(/^<!-- kube-compat-gate:pr-comment/)
    })
  }, SLOW_TEST_MS)

  it('does not turn a 502 after a successful POST into a second comment', async () => {
    await withStandIn([{ operationId: 'issues/create-comment', status: 502, afterEffect: true, times: 1 }], async (github) => {
      const run = await pullRequestRun(github, 5, seedRepository())
      expect(github.callsTo('issues/create-comment')).toHaveLength(1)
      expect(github.comments.get(5)).toHaveLength(1)
      expect(warnings(run)).toEqual([])
    })
  }, SLOW_TEST_MS)

  it('does not count a malformed 201 as a comment: it looks, and posts again', async () => {
    await withStandIn([{ operationId: 'issues/create-comment', status: 201, body: {}, times: 1 }], async (github) => {
      await pullRequestRun(github, 6, seedRepository())
      expect(github.callsTo('issues/create-comment')).toHaveLength(2)
      expect(github.comments.get(6)).toHaveLength(1)
    })
  }, SLOW_TEST_MS)

  it('finds its ✅ comment past 5,100 comments posted after it, reading at most 50 pages, and turns it to ❌ (redteam R11)', async () => {
    await withStandIn([], async (github) => {
      const example = github.api.example('issue-comment')
      const gates = { ...example, id: 1, body: `${MARKER}\n### kube-compat-gate: ✅ this change introduces no known incompatibilities`, user: { ...(example.user as object), login: 'github-actions[bot]', type: 'Bot' } }
      github.comments.set(11, [gates, ...Array.from({ length: 5_100 }, (_, i) => personsComment(github, 100 + i, `lgtm ${i}`))])
      const run = await pullRequestRun(github, 11, seedRepository())
      expect(run.outputs.result).toBe('failed')
      const ours = github.comments.get(11)!.filter((comment) => String(comment.body).startsWith(MARKER))
      expect(ours).toHaveLength(1)
      expect(ours[0]!.body).toContain('### kube-compat-gate: ❌ failed')
      expect(github.callsTo('issues/list-comments').length).toBeLessThanOrEqual(50)
    })
  }, SLOW_TEST_MS)

  it('says which pages it did not read when its comment is in none it read, and posts a new one', async () => {
    await withStandIn([], async (github) => {
      const flood = (from: number) => Array.from({ length: 2_600 }, (_, i) => personsComment(github, from + i, `lgtm ${i}`))
      const example = github.api.example('issue-comment')
      const gates = { ...example, id: 5_000, body: `${MARKER}\n### kube-compat-gate: ✅ (lost in the middle)`, user: { ...(example.user as object), login: 'github-actions[bot]', type: 'Bot' } }
      github.comments.set(12, [...flood(1), gates, ...flood(10_000)])
      const run = await pullRequestRun(github, 12, seedRepository())
      expect(warnings(run)).toContainEqual(expect.stringMatching(/not pages 26 to 28 of 100 comments each; an earlier comment of the gate among those is left as it was, and a new one is posted$/))
      expect(github.comments.get(12)!.at(-1)!.body).toContain('### kube-compat-gate: ❌ failed')
    })
  }, SLOW_TEST_MS)

  it('leaves one comment when two runs publish at once', async () => {
    await withStandIn([], async (github) => {
      const repository = seedRepository()
      const runs = await Promise.all([pullRequestRun(github, 7, repository), pullRequestRun(github, 7, repository)])
      expect(runs.map((run) => run.outputs.result)).toEqual(['failed', 'failed'])
      expect(github.comments.get(7)).toHaveLength(1)
    })
  }, SLOW_TEST_MS)

  it('leaves one open audit issue when two audits run at once', async () => {
    await withStandIn([], async (github) => {
      const repo = new TempRepo()
      const sha = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'))
      const audit = () => runAction({ workspace: repo.dir, eventName: 'schedule', payload: schedulePayload(), apiUrl: github.url, sha })
      await Promise.all([audit(), audit()])
      expect(github.issues.filter((issue) => issue.state === 'open')).toHaveLength(1)
      // A person's issue with the label and the marker is not the gate's.
      const own = github.issues.find((issue) => issue.state === 'open')!
      own.user = { ...(own.user as object), login: 'mallory' }
      await audit()
      expect(github.issues.filter((issue) => issue.state === 'open')).toHaveLength(2)
    })
  }, SLOW_TEST_MS)

  it('reports a 404 on the check-run API as something missing, not as a missing permission', async () => {
    await withStandIn([{ operationId: 'checks/create', status: 404, message: 'Not Found' }], async (github) => {
      const run = await pullRequestRun(github, 8, seedRepository())
      expect(warnings(run)).toEqual([
        '::warning::kube-compat-gate could not create the kube-compat-gate check run: GitHub answered 404 (Not Found - https://docs.github.com/rest): what it was asked about does not exist or this token cannot see it. The gate result does not depend on this.'
      ])
    })
  }, SLOW_TEST_MS)

  it('tries a persistent 429 at most twice, as the README says', async () => {
    await withStandIn([{ operationId: 'checks/create', status: 429, message: 'You have exceeded a secondary rate limit.', headers: { 'retry-after': '1' } }], async (github) => {
      const run = await pullRequestRun(github, 9, seedRepository())
      expect(github.callsTo('checks/create')).toHaveLength(2)
      expect(run.outputs.result).toBe('failed')
    })
  }, SLOW_TEST_MS)
})
