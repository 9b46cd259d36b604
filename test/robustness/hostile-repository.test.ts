import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/report.js'
import { REPO_ROOT, tempDir } from '../helpers/run-bundle.js'
import { buildCorpus, type Corpus } from './corpus.js'

/** Generous: this corpus needs about 200 MB; a leak or an expanded bomb needs gigabytes. */
const MAX_RSS_MB = 400
/** Generous: the scan takes about a second here; a hang or a quadratic reader takes minutes. */
const TIME_LIMIT_MS = 60_000
/**
 * Tests here often run as root, for whom mode 000 does not stop a read. The scan then runs as
 * `nobody` (uid 65534), so "unreadable" means what it means on a runner.
 */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}

interface ScanRun {
  code: number | null
  stdout: string
  stderr: string
  maxRssMb: number
}

/**
 * Runs the built CLI on the corpus as a child process, bounded by a time limit; a preloaded
 * hook records the child's peak memory (process.resourceUsage) when it exits.
 */
function scanCorpus(corpus: Corpus, base: string, format: string): ScanRun {
  const probe = join(base, 'probe')
  mkdirSync(probe, { recursive: true, mode: 0o777 })
  chmodSync(probe, 0o777)
  const rssFile = join(probe, `rss-${format}`)
  const hook = join(probe, 'max-rss.cjs')
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`)
  const result = spawnSync(process.execPath, ['--require', hook, join(REPO_ROOT, 'dist', 'cli.js'), 'scan', corpus.root, '--format', format, '--date', '2026-11-22'], {
    cwd: base,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base },
    encoding: 'utf8',
    timeout: TIME_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
    ...UNPRIVILEGED
  })
  if (result.signal !== null || result.error) {
    throw new Error(`the scan did not finish within ${TIME_LIMIT_MS} ms (${result.signal ?? result.error?.message}); stderr: ${result.stderr}`)
  }
  const maxRssKb = Number(readFileSync(rssFile, 'utf8'))
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, maxRssMb: maxRssKb / 1024 }
}

describe('a hostile repository (built at test time, scanned by dist/cli.js)', () => {
  let corpus: Corpus
  let json: ScanRun
  let report: Report

  beforeAll(() => {
    const base = tempDir('kcg-hostile-')
    corpus = buildCorpus(base)
    json = scanCorpus(corpus, base, 'json')
    report = JSON.parse(json.stdout) as Report
  }, TIME_LIMIT_MS * 2)

  it('finishes in bounded time and memory and fails the gate for the good finding, not with an error', () => {
    expect(json.code).toBe(1)
    expect(json.maxRssMb).toBeLessThan(MAX_RSS_MB)
    expect(json.stderr).toBe('')
  })

  it('keeps the finding of the one good file', () => {
    expect(report.findings).toContainEqual(expect.objectContaining({ id: corpus.good.id, severity: 'error', file: corpus.good.file, line: corpus.good.line }))
    expect(report.summary.passed).toBe(false)
  })

  it('names every bad file that could declare a version in a diagnostic with its reason', () => {
    const missing = corpus.entries
      .filter((entry) => entry.diagnostic !== undefined)
      .filter((entry) => !report.diagnostics.some((d) => d.file === entry.path && entry.diagnostic!.test(d.message)))
      .map((entry) => `${entry.path} (${entry.attack}): ${report.diagnostics.filter((d) => d.file === entry.path).map((d) => d.message).join(' | ') || 'no diagnostic'}`)
    expect(missing).toEqual([])
  })

  it('still reads the versions that survive an attack, at their line and column', () => {
    const lost = corpus.entries
      .filter((entry) => entry.declares !== undefined)
      .filter((entry) => !report.declarations.some((d) => d.file === entry.path && !d.implied && d.version === entry.declares!.version && d.line === entry.declares!.line && d.column === entry.declares!.column))
      .map((entry) => `${entry.path} (${entry.attack})`)
    expect(lost).toEqual([])
  })

  it('places every diagnostic in a file of the repository', () => {
    for (const diagnostic of report.diagnostics) {
      expect(diagnostic.file).not.toMatch(/^(\.\.|\/)/)
      if (diagnostic.line !== undefined) expect(diagnostic.line).toBeGreaterThanOrEqual(1)
      if (diagnostic.column !== undefined) expect(diagnostic.column).toBeGreaterThanOrEqual(1)
    }
  })

  it('reads nothing outside the root: no version written only there is in the report', () => {
    // The FIFOs outside would also have blocked the scan until its time limit had anything opened them.
    const versions = report.declarations.map((d) => d.version)
    for (const marker of corpus.outsideMarkers) {
      expect(versions).not.toContain(marker)
      expect(json.stdout).not.toContain(marker)
    }
    expect(report.declarations.every((d) => !d.file.startsWith('links/'))).toBe(true)
  })

  it('says the same in the text report, without a stack trace or a raw control character', () => {
    const text = scanCorpus(corpus, join(corpus.root, '..'), 'text')
    expect(text.code).toBe(1)
    expect(text.stderr).toBe('')
    expect(text.stdout).toContain('good/Chart.yaml:6:14')
    expect(text.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    // eslint-disable-next-line no-control-regex
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
  })
})
