/**
 * Workflow, GitHub Action and dev container shapes read by meaning (issue 18, set D): each case is a
 * small repository written for this test, scanned by the real scanner; the declarations it must give
 * (file:line component version source) and the places it must name (file:line of a diagnostic).
 */
import { describe, expect, it } from 'vitest'
import { fileScanner } from '../helpers/scan-files.js'

const scanFiles = fileScanner('kcg-flow-')

const action = (name: string, description: string, inputs: string, runs = 'runs:\n  using: node20\n  main: index.js\n'): string =>
  `name: ${name}\ndescription: ${description}\ninputs:\n${inputs}${runs}`
const workflow = (steps: string, matrix = ''): string => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n${matrix}    steps:\n${steps}`

const CASES: Array<{ name: string; files: Record<string, string>; declares: string[]; says?: string[]; silent?: true }> = [
  {
    name: 'a Kubernetes minor written 1.31.x: matrix axis, literal input of a local action, the input default',
    files: {
      'setup-kind/action.yaml': action('Setup KinD', 'Creates a cluster', '  k8s-version:\n    description: Kubernetes to run, like 1.31.x\n    default: 1.31.x\n'),
      '.github/workflows/t.yaml': workflow(
        '      - uses: ./setup-kind\n        with:\n          k8s-version: ${{ matrix.k8s }}\n      - uses: ./setup-kind\n        with:\n          k8s-version: 1.33.x\n',
        '    strategy:\n      matrix:\n        k8s:\n          - 1.32.x\n'
      )
    },
    declares: ['.github/workflows/t.yaml:8 kubernetes/host 1.32 named-value', '.github/workflows/t.yaml:15 kubernetes/host 1.33 named-value', 'setup-kind/action.yaml:6 kubernetes/host 1.31 action-input']
  },
  {
    name: "a composite action's steps read its inputs' defaults: nothing is left 'cannot be read'",
    files: {
      'setup-kind/action.yaml': action(
        'Setup KinD',
        'Creates a cluster',
        '  kind-version:\n    default: 0.24.0\n  k8s-version:\n    default: v1.31.2\n',
        'runs:\n  using: composite\n  steps:\n    - shell: bash\n      env:\n        KUBERNETES_VERSION: ${{ inputs.k8s-version }}\n      run: curl -Lo kind https://github.com/kubernetes-sigs/kind/releases/download/v${{ inputs.kind-version }}/kind-linux-amd64\n'
      )
    },
    declares: ['setup-kind/action.yaml:5 kind 0.24.0 action-input', 'setup-kind/action.yaml:7 kubernetes/host 1.31.2 named-value'],
    silent: true
  },
  {
    name: "a reusable workflow's input, given by the calling job (a literal and a matrix)",
    files: {
      '.github/workflows/conformance.yaml': 'on:\n  workflow_call:\n    inputs:\n      release:\n        description: The Kubernetes release to test\n        type: string\n        required: true\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ inputs.release }}"\n',
      '.github/workflows/pr.yaml': 'on: pull_request\njobs:\n  a:\n    uses: ./.github/workflows/conformance.yaml\n    with:\n      release: v1.29.3\n  b:\n    strategy:\n      matrix:\n        k: [v1.30.1]\n    uses: ./.github/workflows/conformance.yaml\n    with:\n      release: ${{ matrix.k }}\n'
    },
    declares: ['.github/workflows/pr.yaml:10 kubernetes/host 1.30.1 action-input', '.github/workflows/pr.yaml:6 kubernetes/host 1.29.3 action-input']
  },
  {
    name: "a matrix of k0s and k3s releases: each value says it is a host's Kubernetes, however the job passes it (once)",
    files: {
      '.github/workflows/smoke.yaml': workflow(
        '      - run: make smoke-upgrade\n        env:\n          K0S_FROM: ${{ matrix.k0s_from }}\n      - uses: nolar/setup-k3d-k3s@v1\n        with:\n          version: ${{ matrix.k3s }}\n',
        '    strategy:\n      matrix:\n        k0s_from: [v1.21.6+k0s.0]\n        k3s: [v1.30.2+k3s1]\n        go: [1.22.3]\n'
      )
    },
    declares: ['.github/workflows/smoke.yaml:7 kubernetes/host 1.21.6 github-workflow', '.github/workflows/smoke.yaml:8 kubernetes/host 1.30.2 github-workflow']
  },
  {
    name: 'a k3s build written as an object label describes the object: it deploys nothing',
    files: {
      'vcluster/team-1.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: team-1\n  labels:\n    version: v1.21.4-k3s1\n  annotations:\n    built-from: v1.21.4+k3s1\nspec:\n  project: default\n'
    },
    declares: []
  },
  {
    name: "another tool's bare version input stays its own, even in an action that works on the kubectl context",
    files: {
      'setup-hakn/action.yaml': action('Setup hakn', 'Sets up hakn on the current kubectl context', '  version:\n    description: The version of Hakn to install, e.g. 1.12.2\n    default: 1.12.2\n'),
      'setup-tool/action.yaml': action('Setup tool', 'Installs kubectl', '  version:\n    description: The version of the tool to install\n    default: 1.30.1\n')
    },
    declares: ['setup-tool/action.yaml:6 kubectl 1.30.1 action-input']
  },
  {
    name: 'an image input whose words say k3s: its tag is the host version, latest is named',
    files: {
      'k3s-pinned/action.yaml': action('k3s', 'Starts k3s', '  k3s-image:\n    description: The k3s image to run\n    default: cgr.example/k3s:v1.30.2-k3s1\n'),
      'k3s-latest/action.yaml': action('k3s', 'Starts k3s', '  k3s-image:\n    default: cgr.example/k3s:latest\n'),
      'node/action.yaml': action('Build', 'Builds the app', '  node-image:\n    default: node:20\n')
    },
    declares: ['k3s-pinned/action.yaml:6 kubernetes/host 1.30.2 action-input'],
    says: ['k3s-latest/action.yaml:5']
  },
  {
    name: 'an action that creates a vCluster with no version input, used by a workflow step and by another repository',
    files: {
      'action.yml': action('Create vCluster Platform vCluster', 'Creates a virtual cluster', '  name:\n    required: true\n'),
      '.github/workflows/t.yaml': workflow('      - uses: ./\n        with:\n          name: a\n      - uses: loft-sh/create-vcluster@v1\n        with:\n          name: b\n'),
      'other/action.yml': action('Greet', 'Says hello', '  name:\n    required: true\n'),
      '.github/workflows/o.yaml': workflow('      - uses: ./other\n        with:\n          name: a\n')
    },
    declares: [],
    says: ['.github/workflows/t.yaml:6', '.github/workflows/t.yaml:9']
  },
  {
    name: 'minikube started without a Kubernetes version, in a run step and by the setup action',
    files: {
      '.github/workflows/t.yaml': workflow('      - run: minikube start --driver=docker\n      - run: minikube start --kubernetes-version=v1.31.0\n      - uses: medyagh/setup-minikube@v0.0.18\n')
    },
    declares: ['.github/workflows/t.yaml:7 kubernetes/host 1.31.0 github-workflow'],
    says: ['.github/workflows/t.yaml:6', '.github/workflows/t.yaml:8']
  },
  {
    name: "dev container features: a tool's version option, a feature without one, a feature's own definition",
    files: {
      '.devcontainer/devcontainer.json': '{\n  "features": {\n    "ghcr.io/devcontainers/features/kubectl-helm-minikube:1": { "version": "1.30.4", "helm": "3.15.2" },\n    "ghcr.io/x/features/kind:1": {}\n  }\n}\n',
      'src/vcluster/devcontainer-feature.json': '{\n  "id": "vcluster",\n  "name": "vcluster",\n  "version": "1.0.1",\n  "options": {\n    "version": { "type": "string", "default": "latest" }\n  }\n}\n',
      'test/vcluster/scenarios.json': '{\n  "pinned": {\n    "features": {\n      "vcluster": { "version": "v0.21.0" }\n    }\n  }\n}\n'
    },
    declares: ['.devcontainer/devcontainer.json:3 kubectl 1.30.4 devcontainer-feature', 'test/vcluster/scenarios.json:4 vcluster 0.21.0 devcontainer-feature'],
    says: ['.devcontainer/devcontainer.json:4', 'src/vcluster/devcontainer-feature.json:6']
  }
]

describe('workflow, action and dev container shapes read by meaning', () => {
  it.each(CASES)('$name', async ({ files, declares, says, silent }) => {
    const result = await scanFiles(files)
    const found = result.declarations.map((d) => `${d.file}:${d.line} ${d.component}${d.role ? `/${d.role}` : ''} ${d.version} ${d.source}`).sort()
    expect(found).toEqual([...declares].sort())
    const said = new Set(result.diagnostics.map((d) => `${d.file}:${d.line}`))
    for (const place of says ?? []) expect([...said], place).toContain(place)
    if (silent) expect(result.diagnostics.map((d) => d.message)).toEqual([])
  })
})
