import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundledDatabase } from '../../src/db/load.js'
import { DatabaseMeta, Entry } from '../../src/db/schema.js'
import { validateEntryFile } from '../../src/db/validate-file.js'
import { checkExamples } from '../../src/evaluate/examples.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

const database = bundledDatabase()

describe('the bundled database', () => {
  it('has at least 30 entries and a version and date', () => {
    expect(database.entries.length).toBeGreaterThanOrEqual(30)
    expect(database.version).toMatch(/\S/)
    expect(database.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('never has two entries with one id', () => {
    const ids = database.entries.map((entry) => entry.id)
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
  })

  it.each(database.entries.map((entry) => [entry.id, entry] as const))('%s names an https source and the day it was verified', (_id, entry) => {
    expect(entry.references.length).toBeGreaterThan(0)
    for (const reference of entry.references) expect(new URL(reference).protocol).toBe('https:')
    expect(entry.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it.each(database.entries.map((entry) => [entry.id, entry] as const))('%s fires on its affected examples and not on its unaffected ones', (_id, entry) => {
    expect(entry.examples?.affected.length ?? 0).toBeGreaterThan(0)
    expect(entry.examples?.unaffected.length ?? 0).toBeGreaterThan(0)
    expect(checkExamples(entry, database.date)).toEqual([])
  })

  it('never ships an unverified fact as an error', () => {
    expect(database.entries.filter((entry) => entry.confidence === 'unverified' && entry.severity === 'error')).toEqual([])
  })

  it('is loaded as it was validated: the JSON equals what the schema makes of it', () => {
    // The runtime does not validate the bundle again; this holds it to the schema instead.
    expect(DatabaseMeta.parse({ version: database.version, date: database.date })).toEqual({ version: database.version, date: database.date })
    expect(Entry.array().parse(structuredClone(database.entries))).toEqual(database.entries)
  })

  it('cannot be changed by one run for the next', () => {
    const first = database.entries[0]!
    expect(() => {
      ;(first as { severity: string }).severity = 'notice'
    }).toThrow(TypeError)
    expect(() => (first.references as string[]).push('https://example.com')).toThrow(TypeError)
    expect(bundledDatabase().entries[0]).toBe(first)
  })

  it('is what db/*.yaml holds (src/db/bundled-db.json is rebuilt)', () => {
    const dir = join(REPO_ROOT, 'db')
    const ids: string[] = []
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') && n !== 'database.yaml').sort()) {
      const result = validateEntryFile(readFileSync(join(dir, name), 'utf8'), `db/${name}`, database.date)
      expect(result.ok ? [] : result.problems).toEqual([])
      if (result.ok) ids.push(...result.entries.map((entry) => entry.id))
    }
    expect(ids).toEqual(database.entries.map((entry) => entry.id))
  })
})

describe('entries the product is built around', () => {
  const entry = (id: string) => {
    const found = database.entries.find((each) => each.id === id)
    if (!found) throw new Error(`no entry ${id}`)
    return found
  }

  it('keeps the seed qosClass entry as the contract says', () => {
    expect(entry('vcluster-qosclass-immutable-k8s-1.32')).toMatchObject({
      severity: 'error',
      when: { vcluster: '<0.23.0-rc.3', virtual: '>=1.32.0-0' },
      references: expect.arrayContaining([
        'https://github.com/loft-sh/vcluster/issues/2472',
        'https://github.com/loft-sh/vcluster/pull/2427',
        'https://github.com/kubernetes/kubernetes/pull/127744'
      ])
    })
  })

  it('0.23.0-rc.3, which has the fix by git history but not in its released form, is a warning of its own', () => {
    expect(entry('vcluster-qosclass-immutable-k8s-1.32-rc.3')).toMatchObject({
      severity: 'warning',
      when: { vcluster: '0.23.0-rc.3', virtual: '>=1.32.0-0' },
      minimumSafe: { vcluster: '0.23.0-rc.4' }
    })
  })

  it('the seed signature matches the syncer event of loft-sh/vcluster#2472', () => {
    const event =
      'Error syncing: patch virtual object: update object status: Pod "web-0" is invalid: status.qosClass: Invalid value: "Burstable": field is immutable'
    expect(entry('vcluster-qosclass-immutable-k8s-1.32').signatures.some((s) => new RegExp(s).test(event))).toBe(true)
  })

  it('the runc entry carries the exact runtime message as a signature, and it matches the kubelet event', () => {
    const runc = entry('runc-cgroup-v1-unable-to-freeze')
    expect(runc.signatures).toContain('error setting cgroup config for procHooks process: unable to freeze')
    const event =
      'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting cgroup config for procHooks process: unable to freeze: unknown'
    expect(runc.signatures.some((s) => new RegExp(s).test(event))).toBe(true)
  })

  it('the #3578 entry matches the JSON-escaped syncer log of the vcluster docs', () => {
    const log =
      'Reconciler error {"component": "vcluster", "controller": "pod", "error": "sync: patch host object: update object status: Pod \\"web-0\\" is invalid: status.qosClass: Invalid value: \\"BestEffort\\": field is immutable"}'
    expect(entry('vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready').signatures.some((s) => new RegExp(s).test(log))).toBe(true)
  })
})
