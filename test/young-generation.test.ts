import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const MODULE = pathToFileURL(join(import.meta.dirname, '..', 'src', 'young-generation.ts')).href
const MB = 1024 * 1024

/**
 * The largest young generation of a process that keeps up to 200,000 small objects alive at a
 * time (as the scan keeps its files' results), started with Node 24's maximum of 64 MB per
 * semi-space whatever runtime runs the tests; with `cap`, it calls capYoungGeneration as the
 * entry points do (often, and more than once after the cap).
 */
function largestNewSpace(cap: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8'
    import { capYoungGeneration } from ${JSON.stringify(MODULE)}
    let kept = []
    let largest = 0
    for (let i = 0; i < 600_000; i++) {
      kept.push({ index: i, name: 'file-' + i })
      if (kept.length > 200_000) kept = []
      if (i % 5_000 === 0) {
        if (${cap}) capYoungGeneration()
        largest = Math.max(largest, getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size)
      }
    }
    process.stdout.write(String(largest))`
  const run = spawnSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 })
  expect(run.status, run.stderr).toBe(0)
  return Number(run.stdout)
}

describe('capYoungGeneration', () => {
  it('stops the young generation at 32 MB (Node 20\'s maximum) where the runtime lets it grow past that', { timeout: 120_000 }, () => {
    expect(largestNewSpace(false)).toBeGreaterThan(32 * MB)
    expect(largestNewSpace(true)).toBeLessThanOrEqual(32 * MB)
  })
})
