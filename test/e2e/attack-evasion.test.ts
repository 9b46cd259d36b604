import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn, type ActionRun } from '../github/action-harness.js'
import { writeTree } from '../helpers/run-bundle.js'

/**
 * A pull request that brings in the seed incident (vcluster 0.22.1 on Kubernetes 1.32) and, in
 * the same change, tries to turn the failure into a quiet pass. Mounted on the built action
 * (dist/index.js) with real git, real tar and the loopback GitHub stand-in.
 */
const github = useGitHubStandIn()

const SEED_ID = 'vcluster-qosclass-immutable-k8s-1.32'

/** An entry with the seed incident's id that never fires. */
function replacingFile(replaces: boolean): string {
  return [
    ...(replaces ? [`replaces: [${SEED_ID}]`] : []),
    'entries:',
    `  - id: ${SEED_ID}`,
    '    title: a harmless entry that never fires',
    '    severity: warning',
    '    category: team',
    '    when:',
    '      vcluster: "<0.0.1"',
    '    remediation: Nothing to do here at all.',
    '    references: [https://example.org/never]',
    '    verified: "2026-11-01"',
    ''
  ].join('\n')
}

function failedOnSeed(run: ActionRun): void {
  expect(run.outputs.result).toBe('failed')
  expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
}

describe('dist/index.js: a pull request cannot quietly turn its failure into a pass', () => {
  it('a database file of the pull request with a bundled id does not replace it, and says so at its line', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.kube-compat-gate.yml': 'database:\n  - team-db.yaml\n', 'team-db.yaml': replacingFile(false) }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 601), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    failedOnSeed(run)
    expect(run.stdout).toMatch(new RegExp(`^::warning title=kube-compat-gate%3A not read as written,file=team-db\\.yaml,line=2::entry "${SEED_ID}" has the id of a bundled entry and was not used`, 'm'))
  })

  it('with `replaces:` the replacement is made, and is a warning every run shows', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.kube-compat-gate.yml': 'database:\n  - team-db.yaml\n', 'team-db.yaml': replacingFile(true) }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 602), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.stdout).toMatch(new RegExp(`^::warning title=kube-compat-gate%3A not read as written,file=team-db\\.yaml,line=3::entry "${SEED_ID}" replaces the bundled entry`, 'm'))
    expect(run.summary).toContain(`replaces the bundled entry`)
  })

  it('an unrelated key nested 201 levels deep in the values file costs that key, not the versions beside it', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const values = chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']!
    const nested = Array.from({ length: 201 }, (_, level) => `${'  '.repeat(level + 1)}level${level}:`).join('\n')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/values.yaml': `${values}unrelated:\n${nested} deep\n` }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 603), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    failedOnSeed(run)
    expect(run.stdout).toMatch(/^::warning title=kube-compat-gate%3A not read as written,file=clusters\/dev\/values\.yaml,line=110::YAML a part nested more than 200 levels deep/m)
  })

  describe('a .gitignore that names the tracked declaring files', () => {
    /** The seed bump, and in the same change a nested .gitignore that names every file beside it (the files stay tracked). */
    function hidingRepository() {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/.gitignore': '*\n!.gitignore\n' }, 'bump and hide')
      expect(repo.git('ls-files', 'clusters')).toContain('clusters/dev/values.yaml')
      return { repo, base, head }
    }

    it('pull_request (the checkout): the tracked files are read', async () => {
      const { repo, base, head } = hidingRepository()
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 604), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      failedOnSeed(run)
    })

    it('pull_request_target (the head read from its archive): every file of the commit is read', async () => {
      const { repo, base, head } = hidingRepository()
      github().tarballs.set(head, repo.tarball(head))
      const run = await runAction({ workspace: repo.shallowCheckout(base), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, 605), apiUrl: github().url, sha: base, inputs: { comment: 'never' } })
      failedOnSeed(run)
    })

    it('an untracked file that .gitignore names is still not read (the checkout of a plain build output)', async () => {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.23.0', 'v1.32.0-k3s1'), '.gitignore': 'generated/\n' }, 'fix')
      writeTree(repo.dir, { 'generated/Chart.yaml': chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/Chart.yaml']! })
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 606), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      expect(run.stdout).not.toMatch(/file=generated\//)
    })
  })

  describe('.gitattributes export-ignore when the head is read from its archive (pull_request_target)', () => {
    /** The seed bump, with the values file marked export-ignore (by `attributes` at `where`), served as git archive makes it (GitHub's archives honour it alike). */
    async function archiveRun(where: string, attributes: string, number: number): Promise<ActionRun> {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), [where]: attributes }, 'bump and hide from archives')
      github().tarballs.set(head, repo.tarball(head))
      github().repository = repo.dir
      try {
        return await runAction({ workspace: repo.shallowCheckout(base), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, number), apiUrl: github().url, sha: base, inputs: { comment: 'never' } })
      } finally {
        github().repository = undefined
      }
    }

    it('a root .gitattributes that hides itself too: the run fails closed and says why', async () => {
      const run = await archiveRun('.gitattributes', 'clusters/dev/values.yaml export-ignore\n.gitattributes export-ignore\n', 607)
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(/^::error::could not read the head commit \w+, so there is nothing to decide on and the gate fails: the archive of commit \w+ is not the commit as git stores it: \.gitattributes marks paths export-ignore/m)
    })

    it('when GitHub cannot answer for the root .gitattributes, the archive is still judged, with a warning (the verdict does not depend on the API)', async () => {
      github().faults = [{ operationId: 'repos/get-content', status: 500, message: 'Server Error' }]
      try {
        const run = await archiveRun('README.md', 'no attributes here\n', 609)
        expect(run.outputs.result).toBe('failed')
        expect(run.outputs.findings).toContain('vcluster-qosclass-immutable-k8s-1.32')
        expect(run.stdout).toMatch(/^::warning::could not check the root \.gitattributes of commit \w+ for export-ignore\/export-subst \(GitHub answered 500\)/m)
      } finally {
        github().faults = []
      }
    })

    it('a nested .gitattributes: the same', async () => {
      const run = await archiveRun('clusters/.gitattributes', 'dev/values.yaml export-ignore\n', 608)
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(/is not the commit as git stores it: clusters\/\.gitattributes marks paths export-ignore/m)
    })
  })
})

