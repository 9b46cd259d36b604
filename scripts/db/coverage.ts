/**
 * Releases that the pinned sources show and our tables do not cover: the test that fails
 * when the data falls behind upstream (test/db/coverage.test.ts). Pure: the lock holds the
 * release lists, so it runs offline.
 */
import { phaseDate } from '../../src/evaluate/conditions/lifecycle.js'
import type { Database } from '../../src/db/schema.js'
import { matchRange } from '../../src/versions/range.js'
import { parseVersion } from '../../src/versions/parse.js'
import type { Lock } from './snapshot.js'

export interface Tables {
  database: Database
  kindReleases: readonly string[]
  vclusterDefaults: ReadonlyArray<{ versions: string }>
}

const byVersion = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

export function uncovered(lock: Lock, tables: Tables): string[] {
  const released = (component: string): string[] =>
    [...new Set(lock.sources.flatMap((source) => source.releases?.[component] ?? []))].sort(byVersion)
  const entry = (id: string) => tables.database.entries.find((each) => each.id === id)
  const problems: string[] = []
  const inRange = (version: string, range: string): boolean => {
    const parsed = parseVersion(version)
    return parsed.ok && parsed.value.kind !== 'range' && matchRange(parsed.value, range) === 'affected'
  }

  const kubernetes = entry('kubernetes-end-of-life')?.when.lifecycle
  for (const minor of released('kubernetes')) {
    if (!kubernetes || phaseDate(kubernetes, minor) === undefined) problems.push(`Kubernetes ${minor} has no end-of-life date (kubernetes-end-of-life)`)
  }

  const support = entry('vcluster-untested-kubernetes-version')?.when.outsideSupport ?? []
  for (const minor of released('vcluster').filter((each) => byVersion(each, '0.19') >= 0)) {
    for (const id of ['vcluster-end-of-support', 'vcluster-end-of-life']) {
      if (entry(id)?.when.lifecycle?.dates[minor] === undefined) problems.push(`vcluster ${minor} has no date in ${id}`)
    }
    if (!support.some((row) => inRange(`${minor}.0`, row.vcluster))) problems.push(`vcluster ${minor} has no row in vcluster-untested-kubernetes-version`)
    if (!tables.vclusterDefaults.some((row) => inRange(`${minor}.0`, row.versions))) problems.push(`vcluster ${minor} has no row in src/scan/data/vcluster-defaults.json`)
  }

  for (const release of released('kind').filter((each) => byVersion(each, '0.17.0') >= 0)) {
    if (!tables.kindReleases.includes(release)) problems.push(`kind ${release} is not in src/smoke/data/kind-node-images.json`)
  }
  return problems
}
