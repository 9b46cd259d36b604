import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Entry } from '../../src/db/schema.js'
import {
  checkFixBoundaries,
  loadEntries,
  REPO_ROOT,
  RESULTS_PATH,
  serialise,
  violations,
  type Results
} from '../../scripts/db/fix-boundaries.js'
import { DEFAULT_SNAPSHOTS, hasSnapshot } from '../../scripts/db/snapshot.js'

const committed = JSON.parse(readFileSync(join(REPO_ROOT, RESULTS_PATH), 'utf8')) as Results
const entries = loadEntries()
const withUpstream = entries.filter((entry) => entry.upstream)
const resultsOf = (id: string) => committed.entries.find((results) => results.id === id)!
const entry = (id: string) => entries.find((each) => each.id === id)!

describe('fix boundaries, held against the committed per-tag results (offline)', () => {
  it('every entry naming an upstream change has results for exactly that change', () => {
    expect(withUpstream.length).toBeGreaterThanOrEqual(6)
    expect(committed.entries.map((results) => results.id).sort()).toEqual(withUpstream.map((each) => each.id).sort())
    for (const each of withUpstream) {
      expect(resultsOf(each.id).upstream, `${each.id}: run npm run db:check-fixes`).toEqual(each.upstream)
    }
  })

  it.each(withUpstream.map((each) => [each.id, each] as const))('%s: no tag in its range holds the fix, none outside lacks it', (_id, each) => {
    expect(violations(each, resultsOf(each.id))).toEqual([])
  })

  // The ranges the database had before issue 21, put back: the check names the false errors.
  const reverted = (id: string, when: Partial<Entry['when']>, fixedIn: Entry['fixedIn'] = {}): string[] => {
    const original = entry(id)
    const changed = { ...original, when: { ...original.when, ...when }, fixedIn } as Entry
    return violations(changed, resultsOf(id)).map((violation) => violation.tag)
  }

  it('catches the seed entry erroring on v0.23.0-rc.3, which holds PR #2427', () => {
    expect(reverted('vcluster-qosclass-immutable-k8s-1.32', { vcluster: '<0.23.0-rc.4' })).toEqual(['v0.23.0-rc.3'])
  })

  it('catches Pods-never-Ready erroring on the 0.35.3/0.36.1 candidates and 0.37.0 alphas that hold PR #4037', () => {
    const tags = reverted('vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready', { vcluster: '<0.37.0-rc.1' }, { vcluster: ['0.35.3', '0.36.1', '0.37.0-rc.1'] })
    expect(tags).toEqual(
      expect.arrayContaining(['v0.35.3-rc.1', 'v0.35.3-rc.4', 'v0.36.1-rc.1', 'v0.36.1-rc.4', 'v0.37.0-alpha.1', 'v0.37.0-alpha.2'])
    )
  })

  it('catches both resize entries warning on 0.32.0-alpha.0..2, which hold PRs #3494 and #3544', () => {
    expect(reverted('vcluster-resize-not-synced-before-0.32', { vcluster: '<0.32.0-rc.1' })).toEqual(
      expect.arrayContaining(['v0.32.0-alpha.0', 'v0.32.0-alpha.1', 'v0.32.0-alpha.2'])
    )
    expect(reverted('vcluster-resize-needs-host-1.35', { vcluster: '>=0.32.0-rc.1' })).toEqual(
      expect.arrayContaining(['v0.32.0-alpha.0', 'v0.32.0-alpha.1', 'v0.32.0-alpha.2'])
    )
  })

  it('records tags outside the branch history by their code: the 0.37 tags hold the marker, not the commit', () => {
    const row = resultsOf('vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready').tags.find((t) => t.tag === 'v0.37.0-alpha.1')!
    expect(row.holds).toEqual([[false, true]])
    expect(row.affected).toBe(false)
  })
})

// Needs local snapshots of the upstream repositories ($KCG_DB_SNAPSHOTS); CI without them skips.
const repositories = [...new Set(withUpstream.flatMap((each) => each.upstream!.map((change) => change.repository)))]
const present = repositories.every((repository) => hasSnapshot(DEFAULT_SNAPSHOTS, repository))

describe('fix boundaries against the snapshots (live)', () => {
  it.skipIf(!present)('walking the release tags again finds no disagreement and reproduces the committed results', { timeout: 300_000 }, () => {
    const { results, violations: found } = checkFixBoundaries(DEFAULT_SNAPSHOTS, entries)
    expect(found).toEqual([])
    expect(serialise(results)).toBe(readFileSync(join(REPO_ROOT, RESULTS_PATH), 'utf8'))
  })
})
