import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The benchmark is only worth comparing across runs and machines if its tree is the same:
 * these tests check the generator's promises (same flags, same bytes; exact file count;
 * the baseline walks what the scanner walks). No timings here: they live in `npm run bench`.
 */
const BENCH = join(import.meta.dirname, '..', '..', 'scripts', 'bench')
const made: string[] = []

function generate(files: number, seed: string): { dir: string; summary: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'kcg-gen-test-'))
  made.push(dir)
  const run = spawnSync(process.execPath, [join(BENCH, 'generate-monorepo.mjs'), '--out', dir, '--files', String(files), '--seed', seed], { encoding: 'utf8' })
  expect(run.status, run.stderr).toBe(0)
  return { dir, summary: JSON.parse(run.stdout) as Record<string, unknown> }
}

/** sha256 over every file's path and bytes, in path order. */
function digest(dir: string): string {
  const hash = createHash('sha256')
  const paths = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
  for (const path of paths) hash.update(path).update('\0').update(readFileSync(join(dir, path))).update('\0')
  return hash.digest('hex')
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

describe('generate-monorepo.mjs', () => {
  it('writes a byte-identical tree for the same seed and size, and a different one for another seed', () => {
    const first = generate(400, 'alpha')
    const second = generate(400, 'alpha')
    const other = generate(400, 'beta')
    expect(digest(first.dir)).toBe(digest(second.dir))
    expect(digest(other.dir)).not.toBe(digest(first.dir))
  })

  it('writes exactly --files tracked files in the issue mix, which is what the baseline reads, and hides the rest', () => {
    const { dir, summary } = generate(1000, 'count')
    expect(summary.trackedFiles).toBe(1000)
    expect(summary.hiddenFiles).toBeGreaterThan(200)
    const categories = summary.categories as Record<string, number>
    expect(categories.source).toBe(600)
    expect(categories.manifest).toBe(250)
    expect(categories['vcluster-app']).toBe(15)
    expect(categories['large-yaml']).toBeGreaterThanOrEqual(1)
    expect(summary.seedIncidentFiles).toBeGreaterThan(0)
    const baseline = spawnSync(process.execPath, [join(BENCH, 'baseline-read.mjs'), dir], { encoding: 'utf8' })
    expect(baseline.status, baseline.stderr).toBe(0)
    expect(JSON.parse(baseline.stdout)).toMatchObject({ files: 1000, bytes: summary.trackedBytes })
  })

  it('refuses to write into a folder that is not empty', () => {
    const { dir } = generate(100, 'full')
    const again = spawnSync(process.execPath, [join(BENCH, 'generate-monorepo.mjs'), '--out', dir, '--files', '100'], { encoding: 'utf8' })
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('is not empty')
  })
})
