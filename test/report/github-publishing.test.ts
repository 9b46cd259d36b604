import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { checkRunAnnotations, emitAnnotations, rankForAnnotation, type AnnotationProperties } from '../../src/report/github/annotations.js'
import { renderComment } from '../../src/report/github/comment-body.js'
import { fitText, LIMITS, utf8Bytes } from '../../src/report/github/limits.js'
import { jsonArrayWithin } from '../../src/report/github/outputs.js'
import { replaceVersion } from '../../src/report/github/suggestions.js'
import type { FindingReport, Report } from '../../src/report/report.js'
import { REPO_ROOT, tempDir } from '../helpers/run-bundle.js'

function finding(overrides: Partial<FindingReport>): FindingReport {
  return {
    id: 'entry',
    severity: 'error',
    title: 'title',
    message: 'message',
    file: 'a.yaml',
    line: 1,
    column: 1,
    remediation: 'fix',
    references: ['https://example.org/1'],
    certainty: 'affected',
    declarations: [],
    locations: [],
    ...overrides
  }
}

describe('rankForAnnotation', () => {
  it('puts new findings first, then those on changed lines, and drops fixed ones', () => {
    const ranked = rankForAnnotation(
      [
        finding({ file: 'old.yaml', status: 'unchanged' }),
        finding({ file: 'touched.yaml', line: 4, status: 'unchanged' }),
        finding({ file: 'gone.yaml', status: 'fixed' }),
        finding({ file: 'new.yaml', status: 'new' })
      ],
      new Map([['touched.yaml', new Set([4])]])
    )
    expect(ranked.map((a) => a.file)).toEqual(['new.yaml', 'touched.yaml', 'old.yaml'])
    // Already present on a line the change did not touch: a notice, never a failure.
    expect(ranked.map((a) => a.level)).toEqual(['error', 'error', 'notice'])
  })

  it('puts errors before warnings before notices, so no number of warnings pushes an error out of the check run (redteam K02)', () => {
    const warnings = Array.from({ length: 700 }, (_, index) => finding({ file: `a${index}/kind.yaml`, status: 'new', severity: 'warning' }))
    const ranked = rankForAnnotation([...warnings, finding({ file: 'zzz/dev/Chart.yaml', status: 'new' }), finding({ file: 'old.yaml', status: 'unchanged' })], new Map())
    expect(ranked[0]).toMatchObject({ file: 'zzz/dev/Chart.yaml', level: 'error' })
    expect(ranked.at(-1)).toMatchObject({ file: 'old.yaml', level: 'notice' })
    expect(checkRunAnnotations(ranked, '').slice(0, 500).some((a) => a.annotation_level === 'failure')).toBe(true)
  })

  it('annotates every location of a grouped finding, each with its own message', () => {
    const at = (file: string, line: number) => ({ file, line, column: 3, message: `at ${file}:${line}`, declarations: [] })
    const grouped = finding({ status: 'new', locations: [at('apps/a.yaml', 4), at('apps/b.yaml', 9)] })
    const ranked = rankForAnnotation([grouped], new Map())
    expect(ranked.map((a) => [a.file, a.line, a.message])).toEqual([
      ['apps/a.yaml', 4, 'at apps/a.yaml:4'],
      ['apps/b.yaml', 9, 'at apps/b.yaml:9']
    ])
  })

  it('does not annotate a waived finding', () => {
    const waived = { reason: 'tracked in PLAT-12', owner: 'platform', expires: '2027-01-01' }
    const ranked = rankForAnnotation([finding({ file: 'waived.yaml', waived }), finding({ file: 'open.yaml' })], new Map())
    expect(ranked.map((a) => a.file)).toEqual(['open.yaml'])
  })
})

describe('emitAnnotations', () => {
  it('writes ten per type, in ranked order, and counts the rest', () => {
    const written: Array<[string, AnnotationProperties]> = []
    const sink = {
      error: (_: string, p: AnnotationProperties) => written.push(['error', p]),
      warning: (_: string, p: AnnotationProperties) => written.push(['warning', p]),
      notice: (_: string, p: AnnotationProperties) => written.push(['notice', p])
    }
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding({ line: i + 1 })),
      finding({ severity: 'warning', line: 99 })
    ]
    const skipped = emitAnnotations(rankForAnnotation(findings, new Map()), 'sub/', sink)
    expect(skipped).toBe(2)
    expect(written.filter(([kind]) => kind === 'error').map(([, p]) => p.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(written.find(([kind]) => kind === 'warning')?.[1]).toMatchObject({ file: 'sub/a.yaml', startLine: 99 })
  })
})

describe('checkRunAnnotations', () => {
  it('cleans title and message as a workflow command is cleaned: no ESC, BEL, NEL, bidi or U+2028 from a file name reaches the check run (redteam A26)', () => {
    const hostile = 'x\u001b[2J\u0007\u202e\u0085\u2028y'
    const [annotation] = checkRunAnnotations(rankForAnnotation([finding({ title: `t ${hostile}`, message: `m ${hostile}` })], new Map()), '')
    for (const text of [annotation!.title, annotation!.message]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/)
      expect(text).toContain('x\ufffd')
    }
    expect(annotation!.message).toContain('\nFix: fix')
  })
})

describe('fitText', () => {
  it('keeps text that fits', () => {
    expect(fitText('a\nb', 10, 'cut')).toBe('a\nb')
  })

  it('cuts at a line boundary and says so, within the limit', () => {
    const text = Array.from({ length: 100 }, (_, i) => `| row ${i} |`).join('\n')
    const cut = fitText(text, 200, 'see the summary')
    expect(cut.length).toBeLessThanOrEqual(200)
    expect(cut.endsWith('\n\nsee the summary')).toBe(true)
    expect(cut.split('\n').slice(0, -2).every((line) => /^\| row \d+ \|$/.test(line))).toBe(true)
  })

  it('measures bytes when asked (the job summary limit is in bytes)', () => {
    const text = `${'✅'.repeat(100)}\n${'✅'.repeat(100)}`
    expect(utf8Bytes(fitText(text, 400, 'cut', utf8Bytes))).toBeLessThanOrEqual(400)
  })
})

describe('jsonArrayWithin', () => {
  it('keeps whole items only, and always valid JSON', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ id: i, text: 'x'.repeat(40) }))
    const { json, kept } = jsonArrayWithin(items, 500)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(500)
    expect(JSON.parse(json)).toEqual(items.slice(0, kept))
    expect(kept).toBeGreaterThan(0)
  })
})

describe('renderComment', () => {
  /** The seed example's report with only the seed incident's finding. */
  async function failingReport(): Promise<Report> {
    const { report } = await runGate({ root: join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32'), failOn: 'error' })
    return { ...report, findings: report.findings.filter((finding) => finding.id === 'vcluster-qosclass-immutable-k8s-1.32') }
  }
  const context = { marker: '<!-- m -->', sha: 'a'.repeat(40), runUrl: 'https://github.com/o/r/actions/runs/1', previous: false }

  it('names what the configuration accepts or turns off, so a change cannot pass by adding its own waiver, disable or exclude (redteam N09, N10, N12)', async () => {
    const root = tempDir()
    cpSync(join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32'), root, { recursive: true })
    writeFileSync(
      join(root, '.kube-compat-gate.yml'),
      [
        'exclude: ["archive/**"]',
        'disable: [vcluster-end-of-support]',
        'waivers:',
        '  - id: vcluster-qosclass-immutable-k8s-1.32',
        '    reason: we will upgrade later',
        '    owner: "@someone"',
        '    expires: 9999-12-31',
        ''
      ].join('\n')
    )
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    const body = renderComment(report, context)
    expect(body).toContain('#### Waived (1)')
    expect(body).toMatch(/vcluster-qosclass-immutable-k8s-1\.32.*until 9999-12-31/)
    expect(body).toContain('- ⚠️ `.kube-compat-gate.yml:2`: \\`disable\\` turns off "vcluster-end-of-support": its findings are not reported')
    expect(body).toContain('\\`exclude\\` leaves out files matching "archive/\\*\\*": versions in them are not read')
  })

  it('lists every check the configuration turns off, its include and its re-pairings before the files not read (redteam C01, C02, C08c)', async () => {
    const root = tempDir()
    cpSync(join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32'), root, { recursive: true })
    const harmless = ['api-removed-in-1.16', 'api-removed-in-1.22', 'api-removed-in-1.25', 'api-removed-in-1.26', 'api-removed-in-1.27']
    writeFileSync(join(root, '.kube-compat-gate.yml'), `include: ["**"]\ndisable: [${[...harmless, 'vcluster-qosclass-immutable-k8s-1.32'].join(', ')}]\n`)
    // Six files the gate skips, so more than five "not read" warnings compete for the comment.
    for (let index = 0; index < 6; index++) writeFileSync(join(root, `skipped-${index}.yaml`), Buffer.concat([Buffer.from('vcluster: 0.22.1\n'), Buffer.alloc(64)]))
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    const body = renderComment(report, context)
    expect(body).toContain('\\`disable\\` turns off "vcluster-qosclass-immutable-k8s-1.32"')
    for (const id of harmless) expect(body).toContain(`turns off "${id}"`)
    expect(body).toContain('\\`include\\` reads only files matching "\\*\\*": versions in other files are not read')
  })

  it('lists a database entry that replaces a bundled one with the configuration, ahead of files not read (redteam C08b)', async () => {
    const report = await failingReport()
    const notRead = Array.from({ length: 6 }, (_, index) => ({ file: `skipped-${index}.yaml`, message: 'binary file, skipped', warning: true as const }))
    const replacing = { file: 'team-db.yaml', line: 3, message: 'entry "x" replaces the bundled entry of that id', warning: true as const, configuration: true as const }
    const body = renderComment({ ...report, diagnostics: [...notRead, replacing] }, context)
    expect(body).toContain('`team-db.yaml:3`: entry "x" replaces the bundled entry of that id')
    expect(body).toContain('- …and 1 more in the job summary.')
  })

  it('names a declaring folder linked out of the scanned directory under what could change the verdict (redteam S03)', async () => {
    const root = tempDir()
    const outside = tempDir()
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'pairing', 'seed-readable-values', 'clusters', 'dev'), join(outside, 'dev'), { recursive: true })
    mkdirSync(join(root, 'clusters'))
    symlinkSync(join(outside, 'dev'), join(root, 'clusters', 'dev'))
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    expect(renderComment(report, context)).toContain('- ⚠️ `clusters/dev:1`: skipped: symbolic link points outside the scanned directory')
  })

  it('names an environments: entry that drops a pairing the layout made (redteam C01)', async () => {
    const root = tempDir()
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'pairing', 'seed-readable-values'), root, { recursive: true })
    writeFileSync(join(root, 'clusters/dev/values-ci.yaml'), 'vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          tag: v1.31.4-k3s1\n')
    writeFileSync(join(root, '.kube-compat-gate.yml'), 'environments:\n  - name: dev\n    vcluster: clusters/dev/Chart.yaml\n    values: clusters/dev/values-ci.yaml\n')
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    expect(report.summary.passed).toBe(true)
    expect(renderComment(report, context)).toContain(
      '- ⚠️ `.kube-compat-gate.yml:2`: environments\\[0\\] \\(dev\\): replaces the inferred pairing of clusters/dev/Chart.yaml:6 with clusters/dev/values.yaml:7, which is no longer checked'
    )
  })

  it('stays within GitHub’s 65,536 characters and points at the job summary when cut', async () => {
    const report = await failingReport()
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...report.findings[0]!, line: i + 1, status: 'new' as const }))
    const body = renderComment({ ...report, findings: many }, context)
    expect(body.length).toBeLessThanOrEqual(LIMITS.commentChars)
    expect(body.startsWith('<!-- m -->')).toBe(true)
    expect(body).toContain('**The comment is cut here: the full report is in [the job summary](https://github.com/o/r/actions/runs/1).**')
  })

  it('says so when a later run finds nothing', async () => {
    const report = await failingReport()
    const clean = { ...report, findings: [], summary: { ...report.summary, error: 0, passed: true } }
    expect(renderComment(clean, { ...context, previous: true })).toContain('### kube-compat-gate: ✅ no known incompatibilities any more')
    expect(renderComment(clean, context)).toContain('### kube-compat-gate: ✅ no known incompatibilities\n')
  })

  it('says what the smoke test saw, and marks the finding it confirmed', async () => {
    const report = await failingReport()
    const confirmed = report.findings.map((f) => ({
      ...f, confirmedAtRuntime: true as const, evidence: { source: 'event Pod/p SyncError', excerpt: 'status.qosClass: Invalid value: "Burstable" | `x`' }
    }))
    const smoke = {
      passed: false, mode: 'kind' as const, serverVersion: 'v1.32.0', namespace: 'kcg-smoke-1', evidenceDir: '/tmp/e',
      workload: { pod: 'timeout', deployment: 'timeout', resize: 'skipped', reasons: [] }, warnings: [], cleanup: [], kept: false
    }
    const body = renderComment({ ...report, findings: confirmed, smoke }, context)
    expect(body).toContain('Smoke test ❌ failed on `v1.32.0`; it saw 1 finding happen (marked 🔬).')
    // The excerpt is cluster text: fenced so its backtick and pipe cannot break the table.
    expect(body).toContain('🔬 Seen in the smoke test (event Pod/p SyncError): `` status.qosClass: Invalid value: "Burstable" \\| `x` ``')
  })

  it('counts the findings that were already there instead of listing them', async () => {
    const report = await failingReport()
    const unchanged = { ...report, findings: report.findings.map((f) => ({ ...f, status: 'unchanged' as const })) }
    const body = renderComment(unchanged, context)
    expect(body).toContain('1 finding was already present before this change; see [the job summary]')
    expect(body).not.toContain('| ❌ |')
  })
})

describe('replaceVersion', () => {
  it.each([
    ['a plain version', { raw: '0.22.1', version: '0.22.1', column: 14 }, '    version: 0.22.1', '    version: 0.23.0'],
    ['a v-prefixed version', { raw: 'v0.22.1', version: '0.22.1', column: 12 }, '  version: v0.22.1 # pinned', '  version: v0.23.0 # pinned'],
    ['a quoted version', { raw: '0.22.1', version: '0.22.1', column: 15 }, '    version: "0.22.1"', '    version: "0.23.0"']
  ])('rewrites %s in place', (_, declaration, line, expected) => {
    expect(replaceVersion(declaration, '0.23.0', line)).toBe(expected)
  })

  it.each([
    ['a range', { raw: '>=0.20.0', version: '>=0.20.0', column: 14, constraint: true as const }, '    version: >=0.20.0'],
    ['a distro build', { raw: 'v1.32.0-k3s1', version: '1.32.0', column: 16 }, '          tag: v1.32.0-k3s1'],
    ['a line that moved', { raw: '0.22.1', version: '0.22.1', column: 14 }, '    name: vcluster']
  ])('leaves %s to people', (_, declaration, line) => {
    expect(replaceVersion(declaration, '0.23.0', line)).toBeUndefined()
  })
})
