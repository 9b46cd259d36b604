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

  it('a change that stops loading the repository\'s own database names the file under "Could change the verdict" (redteam C10)', async () => {
    const repo = new TempRepo()
    const team = { '.kube-compat-gate.yml': 'database: [compat/team.yaml]\n', 'compat/team.yaml': replacingFile(false).replace(`id: ${SEED_ID}`, 'id: team-rule') }
    const base = repo.commit({ ...chart('0.22.1', 'v1.31.4-k3s1'), ...team }, 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.kube-compat-gate.yml': '# no team database\n' }, 'drop the team database')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 604), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    const dropped = "the base's configuration loaded the database file compat/team.yaml, and this change's does not: its entries are not checked"
    expect(run.stdout).toContain(`file=.kube-compat-gate.yml::${dropped}`)
    expect(run.summary).toContain(dropped)
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

  describe('line breaks that Go\'s YAML reader (helm, kubectl) takes and a YAML 1.2 reader does not (redteam E02, E03)', () => {
    for (const [name, separator] of [['NEL (U+0085)', '\u0085'], ['U+2028', '\u2028'], ['U+2029', '\u2029']] as const) {
      it(`a values file written with ${name} instead of LF is read as helm reads it: the seed bump fails`, async () => {
        const repo = new TempRepo()
        const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
        const values = chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']!.replace(/\n/g, separator)
        const head = repo.commit({ 'clusters/dev/values.yaml': values }, 'bump on one line as git sees it')
        const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 605), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
        failedOnSeed(run)
        // git and GitHub see one line: the tag is cited there.
        expect(run.outputs.findings).toContain('clusters/dev/values.yaml:1')
      })
    }
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

  describe('.gitattributes export-ignore / export-subst when the head is read from its archive (pull_request_target)', () => {
    /**
     * The seed bump plus `extra` files, the head served as git archive makes it (GitHub's archives
     * honour export-ignore and export-subst alike) and its tree by the git trees API stand-in.
     */
    async function archiveRun(extra: Record<string, string>, number: number, inputs: Record<string, string> = {}, seed = 'v1.32.0-k3s1'): Promise<ActionRun> {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', seed), ...extra }, 'bump and hide from archives')
      github().tarballs.set(head, repo.tarball(head))
      github().repository = repo.dir
      return runAction({ workspace: repo.shallowCheckout(base), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, number), apiUrl: github().url, sha: base, inputs: { comment: 'never', ...inputs } })
    }

    const HIDDEN = /^::error::could not read the head commit \w+, so there is nothing to decide on and the gate fails: the archive of commit \w+ is not the commit as git stores it: [^\n;]*\bclusters\/dev\/values\.yaml\b[^\n;]* missing from it/m

    it.each([
      ['a root .gitattributes that hides itself too', { '.gitattributes': 'clusters/dev/values.yaml export-ignore\n.gitattributes export-ignore\n' }, {}],
      ['a nested .gitattributes that hides itself too', { 'clusters/dev/.gitattributes': 'values.yaml export-ignore\n.gitattributes export-ignore\n' }, {}],
      ['a .gitattributes in a folder between the root and `path`, hiding itself', { 'clusters/.gitattributes': 'dev/values.yaml export-ignore\n.gitattributes export-ignore\n' }, { path: 'clusters/dev' }]
    ])('%s: the run fails closed, naming the file missing from the archive', async (_, extra, inputs) => {
      const run = await archiveRun(extra, 607, inputs)
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(HIDDEN)
    })

    it('the checkout has the head commit (fetch-depth: 0): its archive through git is compared with its tree alike', async () => {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/.gitattributes': 'values.yaml export-ignore\n.gitattributes export-ignore\n' }, 'bump and hide from archives')
      repo.git('checkout', '-q', base)
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request_target', payload: pullRequestPayload(base, head, 614), apiUrl: github().url, sha: base, inputs: { comment: 'never' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(/^::error::could not read the head commit \w+, so there is nothing to decide on and the gate fails: git archive of commit \w+ is not the commit as git stores it: [^\n;]*\bclusters\/dev\/values\.yaml\b[^\n;]* missing from it/m)
    })

    it('export-subst rewriting a declaring file: the run fails closed, naming it', async () => {
      const values = chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']!
      const run = await archiveRun({ 'clusters/dev/values.yaml': `${values}# $Format:%x00$\n`, 'clusters/dev/.gitattributes': 'values.yaml export-subst\n.gitattributes export-ignore\n' }, 608)
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(/is not the commit as git stores it: [^\n]*; clusters\/dev\/values\.yaml differs from the commit/m)
    })

    it('export-ignore on files outside `path` costs nothing: the head is judged on its files', async () => {
      const run = await archiveRun({ '.gitattributes': 'docs/ export-ignore\n.gitattributes export-ignore\n', 'docs/guide.md': 'hello\n' }, 610, { path: 'clusters' }, 'v1.31.5-k3s1')
      expect(run.outputs.result).toBe('passed')
      expect(run.stdout).not.toMatch(/^::error|is not the commit|could not/m)
      expect(github().callsTo('git/get-tree').at(-1)?.query).toEqual({ recursive: '1' })
    })

    it('a repository too large for one tree answer is listed down to `path`; one too large under `path` is refused, saying why', async () => {
      github().treeEntryLimit = 6 // the base and the seed's two files fit under clusters/, the whole tree does not
      const extra = { 'clusters/dev/.gitattributes': 'values.yaml export-ignore\n.gitattributes export-ignore\n', 'other/a': 'a\n', 'other/b': 'b\n', 'other/c': 'c\n' }
      const before = github().calls.length
      const walked = await archiveRun(extra, 611, { path: 'clusters' })
      expect(walked.stdout).toMatch(HIDDEN)
      const trees = github().calls.slice(before).filter((call) => call.operationId === 'git/get-tree')
      expect(trees.map((call) => call.query)).toEqual([{ recursive: '1' }, {}, { recursive: '1' }])
      github().treeEntryLimit = 2
      const refused = await archiveRun(extra, 612, { path: 'clusters' })
      expect(refused.outputs.result).toBe('failed')
      expect(refused.stdout).toMatch(/is not the commit as git stores it: GitHub lists at most 100,000 entries of a tree, and "clusters" of commit \w+ has more, so the archive cannot be compared with it/)
    })

    it('when GitHub cannot list the tree, the archive is still judged, with a warning (the verdict does not depend on the API)', async () => {
      github().faults = [
        { operationId: 'git/get-tree', status: 403 },
        { operationId: 'repos/get-content', status: 403 }
      ]
      const run = await archiveRun({ 'README.md': 'no attributes here\n' }, 609)
      expect(run.outputs.result).toBe('failed')
      expect(run.outputs.findings).toContain('vcluster-qosclass-immutable-k8s-1.32')
      expect(run.stdout).toMatch(/^::warning::could not list the tree of commit \w+ to compare its archive with it \(GitHub answered 403 [^\n]*\); the archive is read as it is/m)
      expect(run.stdout).toMatch(/^::warning::could not check the root \.gitattributes of commit \w+ for export-ignore\/export-subst \(GitHub answered 403 /m)
    })

    it('a file of `path` too large to be read is not unpacked: a warning names it and the rest is judged', async () => {
      const run = await archiveRun({ 'clusters/dev/huge.yaml': '0'.repeat(8 * 1024 * 1024 + 1) }, 613, { path: 'clusters' })
      failedOnSeed(run)
      expect(run.stdout).toMatch(/^::warning::clusters\/dev\/huge\.yaml of commit \w+ is not unpacked nor read: 8388609 bytes is over the 8388608 bytes a file may have to be read/m)
    })
  })

  describe('a pull request that moves its declaring folder where the walk does not go (redteam G04-G07)', () => {
    /** The seed bump, with clusters/dev turned into a submodule (a gitlink and .gitmodules; a recursive clone deploys what it holds). */
    function submodule() {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      repo.git('rm', '-r', '-q', 'clusters/dev')
      repo.git('update-index', '--add', '--cacheinfo', `160000,${base},clusters/dev`)
      const head = repo.commit({ '.gitmodules': '[submodule "clusters/dev"]\n\tpath = clusters/dev\n\turl = https://github.com/mallory/dev-cluster.git\n' }, 'a submodule')
      return { repo, base, head }
    }

    function failsNaming(run: ActionRun, place: RegExp): void {
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(place)
    }

    it('a submodule, full history: the folder is named as not read and the versions it held do not read as fixed', async () => {
      const { repo, base, head } = submodule()
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 621), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      failsNaming(run, /file=clusters\/dev::skipped: a git submodule whose files are not in the checkout \(submodule not read/)
      expect(run.stdout).toMatch(/^::warning title=kube-compat-gate%3A not read as written,file=clusters\/dev\/values\.yaml::declared versions at the base, and the change made it unreadable \(clusters\/dev: skipped: a git submodule/m)
    })

    it('a submodule, shallow checkout (base through the REST API): the same', async () => {
      const { repo, base, head } = submodule()
      github().repository = repo.dir
      github().tarballs.set(base, repo.tarball(base))
      const run = await runAction({ workspace: repo.shallowCheckout(head), eventName: 'pull_request', payload: pullRequestPayload(base, head, 622), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      failsNaming(run, /file=clusters\/dev::skipped: a git submodule[^\n]*submodule not read/)
    })

    for (const folder of ['vendor', '.terraform']) {
      it(`moved under ${folder}/ (which the walk skips) with the seed bump: the moved files are named as not read, and the gate fails`, async () => {
        const repo = new TempRepo()
        const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
        repo.git('mv', 'clusters', folder)
        const head = repo.commit({ [`${folder}/dev/values.yaml`]: chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']! }, `move under ${folder}/`)
        const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 623), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
        failsNaming(run, new RegExp(`file=${folder.replace('.', '\\.')}/dev/values\\.yaml::skipped: under ${folder.replace('.', '\\.')}/, which the scan does not read \\(not read\\); clusters/dev/values\\.yaml declared versions at the base`))
      })
    }

    it('an ordinary vendor/ folder that the change does not feed from a declaring file costs nothing', async () => {
      const repo = new TempRepo()
      const base = repo.commit({ ...chart('0.23.0', 'v1.31.4-k3s1'), 'vendor/lib/values.yaml': 'a: 1\n' }, 'base')
      const head = repo.commit({ ...chart('0.23.0', 'v1.32.0-k3s1'), 'vendor/lib/values.yaml': 'a: 2\n' }, 'bump')
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 624), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      expect(run.outputs.result).toBe('passed')
      expect(run.stdout).not.toMatch(/not read/)
    })
  })

  describe('a pull request that points a symbolic link on the way to `path` elsewhere (redteam S02)', () => {
    /** Base: `clusters -> deploy-a` (healthy), and `deploy-b` already holding the seed incident, unscanned. Head: `clusters -> deploy-b`. */
    function repointed() {
      const repo = new TempRepo()
      const move = (files: Record<string, string>, to: string) => Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^clusters\//, `${to}/`), text]))
      repo.commit({ ...move(chart('0.22.1', 'v1.31.4-k3s1'), 'deploy-a'), ...move(chart('0.22.1', 'v1.32.0-k3s1'), 'deploy-b') }, 'two deployments')
      const base = repo.commitLinks({ clusters: 'deploy-a' }, 'scan deploy-a')
      const head = repo.commitLinks({ clusters: 'deploy-b' }, 'scan deploy-b instead')
      return { repo, base, head }
    }

    function newSeedError(run: ActionRun): void {
      expect(run.outputs.result).toBe('failed')
      expect(JSON.parse(run.outputs['new-findings']!)).toContainEqual(expect.objectContaining({ id: SEED_ID, status: 'new' }))
      expect(run.stdout).toMatch(/^base \w+: input "path" goes through a symbolic link \(clusters\), which the change may point elsewhere, so the base is read whole$/m)
    }

    it('pull_request with the whole history: the base is its own `clusters`, and the error is new', async () => {
      const { repo, base, head } = repointed()
      newSeedError(await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 615), apiUrl: github().url, sha: head, inputs: { comment: 'never', path: 'clusters' } }))
    })

    it('pull_request on a shallow checkout: the same, through the base archive', async () => {
      const { repo, base, head } = repointed()
      github().repository = repo.dir
      github().tarballs.set(base, repo.tarball(base))
      newSeedError(await runAction({ workspace: repo.shallowCheckout(head), eventName: 'pull_request', payload: pullRequestPayload(base, head, 616), apiUrl: github().url, sha: head, inputs: { comment: 'never', path: 'clusters' } }))
    })

    it('pull_request_target: the head is its own `clusters` too', async () => {
      const { repo, base, head } = repointed()
      github().repository = repo.dir
      github().tarballs.set(base, repo.tarball(base))
      github().tarballs.set(head, repo.tarball(head))
      newSeedError(await runAction({ workspace: repo.shallowCheckout(base), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, 617), apiUrl: github().url, sha: base, inputs: { comment: 'never', path: 'clusters' } }))
    })
  })

  describe('a pull request that grows its declaring file past the read limit (redteam D17, T05)', () => {
    const values = chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']!
    const UNJUDGED = /^::warning title=kube-compat-gate%3A not read as written,file=clusters\/dev\/values\.yaml::declared versions at the base, and the change made it unreadable \(skipped: \d+ bytes is over the \d+-byte limit[^\n]*: the change cannot be judged, so the gate fails$/m

    it('pull_request: padded past maxFileBytes (2 MiB), the seed bump fails instead of passing as "cannot be decided"', async () => {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/values.yaml': `${values}${'# padding\n'.repeat(240_000)}` }, 'bump and pad')
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 618), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(UNJUDGED)
    })

    it('pull_request: the declaring file replaced by a Git LFS pointer fails the same way (its versions are not in the checkout)', async () => {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'0'.repeat(64)}\nsize ${values.length}\n`
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/values.yaml': pointer }, 'bump, stored in LFS')
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 620), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(/^::warning title=kube-compat-gate%3A not read as written,file=clusters\/dev\/values\.yaml::declared versions at the base, and the change made it unreadable \(skipped: a Git LFS pointer, not the file/m)
    })

    it('pull_request_target: padded past 8 MiB, left out of the unpacked archive, the same', async () => {
      const repo = new TempRepo()
      const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
      const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/values.yaml': `${values}${'# padding\n'.repeat(900_000)}` }, 'bump and pad')
      github().repository = repo.dir
      github().tarballs.set(head, repo.tarball(head))
      const run = await runAction({ workspace: repo.shallowCheckout(base), eventName: 'pull_request_target', payload: pullRequestPayload(base, head, 619), apiUrl: github().url, sha: base, inputs: { comment: 'never' } })
      expect(run.outputs.result).toBe('failed')
      expect(run.stdout).toMatch(UNJUDGED)
    })
  })
})
