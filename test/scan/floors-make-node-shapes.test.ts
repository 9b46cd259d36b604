import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scanRepository } from '../../src/scan/scan.js'
import { declarationRow, diagnosticRow } from './fixture-rows.js'

const SHAPES = join(import.meta.dirname, '..', 'fixtures', 'corpus-shapes')

/**
 * What the shell, Make, installer and floor readings make of their corpus shapes, row by row: the
 * corpus score only checks file, line and version; these rows also hold the constraint flag, the
 * distro, the column, and that nothing else (a commented floor, an etcd version, a non-version
 * value, KubeKey's own version) is read.
 */
const CASES: Array<{ name: string; shape: string; declarations: string[]; diagnostics: Array<string | RegExp> }> = [
  {
    name: 'a minimum Kubernetes version is a constraint (>=), never a deployed version',
    shape: 'version-floors',
    declarations: [
      'kubernetes/host >=1.28.0 constraint @ bundle/manifests/widget-operator.clusterserviceversion.yaml:9:19',
      'kubernetes/host >=1.29 constraint @ .github/workflows/supported-versions.yml:7:17',
      'kubernetes/host >=1.30.2 constraint @ scripts/check-env.sh:5:27'
    ],
    diagnostics: []
  },
  {
    name: 'Make assignments with export, per-minor and computed names, an envtest minor, recipe downloads',
    shape: 'make-computed-names',
    declarations: [
      'kind 0.26.0 @ Makefile:11:49',
      'kubectl 1.31.4 @ Makefile:14:40',
      'kubernetes/host 1.30 @ Makefile:3:17',
      'kubernetes/host 1.31 @ make/cluster.mk:5:21',
      'kubernetes/host 1.31.0 @ Makefile:4:50',
      'kubernetes/host kind 1.30.9 @ make/cluster.mk:2:31',
      // The node image of `kind create cluster`, through $(KINDEST_NODE_VERSION_$(KIND_K8S_VERSION)).
      'kubernetes/host kind 1.31.5 @ make/cluster.mk:3:31'
    ],
    diagnostics: []
  },
  {
    name: 'each Kubernetes version a Cluster API e2e config names, and a sample .envrc; not bootstrap commands',
    shape: 'capi-e2e-variables',
    declarations: [
      'kubernetes/host 1.31.7 @ test/e2e/config/acme.yaml:17:37',
      'kubernetes/host 1.32.1 @ test/e2e/config/acme.yaml:19:28',
      'kubernetes/host 1.32.3 @ .envrc.sample:5:27',
      'kubernetes/host 1.32.3 @ test/e2e/config/acme.yaml:15:35',
      'kubernetes/host 1.32.3 @ test/e2e/config/acme.yaml:16:46',
      'kubernetes/host 1.32.3 @ test/e2e/config/acme.yaml:18:35',
      // Not templates/bootstrap.yaml: its preKubeadmCommands repeat the Cluster's version.
      'kubernetes/host k8s 1.32.3 @ templates/cluster.yaml:8:14'
    ],
    diagnostics: []
  },
  {
    name: 'Butane scripts, upgrade Plans, GKE builds, KubeKey and sealos; the installer without a version is named',
    shape: 'node-provisioning',
    declarations: [
      'kubernetes/host 1.29.9 @ .github/workflows/installers.yml:13:49',
      'kubernetes/host 1.30.4 @ .github/workflows/installers.yml:8:57',
      'kubernetes/host gke 1.29.8 @ terraform/gke/legacy.tf:4:24',
      'kubernetes/host gke 1.30.5 @ terraform/gke/variables.tf:7:14',
      'kubernetes/host k3s 1.31.6 @ butane/agent.bu:10:62',
      'kubernetes/host k3s 1.32.2 @ upgrade/plans.yaml:11:12',
      'kubernetes/host rke2 1.31.5 @ upgrade/plans.yaml:22:12'
    ],
    diagnostics: [/^butane\/server\.bu:10 the k3s installer without INSTALL_K3S_VERSION/]
  },
  {
    name: 'tools installed without a version are named at their line; pinned installs are declared',
    shape: 'tool-installs',
    declarations: [
      'kubectl 1.30 @ tools/Dockerfile.pinned:3:56',
      'kubectl 1.30.6 @ devbox.json:5:17',
      'kubernetes/host kind 1.30.6 @ kind/pinned.yaml:5:25',
      'vcluster 0.21.2 @ capi/pinned.sh:3:22'
    ],
    diagnostics: [
      /^\.github\/workflows\/deploy\.yml:7 tale\/kubectl-action without "kubectl-version"/,
      /^capi\/tenants\.sh:3 clusterctl generate cluster --infrastructure vcluster without CHART_VERSION/,
      /^devbox\.json:4 kind in devbox\.json: "latest" is not pinned/,
      /^devbox\.json:6 helm in devbox\.json: "latest" is not pinned/,
      /^hack\/up\.sh:3 kind create cluster --config kind\/dev\.yaml \(no node image there\): the Kubernetes version is the tool's default/,
      /^kind\/dev\.yaml:1 kind cluster config without a node image/,
      /^tools\/Dockerfile:4 kubectl package: installed from the package repository without a version/
    ]
  },
  {
    name: 'tool pins in bash arrays, a k3s release candidate and a DigitalOcean slug read as their Kubernetes release',
    shape: 'tool-pin-arrays',
    declarations: [
      'kind 0.25.0 @ targets/dev/env.sh:4:9',
      'kubectl 1.29.7 @ targets/mini/env.sh:2:47',
      'kubectl 1.30.4 @ targets/dev/env.sh:5:12',
      'kubernetes/host doks 1.29.1 @ do/main.tf:4:14',
      'kubernetes/host k3s 1.29.4 @ k3d/cluster.yaml:6:20',
      'kubernetes/host kind 1.30.6 @ hack/versions.sh:4:3',
      'kubernetes/host kind 1.31.2 @ hack/versions.sh:5:3',
      // Not helm=, minikube=, yq=, k9s=, the commented kubectl=1.20.0; [kind]=latest is no version.
      'vcluster 0.21.1 @ hack/versions.sh:2:29'
    ],
    diagnostics: []
  },
  {
    name: 'k0s builds under any name, envtest Kubernetes, an Ansible role default in a release URL, Ansible apt tasks',
    shape: 'installer-shapes',
    declarations: [
      // `setup-envtest use 1.30.x!` in a run block: the newest patch of 1.30.
      'kubernetes/host 1.30 @ .github/workflows/upgrade.yml:15:58',
      'kubernetes/host 1.30.4 @ roles/nodes/tasks/main.yml:5:17',
      'kubernetes/host 1.31.2 @ Makefile:1:16',
      'kubernetes/host k0s 1.29.8 @ .github/workflows/upgrade.yml:8:13',
      // The quoted default of `${FROM:-"v1.29.8+k0s.0"}`, not the commented TO.
      'kubernetes/host k0s 1.29.8 @ smoke/upgrade.sh:2:15',
      // vars/main.yml's URL `v{{ vc_cli_release }}`, at the role default.
      'vcluster 0.20.4 @ roles/vc/defaults/main.yml:2:17'
    ],
    diagnostics: [
      /^roles\/nodes\/tasks\/main\.yml:4 kubelet package: installed from the package repository without a version/,
      /^roles\/nodes\/tasks\/main\.yml:6 kubectl package: installed from the package repository without a version/
    ]
  }
]

describe('minimums, Make names, e2e variables, node provisioning and tool installs', () => {
  it.each(CASES)('$name', async ({ shape, declarations, diagnostics }) => {
    const scan = await scanRepository(join(SHAPES, shape, 'repo'))
    expect(scan.declarations.map(declarationRow).sort()).toEqual(declarations)
    expect(scan.diagnostics.map(diagnosticRow).sort()).toEqual(diagnostics.map((row) => (typeof row === 'string' ? row : expect.stringMatching(row))))
  })
})
