import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { uncovered, type Tables } from '../../scripts/db/coverage.js'
import type { Lock } from '../../scripts/db/snapshot.js'
import { bundledDatabase } from '../../src/db/load.js'
import { checkExamples } from '../../src/evaluate/examples.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

const read = (path: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
const lock = read('db/sources.lock.json') as Lock
const tables: Tables = {
  database: bundledDatabase(),
  kindReleases: (read('src/smoke/data/kind-node-images.json') as { releases: Array<{ kind: string }> }).releases.map((row) => row.kind),
  vclusterDefaults: (read('src/scan/data/vcluster-defaults.json') as { rows: Array<{ versions: string }> }).rows
}

describe('staleness: the tables cover every release the pinned sources show', () => {
  it('covers every Kubernetes minor, vcluster minor (0.19 on) and kind release (0.17 on) in db/sources.lock.json', () => {
    expect(uncovered(lock, tables)).toEqual([])
  })

  it('names what is missing when a source shows a newer release', () => {
    const newer: Lock = {
      ...lock,
      sources: [
        ...lock.sources,
        { repository: 'example/upstream', commit: '0'.repeat(40), committed: '2027-01-01', releases: { kubernetes: ['1.99'], vcluster: ['0.99'], kind: ['0.99.0'] }, files: [] }
      ]
    }
    expect(uncovered(newer, tables)).toEqual([
      'Kubernetes 1.99 has no end-of-life date (kubernetes-end-of-life)',
      'vcluster 0.99 has no date in vcluster-end-of-support',
      'vcluster 0.99 has no date in vcluster-end-of-life',
      'vcluster 0.99 has no row in vcluster-untested-kubernetes-version',
      'vcluster 0.99 has no row in src/scan/data/vcluster-defaults.json',
      'kind 0.99.0 is not in src/smoke/data/kind-node-images.json'
    ])
  })

  it('records what each source showed, so the check runs offline', () => {
    const shown = Object.fromEntries(lock.sources.flatMap((source) => Object.entries(source.releases ?? {})))
    expect(Object.keys(shown).sort()).toEqual(['kind', 'kubernetes', 'vcluster'])
  })
})

describe('the database examples in 90 days', () => {
  // Examples without a date run on the given day: a table about to run out fails here first.
  const inNinetyDays = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
  it.each(bundledDatabase().entries.map((entry) => [entry.id, entry] as const))(`%s still behaves as written on ${inNinetyDays}`, (_id, entry) => {
    expect(checkExamples(entry, inNinetyDays)).toEqual([])
  })
})
