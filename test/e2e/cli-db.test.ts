import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { DatabaseListing } from '../../src/cli/db.js'
import type { Report } from '../../src/report/report.js'
import { runBundle, tempDir, writeTree } from '../helpers/run-bundle.js'

const FAILING = 'examples/vcluster-upgrade-to-1.32'

const VALID_ENTRY = `entries:
  - id: team-runtimeclass-gvisor
    title: gVisor RuntimeClass breaks the sidecar on old hosts
    severity: warning
    category: team
    when:
      host: "<1.30.0-0"
    remediation: Upgrade the host cluster to 1.30 or newer.
    references: [https://example.org/runbook/gvisor]
    verified: "2026-11-01"
    examples:
      affected: [{ host: "1.29.4" }]
      unaffected: [{ host: "1.30.0" }]
`

describe('kube-compat-gate db', () => {
  it('db list --format json gives the version, date and every entry with its id, severity and references', () => {
    const run = runBundle('cli', ['db', 'list', '--format', 'json'])
    expect(run.code).toBe(0)
    const listing = JSON.parse(run.stdout) as DatabaseListing
    expect(listing.version).toMatch(/\S/)
    expect(listing.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(listing.newest).toEqual({ kubernetes: expect.stringMatching(/^1\.\d+$/), vcluster: expect.stringMatching(/^0\.\d+$/), kind: expect.stringMatching(/^0\.\d+\.\d+$/) })
    // Each newest release says which entry's table holds it; kind releases known only by their default image are listed apart.
    expect(listing.newestFrom.kind).toEqual({ entry: 'kind-node-image-not-built-for-release', verified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(listing.newestFrom.kubernetes?.entry).toMatch(/\S/)
    expect(listing.kindDefaultImageOnly).toContainEqual({
      kind: '0.32.0',
      image: expect.stringMatching(/^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/),
      source: { repository: 'kubernetes-sigs/kind', commit: expect.stringMatching(/^[0-9a-f]{40}$/), path: 'pkg/apis/config/defaults/image.go' }
    })
    expect(listing.kindDefaultImageOnly.map((release) => release.kind)).not.toContain(listing.newest.kind)
    expect(listing.entries.length).toBeGreaterThanOrEqual(30)
    expect(listing.entries).toContainEqual(
      expect.objectContaining({
        id: 'vcluster-qosclass-immutable-k8s-1.32',
        severity: 'error',
        references: expect.arrayContaining(['https://github.com/loft-sh/vcluster/issues/2472'])
      })
    )
  })

  it('db list in text names the database and one line per entry', () => {
    const run = runBundle('cli', ['db', 'list'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^database \S+ \(\d{4}-\d{2}-\d{2}\), \d+ entries\nnewest releases it judges: Kubernetes 1\.\d+, vcluster 0\.\d+, kind 0\.\d+\.\d+\n/)
    expect(run.stdout).toMatch(/^ {2}kind 0\.\d+\.\d+: from the entry kind-node-image-not-built-for-release \(verified \d{4}-\d{2}-\d{2}\)$/m)
    expect(run.stdout).toMatch(/^ {2}kind 0\.32\.0: newest release whose default node image is known, from kubernetes-sigs\/kind pkg\/apis\/config\/defaults\/image\.go at v0\.32\.0 \(commit [0-9a-f]{12}\)/m)
    expect(run.stdout).toMatch(/^runc-cgroup-v1-unable-to-freeze +warning +runc 1\.1\.8/m)
  })

  it('db explain shows everything about one entry', () => {
    const run = runBundle('cli', ['db', 'explain', 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('severity:    error')
    // The affected range stops before the first pre-release of each branch that carries the fix.
    expect(run.stdout).toMatch(/vcluster <0\.35\.3-rc\.1 \|\| >=0\.36\.0-0 <0\.36\.1-rc\.1 \|\| >=0\.37\.0-0 <0\.37\.0-alpha\.1/)
    expect(run.stdout).toContain('https://github.com/loft-sh/vcluster/issues/3578')
    expect(run.stdout).toContain('Remediation:')
  })

  it('db explain shows the upgrade path the advisor computes for the entry\'s affected examples', () => {
    const run = runBundle('cli', ['db', 'explain', 'vcluster-qosclass-immutable-k8s-1.32', '--date', '2026-12-07'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Upgrade path (the advisor, from the whole database on 2026-12-07, for the affected examples):')
    // k3s users are told to switch the distribution, and where k3s alone ends.
    expect(run.stdout).toMatch(/→ virtual cluster k8s 1\.\d+, vcluster 0\.\d+\.\d+; keeping k3s: vcluster 0\.23\.0 \(past end of life\)\n {6}from vcluster 0\.22\.1, virtual k3s 1\.32\.0/)
  })

  it('db explain of an unknown id exits 2 and suggests close ids', () => {
    const run = runBundle('cli', ['db', 'explain', 'vcluster-k0s'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no database entry "vcluster-k0s" (did you mean vcluster-k0s-')
  })

  it('db validate accepts a good file', () => {
    const dir = tempDir()
    writeTree(dir, { 'team.yaml': VALID_ENTRY })
    const run = runBundle('cli', ['db', 'validate', join(dir, 'team.yaml')])
    expect(run).toMatchObject({ code: 0, stdout: `${join(dir, 'team.yaml')}: 1 entry valid\n` })
  })

  it('db validate names the file and line of every problem and exits 2', () => {
    const dir = tempDir()
    const bad = VALID_ENTRY.replace('references: [https://example.org/runbook/gvisor]', 'references: [http://example.org/runbook]')
      .replace('host: "<1.30.0-0"', 'host: "<1.30.0-0"\n      hots: "1.2"')
    writeTree(dir, { 'bad.yaml': bad })
    const run = runBundle('cli', ['db', 'validate', join(dir, 'bad.yaml')])
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toContainEqual(expect.stringMatching(/bad\.yaml:8:\d+: entries\.0\.when\.hots: unknown key "hots"/))
    expect(lines).toContainEqual(expect.stringMatching(/bad\.yaml:10:\d+: entries\.0\.references\.0: must be an https URL/))
  })

  it('db validate reports an example that does not behave as written', () => {
    const dir = tempDir()
    writeTree(dir, { 'wrong.yaml': VALID_ENTRY.replace('unaffected: [{ host: "1.30.0" }]', 'unaffected: [{ host: "1.29.9" }]') })
    const run = runBundle('cli', ['db', 'validate', join(dir, 'wrong.yaml')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/wrong\.yaml:13:\d+: team-runtimeclass-gvisor: examples\.unaffected\.0: fires on host 1\.29\.9, but is listed as unaffected/)
  })
})

describe('kube-compat-gate scan with a configuration file and a date', () => {
  function repoWithConfig(config: string): string {
    const dir = tempDir()
    writeTree(dir, {
      'clusters/dev/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: 0.22.1\n',
      'clusters/dev/values.yaml': 'vcluster:\n  controlPlane:\n    distro:\n      k8s:\n        version: v1.32.0\n',
      'clusters/dev/apps/cron.yaml': 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n',
      '.kube-compat-gate.yml': config
    })
    return dir
  }

  it('reports a waived finding as waived, and the gate passes', () => {
    const dir = repoWithConfig(
      'waivers:\n  - id: vcluster-qosclass-immutable-k8s-1.32\n    reason: tenant upgrade scheduled\n    owner: platform\n    expires: 2027-01-01\n  - id: api-removed-in-1.25\n    paths: ["clusters/dev/apps/**"]\n    reason: migrated next sprint\n    owner: team-a\n    expires: 2027-01-01\n'
    )
    const run = runBundle('cli', ['scan', dir, '--format', 'json', '--date', '2026-11-22'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as Report
    const errors = report.findings.filter((f) => f.severity === 'error')
    expect(errors).toHaveLength(2)
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'api-removed-in-1.25', file: 'clusters/dev/apps/cron.yaml', line: 1, waived: { reason: 'migrated next sprint', owner: 'team-a', expires: '2027-01-01' } }),
        expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', waived: expect.objectContaining({ owner: 'platform' }) })
      ])
    )
    expect(report.summary.error).toBe(0)
    const text = runBundle('cli', ['scan', dir, '--date', '2026-11-22'])
    // Waived findings are one line each: where, which entry, until when, by whom, why.
    expect(text.stdout).toMatch(/^  clusters\/dev\/Chart\.yaml:\d+  vcluster-qosclass-immutable-k8s-1\.32 · until 2027-01-01 by platform: /m)
  })

  it('an expired waiver stops suppressing and warns at its line in the configuration', () => {
    const dir = repoWithConfig('waivers:\n  - id: vcluster-qosclass-immutable-k8s-1.32\n    reason: tenant upgrade scheduled\n    owner: platform\n    expires: 2026-11-01\n')
    const report = JSON.parse(runBundle('cli', ['scan', dir, '--format', 'json', '--date', '2026-11-22']).stdout) as Report
    expect(report.findings).toContainEqual(
      expect.objectContaining({ id: 'waiver-expired', severity: 'warning', file: '.kube-compat-gate.yml', line: 2 })
    )
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', severity: 'error' }))
    expect(report.findings.find((f) => f.id === 'vcluster-qosclass-immutable-k8s-1.32')).not.toHaveProperty('waived')
  })

  it('--date decides which releases are past end of life', () => {
    const dir = repoWithConfig('')
    const ids = (date: string) =>
      (JSON.parse(runBundle('cli', ['scan', dir, '--format', 'json', '--date', date]).stdout) as Report).findings
        .filter((f) => f.id === 'kubernetes-end-of-life')
        .map((f) => f.file)
    expect(ids('2026-02-27')).toEqual([])
    expect(ids('2026-02-28')).toEqual(['clusters/dev/values.yaml'])
  })

  it.each([
    ['waviers: []\n', /\.kube-compat-gate\.yml:1: waviers: unknown key "waviers"/],
    ['waivers:\n  - id: x\n    reason: r\n    owner: o\n    expires: soon\n', /\.kube-compat-gate\.yml:5: waivers\.0\.expires: must be a date/]
  ])('a bad configuration %j exits 2 naming the file and line', (config, message) => {
    const run = runBundle('cli', ['scan', repoWithConfig(config)])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--config points at a configuration elsewhere, and --date must be a date', () => {
    const dir = repoWithConfig('')
    const other = join(tempDir(), 'gate.yml')
    expect(runBundle('cli', ['scan', dir, '--config', other]).stderr).toContain(`cannot read configuration file ${other}`)
    const bad = runBundle('cli', ['scan', FAILING, '--date', '2026-13-01'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--date must be a calendar date like 2026-11-22 (got "2026-13-01")')
  })
})
