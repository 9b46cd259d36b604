import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import { upgradesForEntry } from '../../src/evaluate/entry-upgrades.js'

const database = bundledDatabase()
const DATE = '2026-12-07'
const entry = (id: string) => database.entries.find((each) => each.id === id)!

describe('the upgrade path db explain shows for an entry', () => {
  it('gives the seed incident one path per distribution, each with the examples it starts from', () => {
    const paths = upgradesForEntry(entry('vcluster-qosclass-immutable-k8s-1.32'), database, DATE)
    const k3s = paths.find((path) => path.from.includes('vcluster 0.22.1, virtual k3s 1.32.0'))!
    expect(k3s.to).toMatch(/^virtual cluster k8s 1\.\d+, vcluster 0\.\d+\.\d+; keeping k3s: vcluster 0\.23\.0 \(past end of life\)$/)
    const k8s = paths.find((path) => path.from.includes('vcluster 0.22.6, virtual k8s 1.32.0'))!
    expect(k8s.to).toMatch(/^vcluster 0\.\d+\.\d+/)
    expect(k8s.to).not.toContain('keeping')
    // Every example is listed once, under one path.
    const starts = paths.flatMap((path) => path.from)
    expect(new Set(starts).size).toBe(starts.length)
  })

  it('prefers the patch of the example\'s own minor at a fix boundary', () => {
    const paths = upgradesForEntry(entry('vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready'), database, DATE)
    const from036 = paths.find((path) => path.from.includes('vcluster 0.36.0, virtual k8s 1.33.4, host 1.35.0'))!
    expect(from036.to).toMatch(/^vcluster 0\.36\.1\b/)
  })

  it('moves kubectl for the skew entry', () => {
    const paths = upgradesForEntry(entry('kubectl-version-skew'), database, DATE)
    expect(paths.length).toBeGreaterThan(0)
    for (const path of paths) expect(path.to).toMatch(/kubectl 1\.\d+/)
  })

  it('says when an example is judged on a day of its own', () => {
    const paths = upgradesForEntry(entry('kubernetes-end-of-life'), database, DATE)
    expect(paths.flatMap((path) => path.from)).toContain('host 1.20.2 on 2022-02-28')
  })

  it.each(['api-removed-in-1.25', 'resize-policy-with-exec-probes', 'vcluster-end-of-support'])('has none for %s: a manifest, or only a notice', (id) => {
    expect(upgradesForEntry(entry(id), database, DATE)).toEqual([])
  })
})
