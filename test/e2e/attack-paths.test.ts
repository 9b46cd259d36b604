import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn, type ActionRun } from '../github/action-harness.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * A pull request author turns a path the gate reads (`path`, `config`, `database`) or writes
 * (`sarif-file`) into a symbolic link out of the workspace. Before, with `path: clusters` and
 * `clusters -> <outside>`, the gate scanned the outside folder and printed its text into the job
 * summary and the comment. Mounted on the built action with real git, real tar and the stand-in.
 */
const github = useGitHubStandIn()
const SECRET = 'OUTSIDE-SECRET-TOKEN-abc123'

/** A folder outside every workspace, holding a "chart" whose version is a secret. */
function outsideFolder(): string {
  const dir = tempDir('kcg-outside-')
  writeTree(dir, {
    'Chart.yaml': `apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${SECRET}\n    repository: https://charts.loft.sh\n`,
    'config.yml': `waivers:\n  - id: vcluster-qosclass-immutable-k8s-1.32\n    reason: ${SECRET}\n    expires: 2099-01-01\n`
  })
  return dir
}

/** The seed incident, then a pull request that adds the links. */
function attack(links: (outside: string) => Record<string, string>) {
  const outside = outsideFolder()
  const repo = new TempRepo()
  const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
  repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
  const head = repo.commitLinks(links(outside), 'links out')
  return { outside, repo, base, head }
}

function expectRefused(run: ActionRun, message: RegExp): void {
  expect(run.code).toBe(1)
  expect(run.outputs.result).toBe('failed')
  expect(run.stdout).toMatch(message)
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify([...github().comments.values()]), JSON.stringify(github().checkRuns)]) {
    expect(text).not.toContain(SECRET)
  }
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)
}

describe('dist/index.js refuses paths that leave the workspace', () => {
  it('pull_request: `path` turned into a link to a folder outside', async () => {
    const { outside, repo, base, head } = attack((dir) => ({ clusters: dir }))
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 301), apiUrl: github().url, sha: head, inputs: { path: 'clusters' } })
    expectRefused(run, new RegExp(`^::error::input "path" \\(clusters\\) is refused: it resolves to ${outside}, outside the workspace`, 'm'))
  })

  it('pull_request: `path` turned into a link to /', async () => {
    const { repo, base, head } = attack(() => ({ clusters: '/' }))
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 302), apiUrl: github().url, sha: head, inputs: { path: 'clusters' } })
    expectRefused(run, /^::error::input "path" \(clusters\) is refused: it resolves to \/, outside the workspace/m)
    expect(run.summary).toBe('')
  })

  it('pull_request: `path` of ../ or absolute outside the workspace', async () => {
    const { repo, base, head } = attack(() => ({}))
    for (const path of ['..', '/etc']) {
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 303), apiUrl: github().url, sha: head, inputs: { path } })
      expectRefused(run, new RegExp(`^::error::input "path" \\(${path.replace(/\./g, '\\.')}\\) is refused: it is outside the workspace`, 'm'))
    }
  })

  it('pull_request_target: the head commit (read from its tarball with tar) links `path` outside', async () => {
    const { outside, repo, base, head } = attack((dir) => ({ clusters: dir }))
    github().tarballs.set(head, repo.tarball(head))
    const run = await runAction({
      workspace: repo.shallowCheckout(base),
      eventName: 'pull_request_target',
      payload: pullRequestPayload(base, head, 304),
      apiUrl: github().url,
      sha: base,
      inputs: { path: 'clusters' }
    })
    expectRefused(run, new RegExp(`^::error::input "path" \\(clusters\\) is refused: it resolves to ${outside}, outside the files of commit ${head.slice(0, 12)}`, 'm'))
  })

  it('pull_request_target: a link in the middle of `path` (clusters/dev with clusters -> /)', async () => {
    const { repo, base, head } = attack(() => ({ clusters: '/' }))
    github().tarballs.set(head, repo.tarball(head))
    const run = await runAction({ workspace: tempDir('kcg-empty-'), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, 305), apiUrl: github().url, sha: base, inputs: { path: 'clusters/etc' } })
    expectRefused(run, /^::error::input "path" \(clusters\/etc\) is refused: it resolves to \/etc, outside the files of commit/m)
  })

  it('pull_request: `config` and `database` inputs that the checkout links outside', async () => {
    const { outside, repo, base, head } = attack((dir) => ({ 'gate.yml': join(dir, 'config.yml'), 'extra-db.yaml': join(dir, 'config.yml') }))
    const config = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 306), apiUrl: github().url, sha: head, inputs: { config: 'gate.yml' } })
    expectRefused(config, new RegExp(`^::error::input "config" \\(gate\\.yml\\) is refused: it resolves to ${outside}/config\\.yml, outside the workspace`, 'm'))
    const database = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 306), apiUrl: github().url, sha: head, inputs: { database: 'extra-db.yaml' } })
    expectRefused(database, /^::error::input "database" \(extra-db\.yaml\) is refused: it resolves to .*, outside the workspace/m)
  })

  it('pull_request: a `config` file inside whose database list leads outside', async () => {
    const outside = outsideFolder()
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'gate.yml': `database:\n  - ${join(outside, 'config.yml')}\n` }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 307), apiUrl: github().url, sha: head, inputs: { config: 'gate.yml' } })
    expectRefused(run, /^::error::cannot read database file .* that \.kube-compat-gate\.yml lists: it is outside the repository/m)
  })

  it('pull_request: `sarif-file` turned into a link is not written through', async () => {
    const { outside, repo, base, head } = attack((dir) => ({ 'reports/gate.sarif': join(dir, 'victim') }))
    writeFileSync(join(outside, 'victim'), 'untouched\n')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 308), apiUrl: github().url, sha: head, inputs: { 'sarif-file': 'reports/gate.sarif' } })
    expect(run.stdout).toMatch(/^::error::input "sarif-file" \(reports\/gate\.sarif\) is refused: it resolves to .*victim, outside the workspace/m)
    expect(run.outputs.result).toBe('failed')
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('untouched\n')
  })

  it('still scans a `path` that is a link inside the workspace', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
    const head = repo.commitLinks({ current: 'clusters' }, 'alias')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 309), apiUrl: github().url, sha: head, inputs: { path: 'current', comment: 'never' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
  })
})
