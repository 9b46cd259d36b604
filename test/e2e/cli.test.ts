import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/report/report.js'
import { REPO_ROOT, runBundle, tempDir, writeTree } from '../helpers/run-bundle.js'

const FAILING = 'examples/vcluster-upgrade-to-1.32'
const PASSING = 'examples/vcluster-0.23-with-1.32'

describe('dist/cli.js', () => {
  it('fails the example that bumps the virtual cluster to 1.32 on vcluster 0.22', () => {
    const run = runBundle('cli', ['scan', FAILING])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('clusters/dev/Chart.yaml:8:14')
    expect(run.stdout).toMatch(/vcluster below 0\.23\.0-rc\.\d leaves every pod Pending/)
    // The fix is the upgrade advisor's: never a k3s user to 0.33 or later, where k3s is gone.
    expect(run.stdout).toMatch(/fix: Move to virtual cluster k8s \d\.\d+ \(now k3s 1\.32\), vcluster 0\.\d+\.\d+ \(now 0\.22\.1\)/)
    // Warnings and notices (end of life, ...) depend on the day; the error does not.
    expect(run.stdout).toMatch(/✖ failed: 1 error, /)
    expect(run.stderr).toBe('')
  })

  it('passes the same repository once vcluster is 0.23.0', () => {
    const run = runBundle('cli', ['scan', PASSING])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/✔ passed: 0 errors/)
  })

  it('writes the JSON report in the documented shape', () => {
    const run = runBundle('cli', ['scan', FAILING, '--format', 'json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'tool',
      'database',
      'declarations',
      'environments',
      'findings',
      'diagnostics',
      'unknown',
      'summary'
    ])
    expect(report.schemaVersion).toBe(1)
    expect(report.tool).toEqual({ name: 'kube-compat-gate', version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
    expect(report.declarations).toContainEqual({
      component: 'kubernetes',
      role: 'virtual',
      distro: 'k3s',
      version: '1.32.0',
      raw: 'v1.32.0-k3s1',
      file: 'clusters/dev/values.yaml',
      line: 9,
      column: 16,
      source: 'vcluster-values',
      confidence: 'exact'
    })
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({
        id: 'vcluster-qosclass-immutable-k8s-1.32',
        severity: 'error',
        file: 'clusters/dev/Chart.yaml',
        line: 8,
        references: expect.arrayContaining(['https://github.com/loft-sh/vcluster/issues/2472'])
      })
    ])
    expect(report.summary).toMatchObject({ error: 1, filesScanned: 4, passed: false })
    expect(report.summary.warning).toBe(report.findings.filter((f) => f.severity === 'warning').length)
  })

  it('--fail-on never passes whatever it finds', () => {
    expect(runBundle('cli', ['scan', FAILING, '--fail-on', 'never']).code).toBe(0)
  })

  it('prints the compatibility grid in the Markdown report only', () => {
    const markdown = runBundle('cli', ['scan', FAILING, '--format', 'markdown'])
    expect(markdown.stdout).toContain('### Compatibility on host Kubernetes')
    expect(markdown.stdout).toMatch(/^\| 0\.22\.1 📍 \|.*📍 ❌ a/m)
    expect(runBundle('cli', ['scan', FAILING, '--format', 'text']).stdout).not.toContain('Compatibility on')
  })

  it('writes the report to --output', () => {
    const out = join(tempDir(), 'report.json')
    const run = runBundle('cli', ['scan', FAILING, '--format', 'json', '--output', out])
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`kube-compat-gate: json report written to ${out}\n`)
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).findings.filter((f) => f.severity === 'error')).toHaveLength(1)
  })

  it('keeps the finding of a good file next to a YAML file that does not parse', () => {
    const root = tempDir()
    writeTree(root, {
      'good/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: 0.21.0\n',
      'good/values.yaml': 'vcluster:\n  controlPlane:\n    distro:\n      k8s:\n        version: v1.33.0\n',
      'bad/vcluster.yaml': 'controlPlane:\n  distro: {k8s: [\n'
    })
    const run = runBundle('cli', ['scan', root, '--format', 'json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.file)).toEqual(['good/Chart.yaml'])
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: 'bad/vcluster.yaml', line: expect.any(Number), message: expect.stringContaining('YAML does not parse') })
    ])
    expect(run.stderr).toBe('')
  })

  it.each([
    [['scan', FAILING, '--format', 'xml'], '--format must be one of text, json, sarif, markdown'],
    [['scan', FAILING, '--fail-on', 'sometimes'], '--fail-on must be one of'],
    [['scan', 'does/not/exist'], 'does/not/exist does not exist'],
    [['scan', 'README.md'], 'README.md is a file, not a directory'],
    [['scan', '--fail-no', 'error'], 'unknown option --fail-no; did you mean "--fail-on"?'],
    [['scna'], 'unknown command "scna"; did you mean "scan"?'],
    [['scan', FAILING, '--no-such-flag'], 'scan: unknown option --no-such-flag'],
    [['scan', FAILING, '--db', 'missing.yaml'], 'cannot read database file missing.yaml'],
    [['frobnicate'], 'unknown command "frobnicate"']
  ])('exits 2 with one line and no stack trace for %j', (args, message) => {
    const run = runBundle('cli', args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('writes a large JSON report through a pipe as it is made, the same text as one piece, and stops quietly when the reader goes away', async () => {
    // 150 copies of the failing example: a report of several hundred kilobytes, beyond any pipe buffer.
    const repo = tempDir('kcg-many-')
    for (let copy = 0; copy < 150; copy++) cpSync(join(REPO_ROOT, FAILING), join(repo, `team-${copy}`), { recursive: true })
    const whole = runBundle('cli', ['scan', repo, '--format', 'json', '--date', '2026-11-30'])
    expect(whole.code).toBe(1)
    expect(whole.stdout.length).toBeGreaterThan(256 * 1024)
    const report = JSON.parse(whole.stdout) as Report
    expect(whole.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`)
    // One finding for the 150 copies of the same versions, with every location.
    const seed = report.findings.filter((finding) => finding.id === 'vcluster-qosclass-immutable-k8s-1.32')
    expect(seed).toHaveLength(1)
    expect(seed[0]!.locations).toHaveLength(150)

    // `| head -c 100`: the reader closes after the first bytes.
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'scan', repo, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(1) // the verdict, not a crash
    expect(stderr).toBe('')
  })

  it('prints its version with the date of the bundled database, and help', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
    const db = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'db', 'bundled-db.json'), 'utf8')) as { version: string; date: string; entries: unknown[] }
    expect(db.version).toBe(db.date) // otherwise the line reads "database VERSION of DATE"
    const line = `kube-compat-gate ${pkg.version} · database ${db.date} (${db.entries.length} entries)\n`
    expect(runBundle('cli', ['--version'])).toMatchObject({ code: 0, stdout: line, stderr: '' })
    expect(runBundle('cli', ['-v']).stdout).toBe(line)
    const help = runBundle('cli', ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('kube-compat-gate scan [DIR]')
  })
})
