import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveBase } from '../../src/commits/derived-base.js'
import { treeFromGit } from '../../src/commits/git-tree.js'
import { runGate, type GateOptions } from '../../src/pipeline.js'
import { DEFAULT_MAX_FILE_BYTES, scanRepository, scanTree } from '../../src/scan/scan.js'
import { TempRepo } from '../github/action-harness.js'
import { apply, headChange, leftAs, observable, operation, populated } from '../helpers/commit-pairs.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/**
 * The base derived from the head's scan and git objects must give the reports that scanning
 * the whole base commit written to disk gives, byte for byte, whatever the change: added,
 * removed, renamed and edited files, symbolic links, a changed .gitignore or configuration,
 * uncommitted and untracked files, comment lines that leave every declaration as it was (the
 * base's findings are then the head's, not evaluated again) or move them.
 */

describe('the base derived from the head scan and git objects', () => {
  it('gives the reports a full scan of the base commit gives (property, random commit pairs)', async () => {
    let derived = 0
    let reused = 0
    let runs = 0
    await fc.assert(
      fc.asyncProperty(populated, fc.array(operation, { maxLength: 3 }), headChange, leftAs, async (start, baseOps, headOps, left) => {
        runs++
        const repo = new TempRepo()
        apply(repo.dir, [...start, ...baseOps])
        writeFileSync(join(repo.dir, 'keep.txt'), 'x\n')
        repo.git('add', '-A')
        repo.git('commit', '-q', '-m', 'base')
        const sha = repo.git('rev-parse', 'HEAD').trim()
        apply(repo.dir, headOps)
        if (left === 'committed') {
          repo.git('add', '-A')
          repo.git('commit', '-q', '--allow-empty', '-m', 'head')
        }
        const options: GateOptions = { root: repo.dir, failOn: 'error', date: '2026-12-01' }
        const written = await treeFromGit(repo.dir, sha, repo.dir)
        try {
          // The base's scan itself (declarations, diagnostics, usages, files counted), not only what the diff shows of it.
          const derivedBase = await deriveBase(repo.dir, await scanTree(repo.dir), { top: repo.dir, sha }, DEFAULT_MAX_FILE_BYTES)
          if ('source' in derivedBase) {
            const fullScan = await scanRepository(written.root)
            expect(await scanRepository(repo.dir, { source: derivedBase.source })).toEqual(fullScan)
          }
          const full = await runGate({ ...options, baseRoot: written.root })
          const logs: string[] = []
          const fromGit = await runGate({ ...options, baseCommit: { top: repo.dir, sha }, log: (message) => logs.push(message) })
          if (logs.some((line) => line.includes('derived'))) derived++
          if (logs.some((line) => line.includes("its findings are the head's"))) reused++
          expect(observable(fromGit)).toEqual(observable(full))
        } finally {
          await written.dispose()
          rmSync(repo.dir, { recursive: true, force: true })
        }
      }),
      fuzzParameters(20)
    )
    // Most random changes touch no ignore rules or links: the property must mostly test the derived path.
    expect(derived).toBeGreaterThan(runs / 3)
    // Both ways of evaluating the base are held to the full scan's report: worked out again, and the head's findings taken over.
    expect(reused).toBeGreaterThan(0)
    expect(reused).toBeLessThan(runs)
  }, 240_000)
})
