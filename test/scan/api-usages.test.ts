import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listedApiVersions } from '../../src/db/api-versions.js'
import { bundledDatabase } from '../../src/db/load.js'
import { runGate } from '../../src/pipeline.js'
import { spellsApiVersion } from '../../src/scan/extractors/api-version-text.js'
import { scanRepository } from '../../src/scan/scan.js'
import { REPO_ROOT, tempDir, writeTree } from '../helpers/run-bundle.js'

const apiVersions = listedApiVersions(bundledDatabase())

/** The limited scan equals the full one, less the uses of APIs the database does not name. */
async function expectLimitedScan(root: string): Promise<void> {
  const all = await scanRepository(root)
  const limited = await scanRepository(root, { apiVersions })
  expect(limited.usages).toEqual(all.usages.filter((usage) => usage.feature !== 'api' || apiVersions.has(usage.apiVersion!)))
  expect({ ...limited, usages: [] }).toEqual({ ...all, usages: [] })
}

describe('API uses, limited to the apiVersions the database names', () => {
  it('lists every apiVersion of the entries that check APIs', () => {
    expect(apiVersions.has('batch/v1beta1')).toBe(true)
    expect(apiVersions.has('apps/v1')).toBe(false)
  })

  it('finds an apiVersion spelled anywhere in a text, with or without a group', () => {
    const spells = spellsApiVersion(['batch/v1beta1', 'policy/v1beta1'])
    expect(spells('kind: CronJob\napiVersion: "batch/v1beta1"\n')).toBe(true)
    expect(spells('image: registry.k8s.io/policy/v1beta1x\n')).toBe(true)
    expect(spells('apiVersion: batch/v1\nimage: a/b:c\n')).toBe(false)
    expect(spellsApiVersion(['v1'])('apiVersion: v1\n')).toBe(true)
  })

  it('records exactly the uses of listed APIs, and finds the same versions and diagnostics', async () => {
    const root = tempDir()
    writeTree(root, {
      'hack/kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - image: kindest/node:v1.25.3\n',
      'apps/all.yaml': 'apiVersion: batch/v1beta1\nkind: CronJob\n---\napiVersion: apps/v1\nkind: Deployment\n---\napiVersion: v1\nkind: Service\n'
    })
    await expectLimitedScan(root)
    expect((await scanRepository(root, { apiVersions })).usages.map((usage) => usage.apiVersion)).toEqual(['batch/v1beta1'])
  })

  it('leaves the gate on the examples as it was', async () => {
    for (const example of ['vcluster-upgrade-to-1.32', 'vcluster-0.23-with-1.32']) await expectLimitedScan(join(REPO_ROOT, 'examples', example))
    const gate = await runGate({ root: join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32'), failOn: 'error', date: '2026-11-22' })
    expect(gate.report.findings.map((finding) => finding.id)).toContain('vcluster-qosclass-immutable-k8s-1.32')
  })
})
