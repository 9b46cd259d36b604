import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { readInputs } from '../../src/config/inputs.js'
import { readEventContext } from '../../src/github/event.js'

const require = createRequire(import.meta.url)
const EXAMPLES = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>
const example = (name: string) => EXAMPLES.find((e) => e.name === name)!.examples[0]!
const env = { GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '7' }

describe('readEventContext (real webhook payloads)', () => {
  it.each([
    ['pull_request', 'pr', true],
    ['pull_request_target', 'pr', false],
    ['merge_group', 'pr', true],
    ['push', 'audit', true],
    ['workflow_dispatch', 'audit', true],
    ['schedule', 'audit', true]
  ] as const)('%s runs in %s mode; head in the workspace: %s', async (eventName, mode, headInWorkspace) => {
    const payload = eventName === 'pull_request_target' ? example('pull_request') : eventName === 'schedule' ? { schedule: '0 5 * * 1' } : example(eventName)
    const context = await readEventContext({ eventName, payload, env, mode: 'auto' })
    expect(context.mode).toBe(mode)
    expect(context.headInWorkspace).toBe(headInWorkspace)
    expect(context).toMatchObject({ owner: 'Codertocat', repo: 'Hello-World', runUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/7' })
  })

  it.each([
    ['pull_request from the repository itself', 'pull_request', undefined, undefined],
    ['pull_request from a fork', 'pull_request', 'mallory/Hello-World', 'the pull request comes from the fork mallory/Hello-World'],
    ['pull_request from a deleted fork', 'pull_request', null, 'the pull request comes from the fork (deleted)'],
    ['pull_request_target, whatever the head', 'pull_request_target', undefined, "the run is on pull_request_target, whose head is the pull request author's"]
  ] as const)('says whose files the head holds: %s', async (_, eventName, headRepo, expected) => {
    const payload = structuredClone(example('pull_request')) as { pull_request: { head: { repo: unknown } } }
    if (headRepo === null) payload.pull_request.head.repo = null
    else if (headRepo) payload.pull_request.head.repo = { ...(payload.pull_request.head.repo as object), full_name: headRepo }
    expect((await readEventContext({ eventName, payload, env, mode: 'auto' })).untrustedHead).toBe(expected)
  })

  it('says so in audit mode too: mode audit on pull_request_target, and a fork\'s workflow_run that lists no pull request', async () => {
    expect((await readEventContext({ eventName: 'pull_request_target', payload: example('pull_request'), env, mode: 'audit' })).untrustedHead).toBe("the run is on pull_request_target, whose head is the pull request author's")
    const run = structuredClone(example('workflow_run')) as { workflow_run: { pull_requests: unknown[]; head_repository: { full_name: string }; repository: { full_name: string } } }
    run.workflow_run.pull_requests = []
    run.workflow_run.head_repository = { ...run.workflow_run.head_repository, full_name: 'mallory/Hello-World' }
    const context = await readEventContext({ eventName: 'workflow_run', payload: run, env, mode: 'auto' })
    expect(context.mode).toBe('audit')
    expect(context.untrustedHead).toBe('the run follows a workflow of the fork mallory/Hello-World')
  })

  it('takes the base and head commits of a pull request from the payload', async () => {
    const payload = example('pull_request') as { pull_request: { number: number; base: { sha: string }; head: { sha: string } } }
    const context = await readEventContext({ eventName: 'pull_request', payload, env, mode: 'auto' })
    expect(context.change).toEqual({ number: payload.pull_request.number, baseSha: payload.pull_request.base.sha, headSha: payload.pull_request.head.sha })
  })

  it.each([
    ['from a pull request', 1, 'pr'],
    ['with no pull request listed (GitHub leaves the list empty for forks)', 0, 'audit']
  ] as const)('takes a workflow_run %s to mode %s', async (_, listed, mode) => {
    const runs = EXAMPLES.find((e) => e.name === 'workflow_run')!.examples
    const payload = runs.find((e) => (e.workflow_run as { pull_requests: unknown[] }).pull_requests.length === listed)!
    const context = await readEventContext({ eventName: 'workflow_run', payload, env, mode: 'auto' })
    expect(context.mode).toBe(mode)
    if (mode === 'pr') expect(context).toMatchObject({ change: { number: 2 }, headInWorkspace: false })
  })

  it('audits a pull request when mode is audit', async () => {
    expect((await readEventContext({ eventName: 'pull_request', payload: example('pull_request'), env, mode: 'audit' })).mode).toBe('audit')
  })

  it('refuses mode pr on an event without a pull request, naming the input', async () => {
    await expect(readEventContext({ eventName: 'push', payload: example('push'), env, mode: 'pr' })).rejects.toThrow(/input "mode" is "pr" but the "push" event carries no pull request/)
  })
})

describe('readInputs', () => {
  const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '')

  it('applies the documented defaults', () => {
    expect(read({})).toEqual({
      path: '.',
      githubToken: '',
      failOn: 'error',
      failScope: undefined,
      comment: 'on-findings',
      configFile: undefined,
      databaseFiles: [],
      sarifFile: undefined,
      suggestFixes: false,
      mode: 'auto',
      strict: false,
      targets: []
    })
  })

  it('reads strict and the what-if targets, one per line or comma-separated', () => {
    expect(read({ strict: 'true', targets: 'kubernetes=1.34, vcluster=0.30.0\nhost=1.33' })).toMatchObject({
      strict: true,
      targets: [
        { key: 'kubernetes', version: '1.34' },
        { key: 'vcluster', version: '0.30.0' },
        { key: 'host', version: '1.33' }
      ]
    })
    expect(() => read({ targets: 'k8s=1.34' })).toThrow('input "targets" "k8s=1.34"')
  })

  it('parses every input', () => {
    expect(
      read({ path: 'clusters', config: 'ci/gate.yml', 'fail-on': 'warning', 'fail-scope': 'all', comment: 'never', database: 'a.yaml\n\n b.yaml ', 'sarif-file': 'out.sarif', 'suggest-fixes': 'true', mode: 'pr' })
    ).toMatchObject({ path: 'clusters', configFile: 'ci/gate.yml', failOn: 'warning', failScope: 'all', comment: 'never', databaseFiles: ['a.yaml', 'b.yaml'], sarifFile: 'out.sarif', suggestFixes: true, mode: 'pr' })
  })

  it.each([
    ['fail-scope', 'some', 'input "fail-scope" must be one of new, all (got "some")'],
    ['comment', 'sometimes', 'input "comment" must be one of always, on-findings, never (got "sometimes")'],
    ['suggest-fixes', 'yes', 'input "suggest-fixes" must be true or false (got "yes")'],
    ['mode', 'diff', 'input "mode" must be one of auto, pr, audit (got "diff")']
  ])('names the input in the error for a bad %s', (name, value, message) => {
    expect(() => read({ [name]: value })).toThrow(message)
  })
})
