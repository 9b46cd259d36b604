import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DETECTOR_WORDS, DETECTORS } from '../../src/scan/detectors/index.js'
import { formatOf } from '../../src/scan/detectors/formats.js'
import { viewOf } from '../../src/scan/detectors/file-view.js'
import { emptyExtraction } from '../../src/scan/extractors/extractor.js'
import { SourceFile } from '../../src/scan/source-file.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/**
 * Each generic detector alone, on every format it reads, with text made of the words the
 * detectors give meaning to: it returns (never throws), places what it finds inside the file,
 * and hostile shapes (long paths, endless anchors, unclosed quotes and braces) finish.
 */
const PATHS = ['roles/vc/vars/main.yml', 'node.bu', '.envrc.sample', 'make/kind.mk', 'values.yaml', 'config.json', 'main.tf', 'prod.tfvars', 'app.toml', 'vc.jsonnet', 'chart/templates/app.yaml', 'x.yaml.tmpl', 'hack/up.sh', 'Makefile', 'Justfile', 'Dockerfile', '.env', 'bin/deploy', 'airgap/images.txt', 'stack/main.tf.tpl', 'kcl/main.k', 'stack/prod.tfvars.example', '.devcontainer/devcontainer.json', 'src/vcluster/devcontainer-feature.json', 'test/kind/scenarios.json', '.github/workflows/e2e.yaml']

const WORDS = [
  '\n', ' ', '  ', '- ', ': ', ' = ', '"', "'", '#', '//', '/*', '*/', '{', '}', '[', ']', ',', '${', '}', '$(', ')', '{{ ', ' }}', '{{- if .X }}', ':-', '=',
  'chart', 'chartVersion', 'targetRevision', 'repoURL', 'https://charts.loft.sh', 'oci://ghcr.io/loft-sh/vcluster', 'vcluster', 'vcluster-k8s', 'version', 'name',
  'image', 'repository', 'registry', 'tag', 'kindest/node', 'rancher/k3s', 'k0sproject/k0s', 'registry.k8s.io/kube-apiserver', 'ghcr.io/loft-sh/vcluster-pro',
  'bitnami/kubectl', 'alpine/k8s', ':v1.31.4', ':v1.30.2-k3s1', ':latest', '@sha256:', 'KUBERNETES_VERSION', 'kind_version', 'k8sVersion', 'cluster_version',
  '--kubernetes-version', '--chart-version', 'eksctl create cluster --version', 'variable "kubernetes_version" {', 'default', 'type', 'var.x', 'controlPlane',
  'distro', 'k8s', 'k3s', 'jobs', 'steps:', 'run: ', 'uses: helm/kind-action@v1', '# renovate: datasource=docker depName=kindest/node\n',
  'https://github.com/loft-sh/vcluster/releases/download/v0.22.1/vcluster-linux-amd64', 'https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl',
  'apiVersion: management.loft.sh/v1\n', 'helmRelease', 'values: |-\n', 'parameters: |\n', 'variable', 'defaultValue', 'k8sVersions', 'KUBEVERSION=', 'snap install microk8s --channel=', '1.30/stable', 'version_prefix', 'kind: RKE2ControlPlane\n', 'controlplane.cluster.x-k8s.io/v1', 'var.loft_chart', ' \\\n',
  '{{ .Values.cluster.version }}', '{{ $.Values.a.b | quote }}', 'locals {\n', 'yamldecode(file(find_in_parent_folders("env.yaml")))', 'local.env.a.b', 'inputs = {', 'uses: ./', 'uses: ./.github/actions/setup\n', 'with:\n', 'default: latest\n', 'description: kind CLI release\n', 'orchestrator_version', 'kubernetes_version_min', 'initial_k3s_channel', 'kube_tag', 'k8s_release', 'declare -rx ', 'readonly ', 'RUN ', 'RUN --mount=type=cache ', ' && ',
  'curl -sfL https://get.k3s.io | sh -', 'INSTALL_K3S_CHANNEL=', 'https://dl.k8s.io/release/stable.txt', 'github.com/loft-sh/vcluster/releases/latest/download/vcluster', 'istio/kubectl:1.23.2', 'registry.k8s.io/kube-proxy:v1.31.1',
  'MINIMAL_K8S: ', 'minKubeVersion: ', 'min_kubernetes_version=', 'KINDEST_NODE_VERSION_v1.31 ?= ', 'export ', ' ?= ', 'override ', 'ENVTEST_VERSION=1.30.x!', '$(A_$(B))', 'variables:\n  ', 'KUBERNETES_VERSION_UPGRADE_TO: ', 'KUBERNETES_VERSION_ACME: ',
  'apiVersion: upgrade.cattle.io/v1\nkind: Plan\nspec:\n  version: ', 'rancher/rke2-upgrade', 'gke_version', '1.30.5-gke.1014001', 'https://dl.k8s.io/release/v1.31.0/bin/$$(go env GOOS)/', 'kubectl', './kk create cluster --with-kubernetes v1.30.4', 'sealos run labring/kubernetes:v1.29.9', 'apt-get install -y kubectl', 'kubectl=1.30.*', 'clusterctl generate cluster x --infrastructure vcluster', 'kind create cluster --config kind.yaml', 'preKubeadmCommands:\n', '  - export KUBERNETES_VERSION=1.31.0\n',
  '"features": {', '"ghcr.io/devcontainers/features/kubectl-helm-minikube:1": {', '"vcluster": {}', '"kind": {', '"version": ', '"options": {', '"id": "vcluster"', '"default": "latest"', 'matrix:\n', 'strategy:\n', '${{ matrix.k8s-version }}', 'k8s-version: 1.31.x',
  'properties:\n', 'default: vcluster\n', 'v1.21.6+k0s.0', '"v1.30.2-rc3+k3s1"', 'K0S_FROM=${K0S_FROM:-"', 'apt:\n  pkg:\n    - ', 'kubeadm', 'kubelet=1.30.1-1.1', 'ansible.builtin.package:\n', 'v{{ vcluster_ver }}', 'vcluster_ver: ', 'package: ', '- name: kubernetes-sigs/kind@', 'kubernetes/kubernetes/kubectl', 'repo: loft-sh/vcluster', '@', "import 'github.com/x/vcluster-libsonnet/main.libsonnet'", 'import "', 'default = {', 'option("x") or ', 'min_master_version = 1.25.6-gke.2000', '0.22.1', '1.32', '99999999999999999999', '__proto__', 'constructor', '\u0000', '\uFFFD', '😀'
]
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }).map((parts) => parts.join(''))

function expectInside(text: string, path: string, location: { file: string; line?: number; column?: number }): void {
  expect(location.file).toBe(path)
  if (location.line === undefined) return
  const lines = text.split('\n')
  expect(location.line).toBeGreaterThanOrEqual(1)
  expect(location.line).toBeLessThanOrEqual(lines.length)
  if (location.column !== undefined) expect(location.column).toBeLessThanOrEqual(lines[location.line - 1]!.length + 1)
}

function detect(detectorIndex: number, path: string, input: string) {
  const format = formatOf(path)!
  const file = new SourceFile(path, input)
  const out = emptyExtraction()
  DETECTORS[detectorIndex]!.detect(viewOf(file, format, () => true), out)
  return out
}

describe('every generic detector on random and hostile text (fuzz)', () => {
  it('reads each of its formats', () => {
    expect(PATHS.map((path) => formatOf(path))).not.toContain(undefined)
  })

  it.each(DETECTORS.map((detector, index) => [detector.id, index] as const))('%s never throws and places everything inside the file', (_id, index) => {
    fc.assert(
      fc.property(text, fc.constantFrom(...PATHS), (input, path) => {
        const out = detect(index, path, input)
        for (const declaration of out.declarations) {
          expectInside(input, path, declaration)
          expect(declaration.confidence).toBe('inferred')
        }
        for (const diagnostic of out.diagnostics) expectInside(input, path, diagnostic)
      }),
      fuzzParameters(120)
    )
  })

  const HOSTILE: Array<[string, string]> = [
    ['a 40,000-segment path before an anchor', `${'a/'.repeat(40_000)}kindest/node:v1.31.0\n`],
    ['20,000 anchors without tags on one line', 'rancher/k3s '.repeat(20_000)],
    ['an unclosed quote and 100,000 hashes', `x: "${'#'.repeat(100_000)}`],
    ['20,000 nested braces', `${'{'.repeat(20_000)}chart = "vcluster"`],
    ['a line of 20,000 assignments', 'K8S_VERSION=1.31.0 '.repeat(20_000)],
    ['20,000 flags without values', '--kubernetes-version '.repeat(20_000)],
    ['20,000 renovate hints', '# renovate: depName=kindest/node\n'.repeat(20_000)],
    ['a YAML string nested 300 levels inside a release', `apiVersion: management.loft.sh/v1\nspec:\n  values: |-\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 2)}k${i}:`).join('\n')} v1.31.0\n`],
    ['5,000 YAML strings that hold YAML', `apiVersion: x.loft.sh/v1\nitems:\n${'  - values: |-\n      k8sVersion: v1.31.0\n'.repeat(5_000)}`],
    ['20,000 continued lines before 5,000 flags', `${'x \\\n'.repeat(20_000)}${'--kubernetes-version 1.31.0 \\\n'.repeat(5_000)}`],
    ['2,000 control-plane images in one object', `apiVersion: v1\nkind: Pod\n${'  - image: gcr.io/google_containers/kube-scheduler-amd64:v1.18.2\n'.repeat(2_000)}`],
    ['20,000 k3s installers', 'curl -sfL https://get.k3s.io | sh -\n'.repeat(20_000)],
    ['a list of 20,000 control-plane images', 'registry.k8s.io/kube-apiserver:v1.31.1\n'.repeat(20_000)],
    ['20,000 declare options before an assignment', `declare ${'-r '.repeat(20_000)}KUBERNETES_VERSION=v1.31.0\n`],
    ['5,000 Helm values references in a control plane', `apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nspec:\n${'  version: {{ .Values.a.b }}\n'.repeat(5_000)}`],
    ['5,000 decoded locals and references', `locals {\n${'  e = yamldecode(file("e.yaml"))\n'.repeat(5_000)}}\ninputs = {\n${'  kubernetes_version = local.e.a.b\n'.repeat(5_000)}}\n`],
    ['5,000 names nested 5,000 deep in an object', `inputs = {\n${'a = {\n'.repeat(5_000)}v = local.e.${'x.'.repeat(5_000)}y\n}\n`],
    ['a Make name computed 5,000 levels deep', `X ?= ${'$(A_'.repeat(5_000)}B${')'.repeat(5_000)}\nKINDEST_NODE_VERSION_v1.31 ?= v1.31.0\n`],
    ['a kubectl download path of 20,000 commands', `https://dl.k8s.io/release/v1.31.0/bin/${'$$(go env GOOS)/'.repeat(20_000)}\n`],
    ['20,000 assignments in bootstrap commands', `spec:\n  preKubeadmCommands:\n${'    - export KUBERNETES_VERSION=1.31.0 && kubeadm init --kubernetes-version $KUBERNETES_VERSION\n'.repeat(20_000)}`],
    ['20,000 minimums and e2e variables', `variables:\n${'  KUBERNETES_VERSION_X: v1.31.0\n  MINIMAL_K8S: "1.29"\n'.repeat(10_000)}`],
    ['5,000 dev container features without a version', `{"features": {${Array.from({ length: 5_000 }, (_, i) => `"ghcr.io/x/features/vcluster:${i}": {}`).join(', ')}}}`],
    ['a 5,000-entry matrix referenced 5,000 times', `jobs:\n  t:\n    strategy:\n      matrix:\n        k8s-version: [${'1.31.x, '.repeat(5_000)}1.32.x]\n    steps:\n${'      - with: { k8s-version: "${{ matrix.k8s-version }}" }\n'.repeat(5_000)}`],
    ['20,000 k0s versions in a list and in defaults', `k0s_from:\n${'  - v1.21.6+k0s.0\n'.repeat(10_000)}${'K=${K:-"v1.21.6+k0s.0"}\n'.repeat(10_000)}`],
    ['20,000 Kubernetes packages of one apt task', `- apt:\n    pkg:\n${'      - kubeadm\n      - kubectl=1.31.0-1.1\n'.repeat(10_000)}`],
    ['5,000 role variables in release URLs', `vars:\n${'  u: https://github.com/loft-sh/vcluster/releases/download/v{{ vcluster_ver }}/vcluster\n'.repeat(5_000)}`],
    ['5,000 name/value pairs', `apiVersion: v1\nkind: vcluster\nenv:\n${'  - { name: KUBERNETES_VERSION, value: v1.31.0 }\n'.repeat(5_000)}`]
  ]

  it.each(HOSTILE)('finishes on %s', (_name, input) => {
    for (const path of ['values.yaml', 'main.tf', 'hack/up.sh', 'x.tmpl', 'images.txt', 'chart/templates/cp.yaml']) {
      for (let index = 0; index < DETECTORS.length; index++) expect(() => detect(index, path, input)).not.toThrow()
    }
  }, 60_000)
})

describe('the layer pre-filter', () => {
  it.each(WORDS.filter((word) => DETECTORS.some((detector) => detector.mightDetect(word))))('passes whatever a detector passes: %j', (word) => {
    expect(DETECTOR_WORDS.test(word)).toBe(true)
  })
})
