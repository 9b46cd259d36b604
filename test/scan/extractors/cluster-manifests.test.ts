import { describe, expect, it } from 'vitest'
import { clusterManifests } from '../../../src/scan/extractors/cluster-manifests.js'
import { extractFrom } from '../../helpers/source.js'

const versionsOf = (text: string) =>
  extractFrom(clusterManifests, 'clusters/c.yaml', text).declarations.map(({ version, source, distro, line }) => ({ version, source, distro, line }))

/** A Cluster API Cluster as most are written: references to its control plane and infrastructure, no managed topology. */
const UNMANAGED_CLUSTER = [
  'apiVersion: cluster.x-k8s.io/v1beta1',
  'kind: Cluster',
  'metadata:',
  '  name: legacy',
  'spec:',
  '  controlPlaneRef:',
  '    apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
  '    kind: KubeadmControlPlane',
  '    name: legacy-control-plane'
].join('\n')

describe('cluster-manifests', () => {
  it('reads the version field of every kind it knows', () => {
    const text = [
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'metadata:',
      '  version: "1.31"',
      '---',
      'apiVersion: kubeadm.k8s.io/v1beta4',
      'kind: ClusterConfiguration',
      'kubernetesVersion: v1.32.1',
      '---',
      'apiVersion: cluster.x-k8s.io/v1beta1',
      'kind: Cluster',
      'spec:',
      '  topology:',
      '    version: v1.30.4',
      '---',
      'apiVersion: k3d.io/v1alpha5',
      'kind: Simple',
      'image: rancher/k3s:v1.29.6-k3s1'
    ].join('\n')
    expect(versionsOf(text)).toEqual([
      { version: '1.31', source: 'eksctl', distro: 'eks', line: 4 },
      { version: '1.32.1', source: 'kubeadm', distro: 'k8s', line: 8 },
      { version: '1.30.4', source: 'cluster-api', distro: 'k8s', line: 14 },
      { version: '1.29.6', source: 'k3d-config', distro: 'k3s', line: 18 }
    ])
  })

  it('passes over a Cluster API Cluster without a topology, even next to objects it reads', () => {
    expect(clusterManifests.mightDeclare(UNMANAGED_CLUSTER)).toBe(false)
    const text = `${UNMANAGED_CLUSTER}\n---\napiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nspec:\n  version: v1.31.3\n`
    expect(versionsOf(text)).toEqual([{ version: '1.31.3', source: 'cluster-api', distro: 'k8s', line: 14 }])
  })

  it('still reads a field whose key is quoted', () => {
    const text = 'apiVersion: cluster.x-k8s.io/v1beta1\nkind: MachineDeployment\nspec:\n  template:\n    spec:\n      "version": v1.30.9\n'
    expect(versionsOf(text)).toEqual([{ version: '1.30.9', source: 'cluster-api', distro: 'k8s', line: 6 }])
  })
})
