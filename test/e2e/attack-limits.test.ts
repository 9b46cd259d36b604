import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn } from '../github/action-harness.js'
import { runBundle, tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * Files a pull request controls, sized or shaped to cost the gate more than their text is
 * worth. Mounted on the built action and CLI (dist/), with real git and the loopback GitHub.
 */
const github = useGitHubStandIn()

/** An anchor and `count` aliases to it, the first alias on line 3. */
function aliasBomb(key: string, count: number): string {
  return ['x: &a [1, 2, 3]', `${key}:`, ...Array.from({ length: count }, () => '  - *a'), ''].join('\n')
}

describe('more than 100 aliases in a configuration or database file', () => {
  it('action: the pull request\'s .kube-compat-gate.yml is refused at the line of the 101st alias, without a stack trace', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.kube-compat-gate.yml': aliasBomb('exclude', 101) }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 701), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error::\S*\.kube-compat-gate\.yml:103: more than 100 aliases \(an alias bomb is refused\)$/m)
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)
  })

  it('CLI: scan and db validate name the file and line, exit 2', () => {
    const dir = tempDir('kcg-aliases-')
    writeTree(dir, { '.kube-compat-gate.yml': aliasBomb('exclude', 150), 'team-db.yaml': aliasBomb('entries', 101) })
    const scan = runBundle('cli', ['scan', dir], {}, dir)
    expect(scan.code).toBe(2)
    expect(scan.stderr).toMatch(/\.kube-compat-gate\.yml:103: more than 100 aliases/)
    const validate = runBundle('cli', ['db', 'validate', 'team-db.yaml'], {}, dir)
    expect(validate.code).toBe(2)
    expect(`${validate.stdout}${validate.stderr}`).toMatch(/^team-db\.yaml:103: more than 100 aliases/m)
    for (const run of [scan, validate]) expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
  })
})

describe('files sized to cost more than their text is worth', () => {
  it('the pull request cannot raise maxFileBytes past its ceiling: a problem at its line', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.kube-compat-gate.yml': 'failOn: error\nmaxFileBytes: 100000000\n' }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 702), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error::\S*\.kube-compat-gate\.yml:2: maxFileBytes: at most 8388608 \(8 MiB\)/m)
  })

  it('a .gitignore over 128 KiB (here 300 KB, its last line hiding the chart) is not applied, and a warning names it', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const patterns = Array.from({ length: 12_000 }, (_, i) => `**/dir${i}/**/*.tmp${i}`).join('\n')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/.gitignore': `${patterns}\ndev/\n` }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 703), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
    expect(run.stdout).toMatch(/^::warning title=kube-compat-gate%3A not read as written,file=clusters\/\.gitignore::not applied: \d+ bytes is over the 131072-byte limit for a \.gitignore/m)
  })

  it('a 127 KiB .gitignore of 4,000 wildcard patterns over 3,000 tracked files: git\'s list of tracked files answers first, and the verdict comes within the test\'s time (it took 90 s, redteam H09)', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const gitignore = `${Array.from({ length: 4_000 }, (_, i) => `**/a*${i}*b*c*/**/x?y[0-9]*z${i}*`).join('\n').slice(0, 127 * 1024)}\nclusters/\n`
    const files = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`f/d${i % 50}/a${'b'.repeat(30)}c${i}/x1y2z.yaml`, 'a: 1\n']))
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), '.gitignore': gitignore, ...files }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 704), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    // The last line names the tracked declaring folder: still read.
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
  }, 60_000)
})

/** A database file whose one entry has `signature` (line 9). */
function signatureFile(signature: string): string {
  return [
    'entries:',
    '  - id: team-evil',
    '    title: an entry with a hostile signature',
    '    severity: warning',
    '    category: team',
    '    when:',
    '      host: "<1.30.0-0"',
    '    signatures:',
    `      - '${signature}'`,
    '    remediation: Upgrade the host cluster to 1.30 or newer.',
    '    references: [https://example.org/runbook/x]',
    '    verified: "2026-11-01"',
    ''
  ].join('\n')
}

describe('signatures that would backtrack catastrophically', () => {
  it.each(['^(\\w+\\s?)*$', '(a+)+$', '(a|aa)+$', '(.*a){12}$', '^(([a-z])+.)+[A-Z]([a-z])+$'])('db validate refuses %s at its line, exit 2', (signature) => {
    const dir = tempDir('kcg-regex-')
    writeTree(dir, { 'evil.yaml': signatureFile(signature) })
    const run = runBundle('cli', ['db', 'validate', 'evil.yaml'], {}, dir)
    expect(run.code).toBe(2)
    expect(`${run.stdout}${run.stderr}`).toMatch(/^evil\.yaml:9:\d+: entries\.0\.signatures\.0: may take super-linear time on hostile evidence \((nested quantifier|alternation under a quantifier)/m)
  })

  it.each([
    ['a backreference', '(a+)\\1$'],
    ['a lookahead', '^(?=(a+)+)b']
  ])('db validate refuses %s, which the linear-time matcher cannot run, at its line, exit 2', (_, signature) => {
    const dir = tempDir('kcg-regex-')
    writeTree(dir, { 'evil.yaml': signatureFile(signature) })
    const run = runBundle('cli', ['db', 'validate', 'evil.yaml'], {}, dir)
    expect(run.code).toBe(2)
    expect(`${run.stdout}${run.stderr}`).toMatch(/^evil\.yaml:9:\d+: entries\.0\.signatures\.0: not an expression the linear-time matcher can run \(RE2 syntax: no backreferences or lookaround\)/m)
  })

  it('action: a pull request\'s database file with such a signature is refused at its line', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'compat/db.yaml': signatureFile('(a+)+$'), '.kube-compat-gate.yml': 'database: [compat/db.yaml]\n' }, 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 705), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error::\S*compat\/db\.yaml:9: entries\.0\.signatures\.0: may take super-linear time/m)
  })
})

