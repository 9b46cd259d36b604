import { describe, expect, it } from 'vitest'
import { resolveRepository } from '../../src/resolve/resolve.js'
import { scanRepository } from '../../src/scan/scan.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/** An umbrella chart depending on `chart` at `version`, with optional values. */
async function impliedFor(chart: string, version: string, values = ''): Promise<string[]> {
  const root = tempDir()
  writeTree(root, {
    'Chart.yaml': `apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: ${chart}\n    version: "${version}"\n`,
    ...(values ? { 'values.yaml': values } : {})
  })
  const { declarations } = resolveRepository(await scanRepository(root))
  return declarations.filter((d) => d.implied).map((d) => `${d.distro} ${d.raw} @ ${d.file}:${d.line}:${d.column}`)
}

describe('implied virtual Kubernetes version (release defaults, db-facts §6.2)', () => {
  it.each([
    ['0.22.1 ships k8s v1.31.1', 'vcluster', '0.22.1', '', ['k8s v1.31.1 @ Chart.yaml:6:15']],
    ['a patch can ship a newer image than the next minor (0.25.2)', 'vcluster', '0.25.2', '', ['k8s v1.32.8 @ Chart.yaml:6:15']],
    ['0.19 defaults to k3s', 'vcluster', '0.19.3', '', ['k3s v1.29.0-k3s1 @ Chart.yaml:6:15']],
    ['the 0.19 vcluster-k8s chart runs k8s', 'vcluster-k8s', '0.19.3', '', ['k8s v1.29.0 @ Chart.yaml:6:15']],
    ['values that enable k3s pick its default', 'vcluster', '0.23.0', 'vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n', ['k3s v1.32.1-k3s1 @ Chart.yaml:6:15']],
    ['a release candidate takes its release row', 'vcluster', '0.23.0-rc.4', '', ['k8s v1.32.1 @ Chart.yaml:6:15']],
    ['a range within one row', 'vcluster', '~0.22.0', '', ['k8s v1.31.1 @ Chart.yaml:6:15']],
    ['a range across rows implies nothing', 'vcluster', '0.25.x', '', []],
    ['a release with no known default implies nothing', 'vcluster', '0.15.0', '', []],
    ['a version set in values is never overridden', 'vcluster', '0.22.1', 'vcluster:\n  controlPlane:\n    distro:\n      k8s:\n        version: v1.30.0\n', []]
  ])('%s', async (_name, chart, version, values, expected) => {
    expect(await impliedFor(chart, version, values)).toEqual(expected)
  })
})
