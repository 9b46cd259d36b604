/**
 * Structured-file shapes read by meaning (issue 18, set C): each case is a small repository written
 * for this test, scanned by the real scanner; the declarations it must give (file:line component
 * version, source, confidence) and the lookalikes it must not.
 */
import { describe, expect, it } from 'vitest'
import { listEngine } from '../../src/scan/detectors/version-list.js'
import { fileScanner } from '../helpers/scan-files.js'

const scanFiles = fileScanner('kcg-structured-')

function found(result: Awaited<ReturnType<typeof scanFiles>>): string[] {
  return result.declarations.map((d) => `${d.file}:${d.line} ${d.component}${d.role ? `/${d.role}` : ''} ${d.version} ${d.source} ${d.confidence ?? 'exact'}`).sort()
}

interface Case {
  name: string
  files: Record<string, string>
  declares: string[]
}

const CASES: Case[] = [
  {
    name: 'a JSON list of versions named for kind nodes',
    files: { '.github/kind_versions.json': '[\n  "v1.31.4",\n  "v1.30.8"\n]\n' },
    declares: ['.github/kind_versions.json:2 kubernetes/host 1.31.4 version-list inferred', '.github/kind_versions.json:3 kubernetes/host 1.30.8 version-list inferred']
  },
  {
    name: 'a YAML list of Kubernetes minors behind a comment',
    files: { 'ci/supported-k8s-versions.yaml': '# minors under test\n- "1.32"\n- 1.31\n' },
    declares: ['ci/supported-k8s-versions.yaml:2 kubernetes/host 1.32 version-list inferred', 'ci/supported-k8s-versions.yaml:3 kubernetes/host 1.31 version-list inferred']
  },
  {
    name: "a kind list of 0.x items (kind's own releases) and a kubectl list",
    files: { 'kind-versions.json': '["v0.25.0"]', 'kubectl_versions.json': '["1.31.2"]' },
    declares: ['kind-versions.json:1 kind 0.25.0 version-list inferred', 'kubectl_versions.json:1 kubectl 1.31.2 version-list inferred']
  },
  {
    name: 'lists of other things, an object, a vendored copy, items that are not versions (an image item is left to the image reader)',
    files: {
      'node_versions.json': '["20.11.1"]',
      'openshift_versions.json': '["4.16"]',
      'pg_versions.json': '["16.2"]',
      'k8s_versions_scope.json': '{"min": "1.29"}',
      'vendor/x/kind_versions.json': '["v1.27.3"]',
      'versions.json': '["1.30.1"]',
      'eks_versions.json': '[{"v": "1.30"}, ["1.29"], "foo", "", "kindest/node:v1.28.0"]'
    },
    declares: ['eks_versions.json:1 kubernetes/host 1.28.0 image inferred']
  },
  {
    name: 'Terraform plan and state output (by name and by content)',
    files: {
      'tfplan.json': '{"format_version":"1.2","terraform_version":"1.9.5","variables":{"kubernetes_version":{"value":"1.30"}}}',
      'prod.tfplan.json': '{"variables":{"kubernetes_version":{"value":"1.30"}}}',
      'out/plan-prod.json': '{ "format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {"kubernetes_version": "1.30"} }'
    },
    declares: []
  },
  {
    name: "a documentation generator's Kubernetes version for API links (also with a renovate hint)",
    files: { 'docs/config.yaml': 'processor:\n  ignoreTypes: ["XList$"]\nrender:\n  # renovate: datasource=git-refs depName=kubernetes/kubernetes\n  kubernetesVersion: 1.31\n' },
    declares: []
  },
  {
    name: "a multi-tool setup action: other tools' inputs stay theirs, a bare version input takes the action's words",
    files: {
      'action.yaml':
        'name: Install kubectl and helm\ndescription: kubectl, helm and sops\ninputs:\n  kubectl-version:\n    default: v1.31.2\n  helm-version:\n    description: Version of helm\n    default: v3.16.2\n  sops-version:\n    default: v3.9.0\nruns:\n  using: node20\n  main: index.js\n',
      'kind/action.yml': 'name: kind\ndescription: Creates a kind cluster\ninputs:\n  version:\n    default: v0.24.0\nruns:\n  using: node20\n  main: index.js\n'
    },
    declares: ['action.yaml:5 kubectl 1.31.2 action-input inferred', 'kind/action.yml:5 kind 0.24.0 action-input inferred']
  },
  {
    name: "an action's input default counts beside a caller's value",
    files: {
      'action.yml': 'name: kind\ndescription: Creates a kind cluster\ninputs:\n  version:\n    default: v0.24.0\nruns:\n  using: node20\n  main: index.js\n',
      '.github/workflows/test.yaml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        with:\n          version: v0.23.0\n'
    },
    declares: ['.github/workflows/test.yaml:8 kind 0.23.0 action-input inferred', 'action.yml:5 kind 0.24.0 action-input inferred']
  },
  {
    name: 'KCL configuration: an option default image and Ansible vars; a test assertion and a generated schema are not declarations',
    files: {
      'kind/main.k': '_nodeImage = option("nodeImage") or "kindest/node:v1.33.1"\n',
      'catalog/kind.k': 'kind = s.D {\n    vars = {\n        kind_version = "0.27.0"\n        # kubectl_version = "1.20.0"\n    }\n}\n',
      'catalog/kind_test.k': 'assert _v["kubectl_version"] == "1.33.0"\n',
      'values.schema.k': 'schema V:\n    r\"\"\"\n    img : str, default is "alpine/k8s:1.29.2"\n    \"\"\"\n'
    },
    declares: ['catalog/kind.k:3 kind 0.27.0 named-value inferred', 'kind/main.k:1 kubernetes/host 1.33.1 image inferred']
  },
  {
    name: "a schema's property defaults that make a vcluster chart reference; another chart's defaults stay out",
    files: {
      'xrd.yaml':
        'kind: CompositeResourceDefinition\nspec:\n  versions:\n    - schema:\n        openAPIV3Schema:\n          properties:\n            chartName:\n              default: vcluster\n            version:\n              type: string\n              default: "0.28.2"\n            other:\n              properties:\n                chart:\n                  default: ingress-nginx\n                version:\n                  default: 4.11.3\n'
    },
    declares: ['xrd.yaml:11 vcluster 0.28.2 chart-reference inferred']
  },
  {
    name: 'a variable default beside a -var-file value; an auto-loaded terraform.tfvars replaces the default; managed clusters of other providers; Terraform files kept as a template or an example',
    files: {
      'stack/variables.tf': 'variable "cluster_version" {\n  default = "1.30.4"\n}\n',
      'stack/envs/prod.tfvars': 'cluster_version = "1.31.1"\n',
      'auto/variables.tf': 'variable "cluster_version" {\n  default = "1.28.0"\n}\n',
      'auto/terraform.tfvars': 'cluster_version = "1.29.6"\n',
      'do/main.tf': 'resource "digitalocean_kubernetes_cluster" "c" {\n  version = "1.31.2"\n}\nresource "kubernetes_namespace" "n" {\n  version = "1.0.0"\n}\n',
      'vultr/main.tf': 'resource "vultr_kubernetes" "c" {\n  region = "ams"\n}\n',
      'tpl/variables.tf.tpl': 'variable "kubernetes_version" {\n  default = "{{ k8s }}"\n}\nvariable "kube_version" {\n  default = "1.32.1"\n}\n',
      'tpl/dev.tfvars.example': 'kube_version = "1.33.0"\n'
    },
    declares: [
      'auto/terraform.tfvars:1 kubernetes/host 1.29.6 named-value inferred',
      'do/main.tf:2 kubernetes/host 1.31.2 terraform exact',
      'stack/envs/prod.tfvars:1 kubernetes/host 1.31.1 named-value inferred',
      'stack/variables.tf:2 kubernetes/host 1.30.4 named-value inferred',
      'tpl/dev.tfvars.example:1 kubernetes/host 1.33.0 named-value inferred',
      'tpl/variables.tf.tpl:5 kubernetes/host 1.32.1 named-value inferred'
    ]
  },
  {
    name: 'a field of a Terraform object-variable default, per-cluster locals, and a version written without quotes',
    files: {
      'kind/variables.tf': 'variable "cluster" {\n  type = object({ kubernetes_version = optional(string) })\n  default = {\n    kubernetes_version = "1.31.4"\n  }\n}\n',
      'stack/locals.tf': 'locals {\n  clusters = {\n    blue = { k8s_version = "1.30.2" }\n  }\n}\n',
      'gke/main.tf': 'resource "google_container_cluster" "c" {\n  min_master_version = 1.30.5-gke.1014000\n  node_version = 1.30.5 - local.x\n}\n'
    },
    declares: [
      'gke/main.tf:2 kubernetes/host 1.30.5 terraform exact',
      'kind/variables.tf:4 kubernetes/host 1.31.4 named-value inferred',
      'stack/locals.tf:3 kubernetes/host 1.30.2 named-value inferred'
    ]
  }
]

describe('structured-file shapes read by meaning', () => {
  it.each(CASES)('$name', async ({ files, declares }) => {
    expect(found(await scanFiles(files))).toEqual([...declares].sort())
  })

  it('says a managed cluster resource without a version (the provider picks one at apply time)', async () => {
    const result = await scanFiles({ 'main.tf': 'resource "vultr_kubernetes" "c" {\n  region = "ams"\n}\n' })
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([expect.stringMatching(/^main\.tf:1 vultr_kubernetes without a version/)])
  })

  it('says vcluster used through a vendored jsonnet or CUE library, not a relative import or a commented one', async () => {
    const result = await scanFiles({
      'env/main.jsonnet': "local vc = import 'github.com/acme/vcluster-lib/main.libsonnet';\n// import 'github.com/acme/vcluster-old/main.libsonnet'\nlocal own = import '../lib/vcluster.libsonnet';\n{ a: vc.new('a') }\n",
      'cue/tenants.cue': 'package tenants\n\nimport "acme.dev/platform/vcluster"\n\nt: vcluster.#Tenant & {name: "a"}\n'
    })
    expect(result.declarations).toEqual([])
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.cause}`).sort()).toEqual(['cue/tenants.cue:3 no-version', 'env/main.jsonnet:1 no-version'])
  })

  it('reads no chart version from a kustomize patch target that names vcluster', async () => {
    const result = await scanFiles({ 'overlay/kustomization.yaml': 'patches:\n  - target:\n      group: helm.toolkit.fluxcd.io\n      version: v2\n      kind: HelmRelease\n      name: vcluster\n    path: patch.yaml\n' })
    expect(result.declarations).toEqual([])
  })

  it('says a `latest` item of a version list (never a silent skip)', async () => {
    const result = await scanFiles({ 'k3d_versions.json': '[\n  "latest"\n]\n' })
    expect(result.declarations).toEqual([])
    expect(result.unknowns.map((u) => `${u.file}:${u.line} ${u.component} ${u.cause}`)).toEqual(['k3d_versions.json:2 kubernetes latest'])
  })

  it.each([
    ['.github/kind_versions.json', 'kind'],
    ['ci/Supported-Kubernetes-Versions.yml', 'kubernetes'],
    ['gke-versions.yaml', 'gke'],
    ['versions.json', undefined],
    ['node_versions.json', undefined],
    ['kind_versions.txt', undefined],
    ['kind_versions_scope.json', undefined]
  ])('names %s a list of %s versions', (path, engine) => {
    expect(listEngine(path)).toBe(engine)
  })
})
