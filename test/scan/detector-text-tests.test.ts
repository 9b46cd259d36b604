import { describe, expect, it } from 'vitest'
import { DETECTOR_WORDS } from '../../src/scan/detectors/index.js'
import { namedValue } from '../../src/scan/detectors/named-value.js'
import { toolPackage } from '../../src/scan/detectors/tool-package.js'
import { vclusterConfigKeys } from '../../src/scan/detectors/vcluster-config-keys.js'

/** Every Cluster API `Cluster` names its control plane, and holds no version. */
const CAPI_CLUSTER = [
  'apiVersion: cluster.x-k8s.io/v1beta1',
  'kind: Cluster',
  'spec:',
  '  controlPlaneRef:',
  '    apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
  '    kind: KubeadmControlPlane',
  '    name: c-control-plane',
  ''
].join('\n')

const CONTROL_PLANE = 'apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nspec:\n  version: v1.31.3\n'

// A document that passes a detector's text test is parsed and walked for it: the tests let through what the detector reads, and not the rest.
describe('detector text tests', () => {
  it.each([
    ['a Cluster API Cluster', CAPI_CLUSTER, false],
    ['a control plane with spec.version', CONTROL_PLANE, true],
    ['a control plane in JSON', '{"kind": "RKE2ControlPlane", "spec": {"version": "v1.30.2+rke2r1"}}', true],
    ['a control plane version key with a dot', 'ControlPlane.version: 1.30.1\n', true],
    ['a named key', 'kubernetes_version: 1.30.1\n', true]
  ])('named-value on %s: %s', (_name, text, expected) => {
    expect(namedValue.mightDetect(text)).toBe(expected)
  })

  it.each([
    ['a Cluster API Cluster', CAPI_CLUSTER, false],
    ['vcluster values', 'controlPlane:\n  distro:\n    k3s:\n      image:\n        tag: v1.30.2-k3s1\n', true],
    ['a distro key in other case', 'controlPlane:\n  Distro:\n    K8S:\n      version: v1.30.2\n', true]
  ])('vcluster-config on %s', (_name, text, expected) => {
    expect(vclusterConfigKeys.mightDetect(text)).toBe(expected)
  })

  it.each([
    ['an aqua package', '- name: kubernetes-sigs/kind@v0.24.0\n', true],
    ['a CUE tool entry', 'kubectl: {package: "kubernetes/kubernetes/kubectl", version: "v1.30.6"}\n', true],
    ['a release list', '- repo: loft-sh/vcluster\n  version: v0.21.1\n', true],
    ['other tools', '- name: cli/cli@v2.60.0\n- package: mikefarah/yq\n', false]
  ])('tool-package on %s', (_name, text, expected) => {
    expect(toolPackage.mightDetect(text)).toBe(expected)
    if (expected) expect(DETECTOR_WORDS.test(text)).toBe(true)
  })
})
