import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ApiRemoval } from '../../scripts/db/api.js'
import { newestKnown } from '../../src/db/freshness.js'
import { bundledDatabase } from '../../src/db/load.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

// The hand-written entries (from the deprecation guide) held against the k8s.io/api lifecycle
// markers (db/api-lifecycle.json, generated at the pinned commit): each catches the other's gaps.
const markers = (JSON.parse(readFileSync(join(REPO_ROOT, 'db/api-lifecycle.json'), 'utf8')) as { removals: ApiRemoval[] }).removals
const database = bundledDatabase()
const newest = Number(newestKnown(database).kubernetes!.split('.')[1])
const minor = (version: string): number => Number(version.split('.')[1])

/** `apiVersion Kind` → the minor the hand entries say stops serving it. */
const handRemovals = new Map<string, string>()
for (const entry of database.entries.filter((each) => each.category === 'api-removal')) {
  const removed = /^>=(\d+\.\d+)\.0-0$/.exec(entry.when.cluster ?? '')?.[1]
  for (const use of entry.when.api ?? []) for (const kind of use.kinds) handRemovals.set(`${use.apiVersion} ${kind}`, removed ?? '?')
}
/** API groups served by other repositories than k8s.io/api (apiextensions-apiserver, kube-aggregator). */
const OUTSIDE_K8S_IO_API = ['apiextensions.k8s.io/', 'apiregistration.k8s.io/']
/** The deprecation guide names ReplicaSet in apps/v1beta1 too; k8s.io/api never had the type there. */
const GUIDE_ONLY = ['apps/v1beta1 ReplicaSet']

describe('API removals: hand entries against the k8s.io/api lifecycle markers', () => {
  it('lists every beta API served by default (introduced before 1.24) that a released minor stopped serving', () => {
    const missing = markers
      .filter((api) => minor(api.introduced) < 24 && minor(api.removed) <= newest)
      .filter((api) => handRemovals.get(`${api.apiVersion} ${api.kind}`) !== api.removed)
      .map((api) => `${api.apiVersion} ${api.kind} removed in ${api.removed} (hand: ${handRemovals.get(`${api.apiVersion} ${api.kind}`) ?? 'absent'})`)
    expect(missing).toEqual([])
  })

  it('says the same removal version as the markers for every API it lists (no flowcontrol-in-1.29 mistakes)', () => {
    const byApi = new Map(markers.map((api) => [`${api.apiVersion} ${api.kind}`, api.removed]))
    const disagreeing = [...handRemovals]
      .filter(([api]) => !OUTSIDE_K8S_IO_API.some((group) => api.startsWith(group)) && !GUIDE_ONLY.includes(api))
      .filter(([api, removed]) => byApi.get(api) !== removed)
      .map(([api, removed]) => `${api}: hand ${removed}, markers ${byApi.get(api) ?? 'absent'}`)
    expect(disagreeing).toEqual([])
  })
})
