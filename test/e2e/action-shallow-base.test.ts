import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pullRequestPayload, runAction, TempRepo, useGitHubStandIn, type ActionRun } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'

/**
 * The built action on a pull request whose checkout has only the head (actions/checkout's
 * default fetch-depth 1): the base is derived from the head's scan and the REST API (compare,
 * then the touched files' contents at the base), served by the OpenAPI-checked stand-in from
 * a real git repository. What a user sees must be what the base's tarball gives and what a
 * checkout with the whole history gives.
 */
const github = useGitHubStandIn()

const chart = (version: string): string =>
  `apiVersion: v2\nname: team\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${version}\n    repository: https://charts.loft.sh\n`
const values = (tag: string): string =>
  `vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          repository: rancher/k3s\n          tag: ${tag}\n`
const kind = (tag: string): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:${tag}\n`
const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\n'

const START = {
  'clusters/dev/Chart.yaml': chart('0.22.1'),
  'clusters/dev/values.yaml': values('v1.31.4-k3s1'),
  'clusters/prod/Chart.yaml': chart('0.23.0'),
  'clusters/prod/values.yaml': values('v1.32.0-k3s1'),
  'hack/kind.yaml': kind('v1.31.4'),
  'apps/psp.yaml': psp,
  'docs/notes.md': '# notes\n'
}

/** Commit pairs: each change is committed on top of START, in a repository of its own. */
const PAIRS: Array<{ name: string; change: (repo: TempRepo) => void; derived: boolean }> = [
  { name: 'a modified file (k3s moves to 1.32)', change: (repo) => void repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1') }), derived: true },
  {
    name: 'an added and a removed file',
    change: (repo) => {
      repo.git('rm', '-q', 'clusters/prod/Chart.yaml', 'apps/psp.yaml')
      repo.commit({ 'clusters/stage/Chart.yaml': chart('0.20.0'), 'clusters/stage/values.yaml': values('v1.30.2-k3s1') })
    },
    derived: true
  },
  {
    name: 'renamed files, one unchanged and one edited',
    change: (repo) => {
      mkdirSync(join(repo.dir, 'ci'))
      mkdirSync(join(repo.dir, 'clusters', 'edge'))
      repo.git('mv', 'hack/kind.yaml', 'ci/kind.yaml')
      repo.git('mv', 'clusters/dev/Chart.yaml', 'clusters/edge/Chart.yaml')
      repo.commit({ 'clusters/edge/Chart.yaml': chart('0.24.0'), 'clusters/dev/values.yaml': values('v1.33.1-k3s1') })
    },
    derived: true
  },
  {
    name: 'a changed .gitignore (the base is read whole)',
    change: (repo) => void repo.commit({ '.gitignore': 'hack/\n', 'clusters/dev/values.yaml': values('v1.32.0-k3s1') }),
    derived: false
  }
]

let nextPull = 300

/** What a user sees of a run: exit code, outputs (SARIF by content), job summary, the pull request comment. */
function seen(run: ActionRun, pull: number): unknown {
  const { 'sarif-file': sarifFile, ...outputs } = run.outputs
  return {
    code: run.code,
    outputs,
    sarif: readFileSync(sarifFile!, 'utf8'),
    summary: run.summary,
    comment: github().comments.get(pull)?.map((comment) => comment.body)
  }
}

async function prRun(workspace: string, base: string, head: string, env: Record<string, string> = {}, inputs: Record<string, string> = {}) {
  const pull = nextPull++
  const run = await runAction({ workspace, eventName: 'pull_request', payload: pullRequestPayload(base, head, pull), apiUrl: github().url, sha: head, inputs, env })
  return { run, pull }
}

describe('dist/index.js on a shallow checkout: the base through the REST API', () => {
  for (const pair of PAIRS) {
    it(`gives the tarball's and the full history's report for ${pair.name}`, async () => {
      const repo = new TempRepo()
      const base = repo.commit(START, 'base')
      pair.change(repo)
      const head = repo.git('rev-parse', 'HEAD').trim()
      const shallow = repo.shallowCheckout(head)
      const sha = base.slice(0, 12)

      // The REST API, answering from the repository.
      github().repository = repo.dir
      github().tarballs.set(base, repo.tarball(base))
      const before = github().calls.length
      const api = await prRun(shallow, base, head)
      const calls = github().calls.slice(before)
      if (pair.derived) {
        expect(api.run.stdout).toMatch(new RegExp(`^base ${sha}: derived from the head's scan; \\d+ changed files? read through the REST API \\(\\d+ requests?\\)$`, 'm'))
        expect(calls.filter((call) => call.operationId === 'repos/download-tarball-archive')).toEqual([])
      } else {
        expect(api.run.stdout).toContain(`base ${sha}: not derived through the REST API, because the change touches .gitignore; its tarball is read instead`)
        expect(api.run.stdout).toContain(`base ${sha}: read through the REST API (the checkout does not have the commit)`)
        // No file's content: only the commit's tree, to check that the archive is the commit as git stores it.
        expect(calls.filter((call) => call.operationId === 'repos/get-content')).toEqual([])
        expect(calls.filter((call) => call.operationId === 'git/get-tree').map((call) => call.query)).toEqual([{ recursive: '1' }])
      }

      // Today's way: compare is not answered, so the base comes from its tarball.
      github().repository = undefined
      const tarball = await prRun(repo.shallowCheckout(head), base, head)
      expect(tarball.run.stdout).toContain(`base ${sha}: read through the REST API (the checkout does not have the commit)`)

      // The whole history: git has the base.
      const full = await prRun(repo.dir, base, head)
      expect(full.run.stdout).toMatch(new RegExp(`^base ${sha}: (derived from the head's scan; \\d+ changed files? read from git objects|scanned in full)`, 'm'))

      expect(seen(api.run, api.pull)).toEqual(seen(tarball.run, tarball.pull))
      expect(seen(api.run, api.pull)).toEqual(seen(full.run, full.pull))
      // The comparison is not empty: the pairs change what is found.
      expect(JSON.parse(api.run.outputs.findings!).some((finding: { status: string }) => finding.status !== 'unchanged')).toBe(true)
    })
  }

  it('with input "path" scanning a subdirectory, gives the tarball\'s report and asks only for files inside it', async () => {
    const repo = new TempRepo()
    const base = repo.commit(START, 'base')
    const head = repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1'), 'hack/kind.yaml': kind('v1.30.0'), 'docs/.gitignore': '*.tmp\n' })
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    const before = github().calls.length
    const api = await prRun(repo.shallowCheckout(head), base, head, {}, { path: 'clusters' })
    const contents = github().calls.slice(before).filter((call) => call.operationId === 'repos/get-content')
    expect(api.run.stdout).toContain(`base ${base.slice(0, 12)}: derived from the head's scan; 1 changed file read through the REST API (3 requests)`)
    expect(contents.map((call) => decodeURIComponent(call.path))).toEqual(['/repos/Codertocat/Hello-World/contents/clusters/dev/values.yaml'])

    github().repository = undefined
    const tarball = await prRun(repo.shallowCheckout(head), base, head, {}, { path: 'clusters' })
    expect(tarball.run.stdout).toContain(`base ${base.slice(0, 12)}: read through the REST API (the checkout does not have the commit)`)
    expect(seen(api.run, api.pull)).toEqual(seen(tarball.run, tarball.pull))
  })

  it('asks for one compare and the base content of each touched file the base has, downloads no tarball and writes nothing to a temporary folder', async () => {
    const repo = new TempRepo()
    const base = repo.commit(START, 'base')
    mkdirSync(join(repo.dir, 'ci'))
    repo.git('mv', 'hack/kind.yaml', 'ci/kind.yaml') // unchanged: its base content is the head's blob
    repo.git('rm', '-q', 'apps/psp.yaml')
    const head = repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1'), 'clusters/stage/Chart.yaml': chart('0.20.0') })
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    // No temporary folder exists: anything written there would fail the run.
    const missing = join(tempDir('kcg-no-temp-'), 'absent')
    const workspace = repo.shallowCheckout(head)
    const before = github().calls.length
    const { run } = await prRun(workspace, base, head, { RUNNER_TEMP: missing, TMPDIR: missing }, { 'sarif-file': 'gate.sarif' })

    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: derived from the head's scan; 5 changed files read through the REST API (4 requests)`)
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('::warning::could not read the base commit')
    const calls = github().calls.slice(before).filter((call) => call.operationId.startsWith('repos/'))
    expect(calls.map((call) => `${call.operationId} ${decodeURIComponent(call.path.split('/contents/')[1] ?? '')}`.trim()).sort()).toEqual([
      'repos/compare-commits',
      'repos/get-content apps/psp.yaml',
      'repos/get-content clusters/dev/values.yaml'
    ])
    expect(calls.every((call) => call.status === 200)).toBe(true)
    expect(calls.filter((call) => call.operationId === 'repos/get-content').map((call) => call.query)).toEqual([{ ref: base }, { ref: base }])
    expect(existsSync(missing)).toBe(false)
    const findings = JSON.parse(run.outputs.findings!) as Array<{ id: string; status: string }>
    expect(findings).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', status: 'new' }))
  })

  it('falls back to the tarball, and says why, when a contents request fails', async () => {
    const repo = new TempRepo()
    const base = repo.commit(START, 'base')
    const head = repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1') })
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    github().faults = [{ operationId: 'repos/get-content', status: 404, message: 'Not Found' }]
    const { run } = await prRun(repo.shallowCheckout(head), base, head)

    expect(run.stdout).toMatch(new RegExp(`^base ${base.slice(0, 12)}: not derived through the REST API, because the REST API answered: [^\\n]*Not Found[^\\n]*; its tarball is read instead$`, 'm'))
    expect(run.stdout).toContain(`base ${base.slice(0, 12)}: read through the REST API (the checkout does not have the commit)`)
    expect(JSON.parse(run.outputs['new-findings']!)).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', status: 'new' }))
  })
})

describe('dist/index.js: a contents answer that is not the base blob it names is not trusted (redteam S04)', () => {
  /** The seed bump in a shallow checkout, with GitHub's contents answer for the base's values file replaced by `answer(head bytes, base blob, head blob)`. */
  async function lyingContents(answer: (bytes: Buffer, baseBlob: string, headBlob: string) => Record<string, unknown>) {
    const repo = new TempRepo()
    const base = repo.commit(START, 'base')
    const head = repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1') })
    const bytes = Buffer.from(values('v1.32.0-k3s1'))
    const blob = (sha: string): string => repo.git('rev-parse', `${sha}:clusters/dev/values.yaml`).trim()
    const example = github().api.example('content-file-response-if-content-is-a-file')
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    github().faults = [{ operationId: 'repos/get-content', body: { ...example, name: 'values.yaml', path: 'clusters/dev/values.yaml', encoding: 'base64', ...answer(bytes, blob(base), blob(head)) } }]
    const { run } = await prRun(repo.shallowCheckout(head), base, head)
    return { run, base }
  }

  it.each([
    ["the head's bytes under the head's blob (the base cannot be the head for a modified file)", (bytes: Buffer, _: string, headBlob: string) => ({ sha: headBlob, size: bytes.length, content: bytes.toString('base64') }), /the base content of clusters\/dev\/values\.yaml is its head's, though the file is modified/],
    ["the head's bytes under the base's blob", (bytes: Buffer, baseBlob: string) => ({ sha: baseBlob, size: bytes.length, content: bytes.toString('base64') }), /the answer for clusters\/dev\/values\.yaml is not the blob it names/],
    ['bytes shorter than the size announced', (bytes: Buffer, baseBlob: string) => ({ sha: baseBlob, size: bytes.length + 10, content: bytes.toString('base64') }), /the answer for clusters\/dev\/values\.yaml is not the blob it names/]
  ])('%s: the base comes from its tarball instead, and the new error is new', async (_, answer, why) => {
    const { run, base } = await lyingContents(answer)
    expect(run.stdout).toMatch(new RegExp(`^base ${base.slice(0, 12)}: not derived through the REST API, because ${why.source}`, 'm'))
    expect(run.outputs.result).toBe('failed')
    expect(JSON.parse(run.outputs['new-findings']!)).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', status: 'new' }))
  })
})

describe('dist/index.js: a compare answer cut without saying so (redteam S07b)', () => {
  it('leaving out the declaring file: the trees tell, the base comes from its tarball with a warning, and the new error is new', async () => {
    const repo = new TempRepo()
    const base = repo.commit(START, 'base')
    const docs = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`docs/d${index}.md`, `x${index}\n`]))
    const head = repo.commit({ 'clusters/dev/values.yaml': values('v1.32.0-k3s1'), ...docs })
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    // Fewer than 300 files, so the answer does not look cut.
    github().compareFiles = (files) => files.filter((file) => !String(file.filename).startsWith('clusters/'))
    const { run } = await prRun(repo.shallowCheckout(head), base, head)

    expect(run.stdout).toMatch(new RegExp(`^::warning::base ${base.slice(0, 12)}: not derived through the REST API, because the compare answer leaves out "clusters/dev/values.yaml", which the base's tree and the head's tell apart; its tarball is read instead$`, 'm'))
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(JSON.parse(run.outputs['new-findings']!)).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', status: 'new' }))
  })
})

describe('dist/index.js: a renamed file git calls binary (redteam S09)', () => {
  it('takes its base content from the base, not from the head, though GitHub counts no changes for it', async () => {
    const repo = new TempRepo()
    const script = (tag: string): string => `#!/bin/sh\n# \0 kept by the team\nvcluster create dev --chart-version 0.22.1 --set controlPlane.distro.k3s.enabled=true --set controlPlane.distro.k3s.image.tag=${tag}\n`
    const base = repo.commit({ 'scripts/up.sh': script('v1.32.0-k3s1') }, 'base')
    mkdirSync(join(repo.dir, 'ci'))
    repo.git('mv', 'scripts/up.sh', 'ci/create.sh')
    const head = repo.commit({ 'ci/create.sh': script('v1.31.4-k3s1') }, 'rename and fix')
    github().repository = repo.dir
    github().tarballs.set(base, repo.tarball(base))
    const api = await prRun(repo.shallowCheckout(head), base, head)
    const full = await prRun(repo.dir, base, head)
    const fixed = (run: ActionRun) => (JSON.parse(run.outputs.findings!) as Array<{ id: string; status: string }>).filter((finding) => finding.status === 'fixed').map((finding) => finding.id)
    expect(fixed(full.run)).toContain('vcluster-qosclass-immutable-k8s-1.32')
    expect(fixed(api.run)).toEqual(fixed(full.run))
  })
})
