import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import type { SourceFile } from '../source-file.js'
import { hclBody } from '../terraform/hcl.js'
import { sliceTraced, textOf, traced, type Traced } from '../traced.js'
import { declareInferred, declareNamedUse, type InferredWhat } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import { normalisedKey, type Mapping } from './mappings.js'

/**
 * Names that say what they hold, matched on the normalised name (`KIND_VERSION`,
 * `kindVersion`, `kind-version` → `kindversion`) by its ending, so `E2E_KUBERNETES_VERSION` and
 * `TF_VAR_cluster_version` count too. The first rule that matches wins: `vcluster_version` is not
 * a `cluster_version`.
 */
const RULES: ReadonlyArray<{ ending: RegExp; what: Omit<InferredWhat, 'what'> }> = [
  // `vcluster_ver`, `kubectl_ver`: the short spelling of Ansible roles (a role default the download URL uses).
  { ending: /vcluster(chart|cli)?(version|release|ver)$/, what: { component: 'vcluster', range: true } },
  // A floor the cluster must satisfy (`min_kubernetes_version`, OLM `minKubeVersion`, `MINIMAL_K8S`): a constraint, never a deployed version.
  { ending: /^(supported)?min(imum|imal)?(supported)?(kubernetes|k8s|kube)(version)?$/, what: { component: 'kubernetes', role: 'host', atLeast: true } },
  // Cluster API e2e configs name each cluster of a test: `KUBERNETES_VERSION_MANAGEMENT`, `KUBERNETES_VERSION_UPGRADE_FROM`.
  { ending: /(kubernetes|k8s)version(management|mgmt|upgradefrom|upgradeto|from|to|workload)$/, what: { component: 'kubernetes', role: 'host', wildcardPatch: true } },
  // `kubernetes_version_min` (a floor the provider resolves to a version), `kube_tag` (Magnum), `K8S_RELEASE`.
  // `k8s-version: 1.34.x` (a setup action's input, a test matrix): the newest patch of 1.34, read as the minor.
  { ending: /(kubernetes|k8s|kube|clusterk8s)(min|max|minimum|maximum)?(version|release|tag)(min|max|minimum|maximum)?$/, what: { component: 'kubernetes', role: 'host', wildcardPatch: true } },
  { ending: /^(eks|gke|aks)?(cluster|minmaster|master|controlplane)version$|^(eks|gke|aks)version$/, what: { component: 'kubernetes', role: 'host', wildcardPatch: true } },
  // envtest's API server (`ENVTEST_VERSION=1.29.x!`: the newest patch of that minor); kind node image tags (`KINDEST_NODE_VERSION`).
  { ending: /envtest(kubernetes|k8s|kube)?version$/, what: { component: 'kubernetes', role: 'host', wildcardPatch: true } },
  { ending: /kind(est)?node(image)?(version|tag)$/, what: { component: 'kubernetes', role: 'host', distro: 'kind' } },
  // AKS node pools: the Kubernetes version the pool runs.
  { ending: /orchestratorversion$/, what: { component: 'kubernetes', role: 'host' } },
  // A k3s or RKE2 channel names a Kubernetes minor (`v1.24`); `stable`/`latest` name none (a diagnostic).
  { ending: /k3s(version|channel|release)$/, what: { component: 'kubernetes', role: 'host', distro: 'k3s' } },
  { ending: /rke2(version|channel|release)$/, what: { component: 'kubernetes', role: 'host' } },
  { ending: /k0s(version|channel)$/, what: { component: 'kubernetes', role: 'host', distro: 'k0s' } },
  { ending: /^kind(cli)?(version|release|ver)$/, what: { component: 'kind' } },
  { ending: /kubectl(version|release|tag|ver)$/, what: { component: 'kubectl' } }
]
// `node_image` and `--node-image` are not listed: what they hold is an image, read by kubernetes-image.ts when it is a node image.

/** Names that end like a rule but hold something else: envtest's own binaries, Go modules of client libraries, minikube's own version (`MINIKUBE_VERSION` ends in `kube_version`). */
const NOT_DECLARATIONS = /^(setupenvtest|clientgo|apimachinery|controllerruntime|goclient)|^minikube(version|release|tag)$/

export function namedMeaning(name: string): InferredWhat | undefined {
  let meaning = MEANINGS.get(name)
  if (meaning === undefined) {
    meaning = meaningOf(name) ?? null
    if (MEANINGS.size >= MAX_MEANINGS) MEANINGS.clear()
    MEANINGS.set(name, meaning)
  }
  return meaning === null ? undefined : { ...meaning }
}

/**
 * What each name means, by name as written: every key of every mapping of a file is asked, and
 * a monorepo repeats the same few hundred keys (eight regular expressions each, 0.16 of the
 * detectors' 1.9 s under the profiler). Cleared when full; callers get a copy.
 */
const MEANINGS = new Map<string, InferredWhat | null>()
const MAX_MEANINGS = 10_000

const MINOR_SUFFIX = /[_-]v?\d+(?:[._]\d+){0,2}$/

function meaningOf(name: string): InferredWhat | undefined {
  // A list of versions (`k8sVersions`, `kubernetes_versions`) holds versions of the same thing.
  // `KINDEST_NODE_VERSION_v1.33 ?= v1.33.10` (one of several, picked by a computed name): the name without its minor.
  const normal = normalisedKey(name.replace(MINOR_SUFFIX, '')).replace(/versions$/, 'version')
  if (normal.length > 64 || NOT_DECLARATIONS.test(normal)) return undefined
  for (const rule of RULES) if (rule.ending.test(normal)) return { ...rule.what, what: name }
  return undefined
}

/** Flags of cluster tools whose value is a version (`--kubernetes-version`, `--chart-version`, `eksctl --version`, ...). */
const FLAG = /(?<![\w-])--(kubernetes-version|k8s-version|kube-version|cluster-version|chart-version|version|channel|with-kubernetes)(?:=|[ \t]+)(?!-)("[^"\n]*"|'[^'\n]*'|[^\s"';|&)]+)/g
/** Tools whose `--version` flag pins a Kubernetes version (not their own). */
const KUBERNETES_VERSION_TOOLS = /\b(eksctl|talosctl|kubeadm)\b[^\n]*$/

export const namedValue: Detector = {
  id: 'named-value',
  mightDetect: (text) => NAMED_WORDS(text) && (NAMED_TEXT.test(text) || (CONTROL_PLANE.test(text) && VERSION_WORD.test(text))),
  detect(view: FileView, out: Extraction): void {
    for (const mapping of view.mappings) {
      readSchemaDefault(view, out, mapping)
      readNamedPair(view, out, mapping)
      readClusterObject(view, out, mapping)
      if (mapping.path[0] === RENDERER_SETTINGS) continue
      for (const entry of mapping.entries.values()) {
        const meaning = inDocument(namedMeaning(entry.key), mapping)
        if (!meaning) {
          readTestVariable(view, out, mapping, entry.key, entry.values)
          continue
        }
        for (const value of entry.values) declareInferred(view, out, namedValue.id, value, meaning)
        if (entry.reference) declareNamedUse(view, out, namedValue.id, entry.reference.name, entry.reference.offset, meaning)
      }
    }
    for (const assignment of view.assignments) {
      const meaning = givenToVcluster(namedMeaning(assignment.name), view, assignment.value)
      if (meaning && !inBootstrapCommands(view, assignment.value[0]?.offset)) declareInferred(view, out, namedValue.id, assignment.value, meaning)
    }
    if (view.file.text.includes('--')) readFlags(view, out)
    if (view.format === 'hcl') readVariables(view, out)
  }
}

/**
 * A documentation generator's output settings (crd-ref-docs `render: { kubernetesVersion: 1.34 }`): the
 * Kubernetes release whose API reference the generated pages link to, no cluster's version.
 */
const RENDERER_SETTINGS = 'render'

/** Whether `offset` is on the line of a key among a documentation generator's output settings (see RENDERER_SETTINGS). */
export function inRendererSettings(view: FileView, offset: number): boolean {
  if (view.format !== 'yaml' && view.format !== 'lenient') return false
  const line = view.file.locate(offset).line
  return view.mappings.some((mapping) => mapping.path[0] === RENDERER_SETTINGS && [...mapping.entries.values()].some((entry) => view.file.locate(entry.offset).line === line))
}

/** Lines read back from an assignment to the key of the list it is an item of, at most. */
const MAX_LINES_BACK = 64

/**
 * `preKubeadmCommands: [export KUBERNETES_VERSION=1.36.0, ...]` in a Cluster API bootstrap template (and its flags,
 * `kubeadm ... --kubernetes-version`): the node's packages follow the version the Cluster sets (its `version` or
 * `topology.version`, read there); the template only repeats it.
 */
function inBootstrapCommands(view: FileView, offset: number | undefined): boolean {
  if (offset === undefined || (view.format !== 'yaml' && view.format !== 'lenient') || !view.file.text.includes('KubeadmCommands')) return false
  const text = view.file.text
  let lineStart = offset - view.file.locate(offset).column + 1
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))![0].length
  for (let lines = 0; lines < MAX_LINES_BACK && lineStart > 0; lines++) {
    lineStart = lineStart - 1 - view.file.locate(lineStart - 1).column + 1
    const line = text.slice(lineStart, Math.min(text.indexOf('\n', lineStart) >>> 0, lineStart + 256))
    const lineIndent = /^[ \t]*/.exec(line)![0].length
    if (line.trim() === '' || lineIndent > indent || (lineIndent === indent && line.trimStart().startsWith('-'))) continue
    return /^[ \t]*(pre|post)KubeadmCommands:/.test(line)
  }
  return false
}

/** `vcluster create ... --set-parameters 'k8sVersion=v1.33.3'`: a Kubernetes version given to the vcluster CLI is the virtual cluster's. */
function givenToVcluster(meaning: InferredWhat | undefined, view: FileView, value: Traced): InferredWhat | undefined {
  const offset = value[0]?.offset
  if (!meaning || meaning.component !== 'kubernetes' || meaning.role !== 'host' || offset === undefined || view.format === 'shell') return meaning
  // Only the command's first word matters: a bounded slice, not the whole line before each of a line's many assignments.
  const start = commandStart(view.file, offset)
  const command = view.file.text.slice(start, Math.min(offset, start + 64))
  return /^[ \t]*vcluster[ \t]/.test(command) ? { ...meaning, role: 'virtual' } : meaning
}

/**
 * Objects that create a cluster say its version without naming it: a Cluster API control plane's
 * `spec.version` (`RKE2ControlPlane`, `KubeadmControlPlane`, ...), and the prefix a Terraform data
 * source of cluster versions is asked for (GKE `version_prefix = "1.27."`).
 */
function readClusterObject(view: FileView, out: Extraction, mapping: Mapping): void {
  const document = mapping.document
  if (mapping.path.length === 1 && mapping.path[0] === 'spec' && document?.kind !== undefined && /ControlPlane$/.test(document.kind) && /cluster\.x-k8s\.io/.test(document.apiVersion ?? '')) {
    for (const value of mapping.entries.get('version')?.values ?? []) declareInferred(view, out, namedValue.id, value, { component: 'kubernetes', role: 'host', what: `${document.kind} spec.version` })
  }
  // A system-upgrade-controller Plan moves the k3s or RKE2 nodes it selects to `spec.version`.
  if (mapping.path.length === 1 && mapping.path[0] === 'spec' && document?.kind === 'Plan' && /^upgrade\.cattle\.io\//.test(document.apiVersion ?? '')) {
    const distro = view.file.text.includes('rke2-upgrade') ? 'rke2' : 'k3s'
    for (const value of mapping.entries.get('version')?.values ?? []) declareInferred(view, out, namedValue.id, value, { component: 'kubernetes', role: 'host', distro, what: 'system-upgrade-controller Plan spec.version' })
  }
  const prefix = mapping.entries.get('versionprefix')
  if (prefix && mapping.path.some((key) => /engine_versions|kubernetes|cluster/i.test(key))) {
    for (const value of prefix.values) {
      const text = textOf(value)
      const end = text.replace(/\.+$/, '').length
      if (end > 0) declareInferred(view, out, namedValue.id, sliceTraced(value, 0, end), { component: 'kubernetes', role: 'host', what: 'version_prefix' })
    }
  }
}

/**
 * A Cluster API e2e config's `variables:` names a Kubernetes version per provider or test
 * (`KUBERNETES_VERSION_NUTANIX: v1.35.3`); only values written as versions are read (others are
 * names of images, templates, flavours).
 */
function readTestVariable(view: FileView, out: Extraction, mapping: Mapping, key: string, values: readonly Traced[]): void {
  if (mapping.path.length !== 1 || mapping.path[0] !== 'variables' || !/^KUBERNETES_VERSION_[A-Z0-9_]{1,40}$/.test(key)) return
  for (const value of values) {
    if (/^v?\d+\.\d+/.test(textOf(value))) declareInferred(view, out, namedValue.id, value, { component: 'kubernetes', role: 'host', what: key })
  }
}

/** Keys that name a parameter, a variable or a list item whose value sits beside it. */
const NAME_KEYS = ['variable', 'name', 'key', 'param', 'parameter']
/** Keys holding that value (or its default). */
const VALUE_KEYS = ['defaultvalue', 'default', 'value', 'version']

/**
 * `{ variable: k8sVersion, defaultValue: v1.33.4 }` (a template's parameter), `{ name: KUBECTL_VERSION,
 * value: "1.31.0" }` (a container's env, a helm parameter), and an item of a list whose key says what
 * it holds (`k8sVersions: [{ name: 1-33, value: v1.33.3 }]`): the value is what the name says.
 */
function readNamedPair(view: FileView, out: Extraction, mapping: Mapping): void {
  const named = NAME_KEYS.map((key) => mapping.entries.get(key)?.values[0]).find((value) => value !== undefined)
  const listKey = mapping.path[mapping.path.length - 1]
  const meaning = inDocument((named && namedMeaning(textOf(named))) ?? (listKey !== undefined && /versions$/i.test(listKey) ? namedMeaning(listKey) : undefined), mapping)
  if (!meaning) return
  const value = VALUE_KEYS.map((key) => mapping.entries.get(key)).find((entry) => entry !== undefined && entry.values.length > 0)
  for (const each of value?.values ?? []) declareInferred(view, out, namedValue.id, each, meaning)
}

/** API groups whose objects create or run a host cluster: a Kubernetes version there is the host's even beside a vcluster. */
const HOST_CLUSTER_API = /cluster\.x-k8s\.io|kind\.x-k8s\.io|eksctl\.io|k3d\.io|k0sproject\.io|talos/

/**
 * A Kubernetes version named inside a Kubernetes object about vcluster (a vCluster Platform template
 * or instance, an Argo CD or Flux object that deploys virtual clusters, a custom resource of a
 * vcluster operator) is the virtual cluster's.
 */
function inDocument(meaning: InferredWhat | undefined, mapping: Mapping): InferredWhat | undefined {
  const document = mapping.document
  if (!meaning || meaning.component !== 'kubernetes' || meaning.role !== 'host' || document?.apiVersion === undefined) return meaning
  const apiVersion = document.apiVersion
  const aboutVcluster = /loft\.sh|vcluster/i.test(`${apiVersion} ${document.kind ?? ''}`) || (document.mentionsVcluster && !HOST_CLUSTER_API.test(apiVersion))
  return aboutVcluster ? { ...meaning, role: 'virtual' } : meaning
}

/**
 * `kubernetesVersion: { type: string, default: "v1.31.5" }`: a schema (a Crossplane XRD, a
 * values.schema.json, a CRD) whose named property has a default declares that default.
 */
function readSchemaDefault(view: FileView, out: Extraction, mapping: Mapping): void {
  const fallback = mapping.entries.get('default')
  const name = mapping.path[mapping.path.length - 1]
  if (!fallback || fallback.values.length === 0 || name === undefined || !mapping.entries.has('type')) return
  const meaning = inDocument(namedMeaning(name), mapping)
  if (meaning) for (const value of fallback.values) declareInferred(view, out, namedValue.id, value, meaning)
}

/**
 * `variable "kubernetes_version" { default = "1.30" }`: the value is the one Terraform uses,
 * a `.tfvars` value over the default, resolved once every file is read (named-values.ts).
 */
function readVariables(view: FileView, out: Extraction): void {
  for (const block of hclBody(view.file).blocks) {
    const name = block.type === 'variable' ? block.labels[0] : undefined
    const meaning = name === undefined ? undefined : namedMeaning(name)
    if (name && meaning) declareNamedUse(view, out, namedValue.id, name, block.offset, { ...meaning, what: `variable "${name}"` })
  }
}

/** Words every named value or flag holds, searched before the case-insensitive test below. */
const NAMED_WORDS = anyLiteral('_version', '_VERSION', 'version_prefix', 'microk8s', 'ControlPlane', 'EVERSION', 'SVERSION', 'eversion', 'sversion', '-version', 'sVersion', 'rVersion', 'dVersion', 'lVersion', 'eVersion', 'eksctl', '_channel', '_CHANNEL', 'kube_tag', 'k8s_release', 'MINIMAL_K8S', 'MIN_K8S', 'minimal_k8s', 'min_k8s', 'upgrade.cattle.io', '--with-kubernetes', 'vcluster_ver', 'kind_ver', 'kubectl_ver')
/** A test for files that may hold a named value or flag (case-insensitive: `KIND_VERSION`, `kindVersion`, `k3s_channel`). */
const NAMED_TEXT = /(kubernetes|k8s|kube|cluster|master|kind|kubectl|k3s|k0s|plane|orchestrator|gke|eks|aks|envtest)[-_]?version|kind(est)?[-_]?node[-_]?(version|tag)|(k3s|rke2|k0s)[-_]?channel|(kube|k8s|kubernetes|kubectl|k3s|rke2|vcluster)[-_]?(release|tag)|eksctl|version_prefix|microk8s|min(imal)?_k8s|upgrade\.cattle\.io|--with-kubernetes|(vcluster|kind|kubectl)_ver\b/i
/**
 * A Cluster API control plane (`kind: KubeadmControlPlane`) says its version in `spec.version`
 * (readClusterObject), so `ControlPlane` counts only beside a `version` that is a word of its own,
 * not the end of `apiVersion`: every Cluster API `Cluster` names a control plane in its
 * `controlPlaneRef` and holds no version (408 of the 948 YAML documents the detectors parsed and
 * walked on the benchmark tree, for nothing).
 */
const CONTROL_PLANE = /ControlPlane/i
const VERSION_WORD = /(?<![A-Za-z])version/i

function readFlags(view: FileView, out: Extraction): void {
  const text = view.file.text
  for (const match of text.matchAll(FLAG)) {
    if (view.inComment(match.index) || inBootstrapCommands(view, match.index)) continue
    const [whole, flag, written] = match as unknown as [string, string, string]
    // The command's words before the flag, the last few thousand characters at most (a line of many flags stays linear).
    const before = text.slice(Math.max(commandStart(view.file, match.index), match.index - MAX_COMMAND_BEFORE), match.index)
    const meaning = flagMeaning(flag, before, view)
    if (!meaning) continue
    const quoted = written.startsWith('"') || written.startsWith("'")
    const valueStart = match.index + whole.length - written.length + (quoted ? 1 : 0)
    let value = quoted ? written.slice(1, -1) : written
    // A snap channel is `TRACK/RISK`: the track is the Kubernetes minor (`1.29/stable`).
    if (flag === 'channel') value = value.split('/')[0]!
    declareInferred(view, out, namedValue.id, traced(view.file, value, valueStart), meaning)
  }
}

/** Characters of a command read before one of its flags. */
const MAX_COMMAND_BEFORE = 4096

/** Lines joined by a trailing backslash read back from a command's flag at most (bounds the work on hostile input). */
const MAX_CONTINUED_LINES = 32

/** Where the command holding `offset` starts: its line, or the first of the lines a trailing `\` joins to it. */
export function commandStart(file: SourceFile, offset: number): number {
  const text = file.text
  // The line's start from the file's line table (a binary search), not a search back along a line that may be megabytes long.
  let start = offset - file.locate(offset).column + 1
  for (let lines = 0; lines < MAX_CONTINUED_LINES && start >= 2; lines++) {
    const previousEnd = text[start - 2] === '\r' ? start - 3 : start - 2
    if (text[previousEnd] !== '\\') break
    start = previousEnd - file.locate(previousEnd).column + 1
  }
  return start
}

function flagMeaning(flag: string, before: string, view: FileView): InferredWhat | undefined {
  switch (flag) {
    case 'kubernetes-version':
    case 'k8s-version':
    case 'kube-version':
    case 'cluster-version':
      // `vcluster create --kubernetes-version`, or a command given a vcluster (`VCLUSTER_VERSION=... clusterctl generate`), sets the virtual cluster's version.
      return /vcluster/i.test(before)
        ? { component: 'kubernetes', role: 'virtual', what: `vcluster --${flag}` }
        : { component: 'kubernetes', role: 'host', what: `--${flag}` }
    case 'with-kubernetes':
      // KubeKey: `kk create cluster --with-kubernetes v1.22.10` (the Kubernetes it installs on the hosts).
      return /\bkk\b/.test(before) ? { component: 'kubernetes', role: 'host', what: 'kk --with-kubernetes' } : undefined
    case 'chart-version':
      return view.mentionsVcluster ? { component: 'vcluster', what: '--chart-version', range: true } : undefined
    case 'channel':
      // `snap install microk8s --channel=1.29/stable`; a channel without a version track (`latest/edge`) says nothing.
      return /\bmicrok8s\b/.test(before) ? { component: 'kubernetes', role: 'host', distro: 'microk8s', what: 'microk8s --channel' } : undefined
    case 'version':
      if (KUBERNETES_VERSION_TOOLS.test(before)) return { component: 'kubernetes', role: 'host', what: `${/\b(eksctl|talosctl|kubeadm)\b/.exec(before)?.[1] ?? ''} --version` }
      return undefined
    default:
      return undefined
  }
}

