import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chart, mergeGroupPayload, pullRequestPayload, runAction, TempRepo, useGitHubStandIn } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'

/**
 * The built action on pull requests, against the OpenAPI-checked GitHub stand-in. The
 * repository is the seed incident: a PR moves the k3s virtual cluster to 1.32 while the
 * vcluster chart stays at 0.22.1.
 */
const github = useGitHubStandIn()

const ENTRY = 'vcluster-qosclass-immutable-k8s-1.32'
const PR = 2 // the number in the webhook example

/** The seed incident's findings in a JSON output; end-of-life and other entries come and go with the date. */
function seedFindings(json: string | undefined): Array<Record<string, unknown>> {
  return (JSON.parse(json ?? '[]') as Array<Record<string, unknown>>).filter((finding) => finding.id === ENTRY)
}

function bumpRepository() {
  const repo = new TempRepo()
  const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
  const head = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump k3s to 1.32')
  return { repo, base, head }
}

function prRun(workspace: string, base: string, head: string, inputs: Record<string, string> = {}, eventName = 'pull_request') {
  return runAction({ workspace, eventName, payload: pullRequestPayload(base, head), apiUrl: github().url, sha: head, inputs })
}

function commentsOn(number: number) {
  return github().comments.get(number) ?? []
}

describe('dist/index.js on a pull request', () => {
  it('fails a bump that introduces an error: annotation on the line, one comment, check run, outputs, SARIF; then a rerun edits the same comment', async () => {
    github().comments.clear()
    const { repo, base, head } = bumpRepository()
    const run = await prRun(repo.dir, base, head)

    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: derived from the head's scan; 1 changed file read from git objects`)
    expect(run.stdout).toMatch(
      new RegExp(`^::error title=\\(new\\) vcluster below 0\\.23\\.0-rc\\.\\d [^\\n]*\\[${ENTRY.replace(/\./g, '\\.')}\\],file=clusters/dev/Chart\\.yaml,line=6,col=14::vcluster 0\\.22\\.1`, 'm')
    )
    expect(run.stdout).toMatch(/^::error::kube-compat-gate failed: 1 new finding at or above fail-on "error"/m)
    expect(run.stdout).toContain('::add-mask::ghs_secretToken123')
    expect(run.stdout.replace('::add-mask::ghs_secretToken123', '')).not.toContain('ghs_secretToken123')

    const comments = commentsOn(PR)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('<!-- kube-compat-gate:pr-comment path=. -->')
    expect(comments[0]!.body).toContain('### kube-compat-gate: ❌ failed')
    expect(comments[0]!.body).toMatch(/#### New in this change \(\d+\)/)
    expect(comments[0]!.body).toContain(`[clusters/dev/Chart.yaml:6](https://github.com/Codertocat/Hello-World/blob/${head}/clusters/dev/Chart.yaml#L6)`)

    const check = github().checkRuns.at(-1)!
    expect(check.create).toMatchObject({ name: 'kube-compat-gate', head_sha: head, conclusion: 'failure' })
    expect((check.create.output as { annotations: unknown[] }).annotations).toContainEqual(
      expect.objectContaining({ path: 'clusters/dev/Chart.yaml', start_line: 6, annotation_level: 'failure', title: expect.stringContaining(ENTRY) })
    )

    expect(run.outputs.result).toBe('failed')
    expect(seedFindings(run.outputs['new-findings'])).toEqual([expect.objectContaining({ status: 'new' })])
    expect(run.outputs['error-count']).toBe('1')
    expect(run.outputs['new-error-count']).toBe('1')
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'))
    expect(sarif.runs[0].results).toContainEqual(expect.objectContaining({ ruleId: ENTRY, baselineState: 'new' }))
    expect(run.summary).toMatch(/### New in this change \(\d+\)/)
    // The declared combination is marked 📍 and each ❌ names its reasons by footnote letter.
    expect(run.summary).toMatch(/^\| 0\.22\.1 📍 \| ✅ \| ✅ \| 📍 ❌ [a-z,]+ \| ❌ [a-z,]+ \|$/m)
    expect(run.outputs['report-markdown']).toContain('## kube-compat-gate: ❌ failed')

    const rerun = await prRun(repo.dir, base, head)
    expect(rerun.code).toBe(1)
    expect(commentsOn(PR)).toHaveLength(1)
    expect(github().callsTo('issues/update-comment').at(-1)).toMatchObject({ status: 200, path: `/repos/Codertocat/Hello-World/issues/comments/${comments[0]!.id}` })
    expect(rerun.stdout).toContain('pull request comment: updated')

    // A new push to the same pull request fixes it: the same comment says the findings are gone.
    const fixed = repo.commit(chart('0.23.0', 'v1.32.0-k3s1'), 'vcluster 0.23.0')
    const later = await prRun(repo.dir, base, fixed)
    expect(later.code).toBe(0)
    expect(commentsOn(PR)).toHaveLength(1)
    expect(commentsOn(PR)[0]!.body).toContain('### kube-compat-gate: ✅ this change introduces no known incompatibilities any more')
    expect(github().violations).toEqual([])
  })

  it('passes a pull request that fixes a finding and reports it as fixed', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'broken')
    const head = repo.commit(chart('0.23.0', 'v1.32.0-k3s1'), 'fix')
    const payload = pullRequestPayload(base, head, 31)
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload, apiUrl: github().url, sha: head, inputs: { 'sarif-file': 'reports/gate.sarif' } })

    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/^::error/m)
    expect(run.outputs.result).toBe('passed')
    expect(seedFindings(run.outputs.findings)).toEqual([expect.objectContaining({ status: 'fixed' })])
    expect(seedFindings(run.outputs['new-findings'])).toEqual([])
    expect(run.outputs['error-count']).toBe('0')
    expect(run.outputs['new-error-count']).toBe('0')
    expect(run.summary).toMatch(/### Fixed by this change \(\d+\)/)
    expect(commentsOn(31)).toHaveLength(1)
    expect(commentsOn(31)[0]!.body).toMatch(/#### Fixed by this change \(\d+\)/)
    expect(github().checkRuns.at(-1)!.create).toMatchObject({ head_sha: head, conclusion: 'success' })
    expect(run.outputs['sarif-file']).toBe(join(repo.dir, 'reports', 'gate.sarif'))
    expect(JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).not.toContain(ENTRY)
  })

  it('with a read-only token (a fork), warns with the missing permission and still fails on the finding', async () => {
    github().faults = ['checks/create', 'issues/create-comment', 'issues/update-comment'].map((operationId) => ({ operationId, status: 403 }))
    const { repo, base, head } = bumpRepository()
    const payload = pullRequestPayload(base, head, 41)
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload, apiUrl: github().url, sha: head })

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::warning::kube-compat-gate could not create the kube-compat-gate check run: GitHub answered 403 \(Resource not accessible by integration[^\n]*"permissions: checks: write"/m)
    expect(run.stdout).toMatch(/^::warning::kube-compat-gate could not write the pull request comment: GitHub answered 403 [^\n]*"permissions: pull-requests: write"/m)
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
    expect(run.outputs.result).toBe('failed')
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /)
    expect(commentsOn(41)).toEqual([])
  })

  it('retries a 502 from GitHub and then publishes', async () => {
    github().faults = [
      { operationId: 'checks/create', status: 502, times: 1 },
      { operationId: 'issues/create-comment', status: 502, times: 1 }
    ]
    const { repo, base, head } = bumpRepository()
    const payload = pullRequestPayload(base, head, 51)
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload, apiUrl: github().url, sha: head })

    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('::warning::kube-compat-gate could not')
    const checkCalls = github().callsTo('checks/create').filter((call) => (call.body as { head_sha: string }).head_sha === head)
    expect(checkCalls.map((call) => call.status)).toEqual([502, 201])
    const commentCalls = github().callsTo('issues/create-comment').filter((call) => call.path.endsWith('/issues/51/comments'))
    expect(commentCalls.map((call) => call.status)).toEqual([502, 201])
    expect(commentsOn(51)).toHaveLength(1)
  })

  it('reads the base through the REST API when the checkout has only the head (fetch-depth 1)', async () => {
    const { repo, base, head } = bumpRepository()
    github().tarballs.set(base, repo.tarball(base))
    const workspace = repo.shallowCheckout(head)
    const run = await prRun(workspace, base, head, { comment: 'never' })

    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: read through the REST API`)
    expect(run.code).toBe(1)
    expect(seedFindings(run.outputs['new-findings'])).toEqual([expect.objectContaining({ status: 'new' })])
  })

  it('on pull_request_target reads the head as data from its commit, not the checked-out base', async () => {
    const { repo, base, head } = bumpRepository()
    github().tarballs.set(head, repo.tarball(head))
    const workspace = repo.shallowCheckout(base)
    const run = await prRun(workspace, base, head, { comment: 'never' }, 'pull_request_target')

    expect(run.stdout).toContain(`head ${head.slice(0, 12)}: read through the REST API`)
    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: read through git`)
    expect(run.code).toBe(1)
    expect(seedFindings(run.outputs['new-findings'])).toEqual([expect.objectContaining({ status: 'new' })])
  })

  it('on pull_request_target without any checkout reads both commits through the API', async () => {
    const { repo, base, head } = bumpRepository()
    github().tarballs.set(base, repo.tarball(base))
    github().tarballs.set(head, repo.tarball(head))
    const run = await prRun(tempDir('kcg-empty-'), base, head, { comment: 'never' }, 'pull_request_target')

    expect(run.stdout).toContain(`head ${head.slice(0, 12)}: read through the REST API`)
    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: read through the REST API`)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
  })

  it('does not fail on a finding the pull request did not introduce (fail-scope new), but fails with fail-scope all', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'already broken')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'README.md': 'docs\n' }, 'docs only')
    const scoped = await prRun(repo.dir, base, head, { comment: 'never' })
    expect(scoped.code).toBe(0)
    expect(seedFindings(scoped.outputs.findings)).toEqual([expect.objectContaining({ status: 'unchanged' })])
    // Still visible on the line, but as a notice: the pull request did not touch it and is not failing for it.
    expect(scoped.stdout).toMatch(/^::notice title=\(already present error\) vcluster below/m)
    expect(scoped.stdout).not.toMatch(/^::error title=/m)

    const all = await prRun(repo.dir, base, head, { comment: 'never', 'fail-scope': 'all' })
    expect(all.code).toBe(1)
  })

  it('suggests the minimum safe version on a vcluster line the pull request changed, once', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.21.0', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump vcluster and k3s together')
    const payload = pullRequestPayload(base, head, 61)
    const options = { workspace: repo.dir, eventName: 'pull_request', payload, apiUrl: github().url, sha: head, inputs: { 'suggest-fixes': 'true', comment: 'never' } }
    const run = await runAction(options)

    expect(run.code).toBe(1)
    const suggestions = github().reviewComments.get(61) ?? []
    expect(suggestions).toHaveLength(1)
    expect(suggestions[0]).toMatchObject({ path: 'clusters/dev/Chart.yaml', line: 6, commit_id: head })
    expect(suggestions[0]!.body).toContain('```suggestion\n    version: 0.23.0\n```')
    await runAction(options)
    expect(github().reviewComments.get(61)).toHaveLength(1)
    expect(github().violations).toEqual([])
  })

  /**
   * main: A (already broken) ── C (fixed on main)
   *          └── B (docs only, the pull request's branch)
   * The pull request did not bring the finding: it was there where the branch forked off (A).
   * Compared with main's tip (C) it would count as new and fail the gate.
   */
  function branchBehindMain() {
    const repo = new TempRepo()
    const fork = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'already broken')
    repo.git('checkout', '-q', '-b', 'docs')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'README.md': 'docs\n' }, 'docs only')
    repo.git('checkout', '-q', 'main')
    const tip = repo.commit(chart('0.23.0', 'v1.32.0-k3s1'), 'fixed on main')
    return { repo, fork, head, tip }
  }

  it('compares a branch behind main with where it forked off, found through git (pull_request_target)', async () => {
    const { repo, fork, head, tip } = branchBehindMain()
    const run = await prRun(repo.dir, tip, head, { comment: 'never' }, 'pull_request_target')

    expect(run.stdout).toContain(`the change forked off the base branch at ${fork.slice(0, 12)} (found through git)`)
    expect(run.stdout).toContain(`base ${fork.slice(0, 12)}: read through git`)
    expect(run.code).toBe(0)
    expect(seedFindings(run.outputs.findings)).toEqual([expect.objectContaining({ status: 'unchanged' })])
  })

  it('finds the fork point through the REST API when the checkout lacks the history', async () => {
    const { repo, fork, head, tip } = branchBehindMain()
    github().tarballs.set(head, repo.tarball(head))
    github().tarballs.set(fork, repo.tarball(fork))
    github().mergeBases.set(`${tip}...${head}`, fork)
    const run = await prRun(repo.shallowCheckout(tip), tip, head, { comment: 'never' }, 'pull_request_target')

    expect(github().callsTo('repos/compare-commits').at(-1)?.path).toBe(`/repos/Codertocat/Hello-World/compare/${tip}...${head}`)
    expect(run.stdout).toContain(`the change forked off the base branch at ${fork.slice(0, 12)} (found through the REST API)`)
    expect(run.stdout).toContain(`base ${fork.slice(0, 12)}: read through the REST API`)
    expect(run.code).toBe(0)
    expect(github().violations).toEqual([])
  })

  it('says so and compares with the tip when the fork point cannot be found', async () => {
    const { repo, head, tip } = branchBehindMain()
    github().tarballs.set(head, repo.tarball(head))
    const run = await prRun(repo.shallowCheckout(tip), tip, head, { comment: 'never' }, 'pull_request_target')

    expect(run.stdout).toMatch(new RegExp(`^::warning::could not find where ${head.slice(0, 12)} forked off the base branch \\(the REST API's compare answered: Not Found`, 'm'))
    expect(run.stdout).toContain(`base ${tip.slice(0, 12)}: read through git`)
    expect(run.code).toBe(1) // the finding counts as new against the tip, as the warning says
  })

  it('on pull_request with the head checked out instead of the test merge, compares with the fork point too', async () => {
    const { repo, fork, head, tip } = branchBehindMain()
    repo.git('checkout', '-q', 'docs')
    const testMerge = 'f'.repeat(40) // GITHUB_SHA names the test merge commit, which this checkout is not
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(tip, head), apiUrl: github().url, sha: testMerge, inputs: { comment: 'never' } })

    expect(run.stdout).toContain(`the change forked off the base branch at ${fork.slice(0, 12)} (found through git)`)
    expect(run.code).toBe(0)
  })

  it('on pull_request with the test merge checked out, compares with the base tip without asking', async () => {
    const { repo, base, head } = bumpRepository()
    const before = github().callsTo('repos/compare-commits').length
    const run = await prRun(repo.dir, base, head, { comment: 'never' })
    expect(run.stdout).not.toContain('forked off')
    expect(github().callsTo('repos/compare-commits')).toHaveLength(before)
  })

  it('in a merge queue compares base and head without a comment', async () => {
    const { repo, base, head } = bumpRepository()
    const before = github().callsTo('issues/create-comment').length
    const run = await runAction({ workspace: repo.dir, eventName: 'merge_group', payload: mergeGroupPayload(base, head), apiUrl: github().url, sha: head })
    expect(run.code).toBe(1)
    expect(seedFindings(run.outputs['new-findings'])).toEqual([expect.objectContaining({ status: 'new' })])
    expect(github().callsTo('issues/create-comment')).toHaveLength(before)
  })
})
