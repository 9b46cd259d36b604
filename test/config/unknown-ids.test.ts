import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { didYouMean } from '../../src/config/did-you-mean.js'
import { runGate } from '../../src/pipeline.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

describe('unknown entry ids in the configuration', () => {
  it('names the line of a misspelt waiver or disable id and the id that was meant; a right one still works', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kcg-ids-'))
    cpSync(join(REPO_ROOT, 'examples/vcluster-upgrade-to-1.32'), root, { recursive: true })
    writeFileSync(
      join(root, '.kube-compat-gate.yml'),
      [
        'waivers:',
        '  - id: kubernetes-end-of-lfe',
        '    reason: CI follows the oldest tenant',
        '    owner: "@platform"',
        '    expires: 2099-01-01',
        'disable:',
        '  - vcluster-end-of-support',
        '  - no-such-entry-at-all',
        ''
      ].join('\n')
    )
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    // One walk of `disable`: the ids that name nothing first (with the waivers'), then what it turns off, each at its line.
    expect(report.diagnostics.slice(0, 3)).toEqual([
      {
        file: '.kube-compat-gate.yml',
        line: 2,
        message: 'waiver names "kubernetes-end-of-lfe", which is not a database entry; did you mean "kubernetes-end-of-life"?'
      },
      { file: '.kube-compat-gate.yml', line: 8, message: '`disable` entry names "no-such-entry-at-all", which is not a database entry' },
      { file: '.kube-compat-gate.yml', line: 7, message: '`disable` turns off "vcluster-end-of-support": its findings are not reported', warning: true, configuration: true }
    ])
    // The disabled entry is off; the misspelt waiver waived nothing.
    expect(report.findings.map((f) => f.id)).not.toContain('vcluster-end-of-support')
    expect(report.findings.filter((f) => f.id === 'kubernetes-end-of-life').every((f) => !f.waived)).toBe(true)
  })

  it.each([
    ['--fail-no', ['--fail-on', '--format'], '--fail-on'],
    ['vcluster-k3s-removed-0.32', ['vcluster-k3s-removed-0.33', 'vcluster-k0s-removed-0.26'], 'vcluster-k3s-removed-0.33'],
    ['--verbose', ['--version', '--help'], undefined]
  ])('didYouMean(%s)', (typed, known, expected) => {
    expect(didYouMean(typed, known)).toBe(expected)
  })
})
