import { describe, expect, it } from 'vitest'
import { compareVersions, describeNewest, freshness, newestKnown, STALE_AFTER_DAYS } from '../../src/db/freshness.js'
import kindTable from '../../src/smoke/data/kind-node-images.json' with { type: 'json' }
import { bundledDatabase } from '../../src/db/load.js'
import { buildReport } from '../../src/report/report.js'
import { renderText } from '../../src/report/text.js'

const database = bundledDatabase()

describe('database freshness', () => {
  it('knows the newest Kubernetes minor, vcluster minor and kind release of its tables', () => {
    expect(newestKnown(database)).toEqual({ kubernetes: '1.36', vcluster: '0.37', kind: '0.30.0' })
    expect(describeNewest(newestKnown(database))).toBe('Kubernetes 1.36, vcluster 0.37, kind 0.30.0')
  })

  it('names as its kind the newest release whose node images are judged; newer ones, known only by their default image, are not', () => {
    const newest = newestKnown(database).kind!
    const complete = kindTable.releases.filter((release) => release.complete).map((release) => release.kind)
    expect(newest).toBe(complete.sort(compareVersions).at(-1))
    expect(kindTable.releases.filter((release) => compareVersions(release.kind, newest) > 0).every((release) => !release.complete)).toBe(true)
  })

  it.each([
    ['2026-12-07', 0, false],
    ['2027-03-07', 90, false],
    ['2027-03-08', 91, true]
  ])(`on %s the ${database.date} data is %i days old; warned: %s`, (date, days, warned) => {
    const fresh = freshness({ ...database, date: '2026-12-07' }, date)
    expect(fresh.ageDays).toBe(days)
    expect(fresh.warning !== undefined).toBe(warned)
    if (warned) expect(fresh.warning).toContain(`is ${days} days old (dated 2026-12-07)`)
    expect(days > STALE_AFTER_DAYS).toBe(warned)
  })
})

describe('the report tells the database age and newest releases', () => {
  const input = { database, declarations: [], environments: [], findings: [], diagnostics: [], filesScanned: 0, passed: true }

  it('carries newest releases and age on the evaluation date, and warns past 90 days', () => {
    const fresh = buildReport({ ...input, date: database.date })
    expect(fresh.database).toMatchObject({ newest: newestKnown(database), ageDays: 0 })
    expect(fresh.database.warning).toBeUndefined()
    const stale = buildReport({ ...input, date: '2030-01-01' })
    expect(stale.database.warning).toMatch(/^the bundled database is \d+ days old/)
    const text = renderText(stale, { color: false })
    expect(text).toContain(`newest releases the database judges: ${describeNewest(newestKnown(database))} (more in \`kube-compat-gate db list\`)`)
    expect(text).toContain(`warning: ${stale.database.warning}`)
  })
})
