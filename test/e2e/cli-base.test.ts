import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/report.js'
import { chart, TempRepo } from '../github/action-harness.js'
import { runBundle } from '../helpers/run-bundle.js'

/** `scan --base REF` and `--format sarif` of the built CLI, in a git repository with two commits. */
describe('dist/cli.js scan --base', () => {
  function bump() {
    const repo = new TempRepo()
    repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    repo.git('tag', 'before')
    repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'bump')
    return repo
  }

  it('marks what the working tree introduces against the ref, and fails on it', () => {
    const repo = bump()
    const run = runBundle('cli', ['scan', repo.dir, '--base', 'before', '--format', 'json'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^base before \([0-9a-f]{12}\): read through git$/m)
    const report = JSON.parse(run.stdout) as Report
    expect(report.findings.filter((finding) => finding.id === 'vcluster-qosclass-immutable-k8s-1.32').map((finding) => finding.status)).toEqual(['new'])
    // End-of-life findings of versions the change did not touch were there before.
    expect(report.findings.filter((finding) => finding.id.endsWith('end-of-life')).every((finding) => finding.status === 'unchanged')).toBe(true)
  })

  it('passes when the finding was already there at the ref (only new findings fail)', () => {
    const repo = bump()
    repo.commit({ 'README.md': 'docs\n' }, 'docs')
    const run = runBundle('cli', ['scan', repo.dir, '--base', 'HEAD~1'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('[already present]')
    expect(run.stdout).toContain('0 new · 0 fixed · ')
  })

  it('--base REF... compares with where HEAD forked off REF, not with what REF gained since', () => {
    const repo = new TempRepo()
    repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'already broken')
    repo.git('checkout', '-q', '-b', 'docs')
    repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'README.md': 'docs\n' }, 'docs only')
    repo.git('checkout', '-q', 'main')
    repo.commit(chart('0.23.0', 'v1.32.0-k3s1'), 'fixed on main')
    repo.git('checkout', '-q', 'docs')

    const forked = runBundle('cli', ['scan', repo.dir, '--base', 'main...'])
    expect(forked.stderr).toMatch(/^base main\.\.\. \([0-9a-f]{12}, where HEAD forked off main\): read through git$/m)
    expect(forked.code).toBe(0)
    expect(forked.stdout).toContain('[already present]')
    // Against main's tip, the finding the branch never touched looks new.
    expect(runBundle('cli', ['scan', repo.dir, '--base', 'main']).code).toBe(1)
  })

  it('exits 2 with one line for "..." without a branch, and for refs with no common commit', () => {
    const repo = bump()
    const bare = runBundle('cli', ['scan', repo.dir, '--base', '...'])
    expect(bare.code).toBe(2)
    expect(bare.stderr.trim()).toBe('kube-compat-gate: --base ...: name the branch before the dots (--base origin/main...)')
    repo.git('checkout', '-q', '--orphan', 'unrelated')
    repo.commit({ 'README.md': 'other history\n' }, 'unrelated root')
    const apart = runBundle('cli', ['scan', repo.dir, '--base', 'main...'])
    expect(apart.code).toBe(2)
    expect(apart.stderr.trim()).toBe(`kube-compat-gate: --base main...: main and HEAD have no common commit in ${repo.dir} (a shallow clone? fetch more history)`)
  })

  it('exits 2 with one line for a ref that does not exist', () => {
    const repo = bump()
    const run = runBundle('cli', ['scan', repo.dir, '--base', 'no-such-ref'])
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toBe(`kube-compat-gate: --base no-such-ref: no such commit in ${repo.dir}`)
  })

  it('writes SARIF 2.1.0 with --format sarif', () => {
    const run = runBundle('cli', ['scan', bump().dir, '--format', 'sarif'])
    expect(run.code).toBe(1)
    const log = JSON.parse(run.stdout)
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'vcluster-qosclass-immutable-k8s-1.32', level: 'error' })
  })
})
