import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { treeFromGit } from '../../src/commits/git-tree.js'
import { baseFromApi } from '../../src/github/api-base.js'
import { createGitHubClient } from '../../src/github/client.js'
import { runGate, type GateOptions } from '../../src/pipeline.js'
import { TempRepo, useGitHubStandIn } from '../github/action-harness.js'
import { apply, leftAs, observable, operation, populated } from '../helpers/commit-pairs.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/**
 * A shallow checkout's base derived from the head's scan and the REST API (compare, then the
 * touched files' contents at the base, answered by the OpenAPI-checked stand-in from the real
 * repository) must give the reports that scanning the whole base commit gives, byte for byte:
 * added, removed, renamed and edited files, symbolic links, a changed .gitignore or
 * configuration, a work tree that differs from HEAD.
 */
const github = useGitHubStandIn()

describe('the base of a shallow checkout, derived through the REST API', () => {
  it('gives the reports a full scan of the base commit gives (property, random commit pairs)', async () => {
    const client = createGitHubClient('ghs_test', { warning: () => {}, debug: () => {} }, github().url)
    let derived = 0
    let committed = 0
    await fc.assert(
      fc.asyncProperty(populated, fc.array(operation, { maxLength: 3 }), fc.array(operation, { minLength: 1, maxLength: 5 }), leftAs, async (start, baseOps, headOps, left) => {
        if (left === 'committed') committed++
        const repo = new TempRepo()
        apply(repo.dir, [...start, ...baseOps])
        writeFileSync(join(repo.dir, 'keep.txt'), 'x\n')
        const sha = repo.commit({}, 'base')
        apply(repo.dir, headOps)
        repo.git('add', '-A')
        repo.git('commit', '-q', '--allow-empty', '-m', 'head')
        const head = repo.git('rev-parse', 'HEAD').trim()
        const shallow = repo.shallowCheckout(head)
        // Left uncommitted: an edit in the work tree after the checkout, which the API does not know of.
        if (left === 'uncommitted') writeFileSync(join(shallow, 'keep.txt'), 'edited\n')
        github().repository = repo.dir
        const options: GateOptions = { root: shallow, failOn: 'error', date: '2026-12-01' }
        const written = await treeFromGit(repo.dir, sha, repo.dir)
        try {
          const remote = await baseFromApi(client, {
            repository: { owner: 'Codertocat', repo: 'Hello-World' },
            base: sha,
            head,
            top: shallow,
            root: shallow,
            fullTree: () => treeFromGit(repo.dir, sha, repo.dir)
          })
          const full = await runGate({ ...options, baseRoot: written.root })
          if (!('changes' in remote)) return // the tarball's path, as today
          const logs: string[] = []
          const fromApi = await runGate({ ...options, baseCommit: { top: shallow, sha, remote }, log: (message) => logs.push(message) })
          if (logs.some((line) => line.includes('derived'))) derived++
          expect(observable(fromApi)).toEqual(observable(full))
        } finally {
          await written.dispose()
          rmSync(repo.dir, { recursive: true, force: true })
          rmSync(shallow, { recursive: true, force: true })
        }
      }),
      fuzzParameters(20)
    )
    // Most random changes touch no ignore rules or links: the property must mostly test the derived path.
    expect(derived).toBeGreaterThan(committed / 3)
  }, 300_000)
})
