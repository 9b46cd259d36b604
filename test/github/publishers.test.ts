import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/github/client.js'
import { describeWriteFailure } from '../../src/github/write-failure.js'
import type { CheckRunAnnotation } from '../../src/report/github/annotations.js'
import { publishAuditIssue } from '../../src/report/github/audit-issue.js'
import { publishCheckRun } from '../../src/report/github/check-run.js'
import { publishStickyComment } from '../../src/report/github/sticky-comment.js'
import { GitHubStandIn } from './stand-in.js'

/** The real Octokit (with retry and throttling) against the OpenAPI-checked stand-in. */
let standIn: GitHubStandIn
const warnings: string[] = []
const repository = { owner: 'Codertocat', repo: 'Hello-World' }
const client = () => createGitHubClient('ghs_test', { warning: (m) => warnings.push(m), debug: () => undefined }, standIn.url)

beforeAll(async () => {
  standIn = await GitHubStandIn.start()
})
afterAll(() => standIn.close())
beforeEach(() => {
  standIn.calls.length = 0
  standIn.faults = []
  warnings.length = 0
})

function annotations(count: number): CheckRunAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: 'clusters/dev/Chart.yaml',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'failure' as const,
    title: `finding ${i}`,
    message: 'vcluster 0.22.1 with virtual Kubernetes 1.32'
  }))
}

describe('the stand-in itself', () => {
  it('rejects a request that breaks the published description, as GitHub would', async () => {
    const bad = client().rest.checks.create({
      ...repository,
      name: 'x',
      head_sha: 'a'.repeat(40),
      output: { title: 't', summary: 's', annotations: [{ path: 'a', start_line: 1 } as unknown as CheckRunAnnotation] }
    })
    await expect(bad).rejects.toMatchObject({ status: 422 })
    expect(standIn.violations.at(-1)?.errors).toEqual(
      expect.arrayContaining([expect.stringContaining("must have required property 'end_line'"), expect.stringContaining("must have required property 'annotation_level'")])
    )
    standIn.violations.length = 0
  })
})

describe('publishCheckRun', () => {
  it('sends every annotation, at most 50 per request', async () => {
    const result = await publishCheckRun(client(), {
      ...repository,
      headSha: 'b'.repeat(40),
      passed: false,
      title: 'failed: 120 findings',
      summary: '## report',
      annotations: annotations(120),
      detailsUrl: undefined
    })
    expect(result.requests).toBe(3)
    const sent = [standIn.callsTo('checks/create'), standIn.callsTo('checks/update')].flat()
    expect(sent.map((call) => ((call.body as { output: { annotations: unknown[] } }).output.annotations.length))).toEqual([50, 50, 20])
    expect(standIn.callsTo('checks/create')[0]!.body).toMatchObject({ name: 'kube-compat-gate', status: 'completed', conclusion: 'failure' })
    expect(standIn.violations).toEqual([])
  })

  it('carries at most 500 annotations and says in the summary how many it left out (redteam: a 2,500-folder change kept the step publishing)', async () => {
    const result = await publishCheckRun(client(), {
      ...repository,
      headSha: 'c'.repeat(40),
      passed: false,
      title: 'failed',
      summary: '## report',
      annotations: annotations(2_500),
      detailsUrl: undefined
    })
    expect(result.requests).toBe(10)
    const sent = [standIn.callsTo('checks/create'), standIn.callsTo('checks/update')].flat()
    expect(sent).toHaveLength(10)
    const summary = (sent[0]!.body as { output: { summary: string } }).output.summary
    expect(summary).toMatch(/^> 2000 more locations are not annotated in this check run \(2000 failures; it carries the first 500, errors first\)/)
    expect(summary).toContain('## report')
    expect(standIn.violations).toEqual([])
  }, 60_000)
})

describe('publishStickyComment', () => {
  const input = (overrides: Partial<Parameters<typeof publishStickyComment>[1]> = {}) => ({
    ...repository,
    number: 7,
    mode: 'on-findings' as const,
    marker: '<!-- marker -->',
    login: 'github-actions[bot]',
    warning: (message: string) => warnings.push(message),
    hasFindings: true,
    render: (previous: boolean) => `<!-- marker -->\n${previous ? 'again' : 'first'}`,
    ...overrides
  })

  it('creates one comment, then edits it in place', async () => {
    expect(await publishStickyComment(client(), input())).toBe('created')
    expect(await publishStickyComment(client(), input())).toBe('updated')
    expect(standIn.comments.get(7)).toHaveLength(1)
    expect(standIn.comments.get(7)![0]!.body).toBe('<!-- marker -->\nagain')
  })

  it('with on-findings, writes nothing for a clean change that never had a comment', async () => {
    expect(await publishStickyComment(client(), input({ number: 8, hasFindings: false }))).toBe('skipped')
    expect(standIn.comments.get(8)).toBeUndefined()
  })

  it('with never, does not even read the comments', async () => {
    expect(await publishStickyComment(client(), input({ mode: 'never' }))).toBe('skipped')
    expect(standIn.calls).toEqual([])
  })

  it('retries a 502 and succeeds', async () => {
    standIn.faults = [{ operationId: 'issues/create-comment', status: 502, times: 1 }]
    expect(await publishStickyComment(client(), input({ number: 9 }))).toBe('created')
    expect(standIn.callsTo('issues/create-comment').map((call) => call.status)).toEqual([502, 201])
    expect(standIn.comments.get(9)).toHaveLength(1)
  })

  it('does not retry a 403, and the failure names the missing permission', async () => {
    standIn.faults = [{ operationId: 'issues/create-comment', status: 403 }]
    const error = await publishStickyComment(client(), input({ number: 10 })).catch((e: unknown) => e)
    expect(standIn.callsTo('issues/create-comment')).toHaveLength(1)
    const message = describeWriteFailure('write the pull request comment', 'pull-requests: write', error)
    expect(message).toContain('GitHub answered 403 (Resource not accessible by integration')
    expect(message).toContain('"permissions: pull-requests: write"')
    expect(message).not.toContain('ghs_test')
  })
})

describe('publishAuditIssue', () => {
  const audit = (hasFindings: boolean, marker = '<!-- audit -->') => ({
    ...repository,
    marker,
    login: 'github-actions[bot]',
    title: 'kube-compat-gate: 1 known incompatibility',
    body: hasFindings ? 'one finding' : 'clean',
    hasFindings,
    cleanMessage: 'clean now; closing',
    runUrl: undefined
  })

  it('opens one issue, updates it in place, and closes it with a comment when clean', async () => {
    expect((await publishAuditIssue(client(), audit(true))).outcome).toBe('created')
    expect((await publishAuditIssue(client(), audit(true))).outcome).toBe('updated')
    expect(standIn.issues.filter((issue) => issue.state === 'open')).toHaveLength(1)
    const closed = await publishAuditIssue(client(), audit(false))
    expect(closed.outcome).toBe('closed')
    const issue = standIn.issues.find((candidate) => candidate.number === closed.number)!
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(standIn.comments.get(closed.number!)?.map((c) => c.body)).toEqual(['clean now; closing'])
    expect((await publishAuditIssue(client(), audit(false))).outcome).toBe('none')
    // A later finding opens a new issue; the label already exists (422) and that is fine.
    expect((await publishAuditIssue(client(), audit(true))).outcome).toBe('created')
    expect(standIn.callsTo('issues/create-label').map((call) => call.status)).toEqual([201, 422])
    expect(standIn.violations).toEqual([])
  })
})
