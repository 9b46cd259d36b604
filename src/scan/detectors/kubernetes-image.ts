import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { locateToken, sliceTraced, textOf, traced, type Traced } from '../traced.js'
import { cannotRead } from '../declare.js'
import { dirnameOf } from '../paths.js'
import { declareInferred, type InferredWhat } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import type { Mapping } from './mappings.js'

/**
 * A reference to an image whose tag is a version we check: `kindest/node`, `rancher/k3s`,
 * `k0sproject/k0s`, the control-plane images of upstream Kubernetes and EKS Distro, the
 * vcluster syncer and distro images, kubectl images. Written as one reference anywhere outside a
 * comment (a manifest, a Dockerfile `FROM`, a script, a Terraform string), or split over
 * `registry` / `repository` / `tag` keys of one mapping. An expression inside a tag is read up to 256
 * characters: unbounded, every `{{` that never closes read to the end of its line, and a line of them
 * cost minutes (held-out attacks H12, H13).
 */
const REFERENCE =
  /(?<![\w./:@-])((?:[a-z0-9][a-z0-9._-]*(?::\d+)?\/)*(?:kindest\/node|rancher\/k3s|k0sproject\/k0s|kube-(?:apiserver|controller-manager|scheduler|proxy)(?:-(?:amd64|arm64|arm|ppc64le|s390x))?|loft-sh\/vcluster(?:-pro|-oss)?|loftsh\/vcluster|loft-sh\/kubernetes|labring\/kubernetes(?:-docker)?|[a-z0-9][a-z0-9_.-]*\/(?:k8s-)?kubectl|alpine\/k8s))(?![\w/-])(?::((?:[\w.+-]|\$\{\{[^}\n]{0,256}\}\}|\$\{[^}\s]{0,256}\}|\$\([^)\s]{0,256}\)|\$[A-Za-z_]\w*|\{\{[^}\n]{0,256}\}\})+))?(?:@sha256:[0-9a-f]{64})?/y

const CONTROL_PLANE = /(^|\/)kube-(apiserver|controller-manager|scheduler|proxy)(-(amd64|arm64|arm|ppc64le|s390x))?$/

/** Words an image reference we read contains; the reference is read around each. */
const ANCHORS = ['kindest/node', 'rancher/k3s', 'k0sproject/k0s', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'loft-sh/', 'loftsh/vcluster', '/kubectl', '/k8s-kubectl', 'alpine/k8s', 'labring/kubernetes']
/** Characters of a registry and repository, read backwards from an anchor to the reference's start. */
const REPOSITORY_CHAR = /[a-z0-9./:_-]/

/**
 * The image references of a text, found from their anchors (a search per anchor word, then one
 * sticky match where the reference starts), so the work is linear in the text whatever it holds.
 */
function* references(code: string): Generator<RegExpExecArray> {
  const starts = new Set<number>()
  for (const anchor of ANCHORS) {
    for (let at = code.indexOf(anchor); at !== -1; at = code.indexOf(anchor, at + anchor.length)) {
      let start = at
      while (start > 0 && at - start < 256 && REPOSITORY_CHAR.test(code[start - 1]!)) start--
      // `https://github.com/rancher/k3s` is a web page, not an image.
      if (code[start - 1] === '/' || code.slice(start, at).includes('://')) continue
      starts.add(start)
    }
  }
  for (const start of [...starts].sort((a, b) => a - b)) {
    REFERENCE.lastIndex = start
    const match = REFERENCE.exec(code)
    if (match) yield match
  }
}

/** What an image's tag is the version of; undefined for an image we do not read. */
export function imageMeaning(repository: string, mentionsVcluster: boolean): InferredWhat | undefined {
  const name = repository.toLowerCase()
  const role = mentionsVcluster ? 'virtual' : 'host'
  if (/(^|\/)kindest\/node$/.test(name)) return { component: 'kubernetes', role: 'host', distro: 'kind', what: 'kind node image', image: true }
  if (/(^|\/)rancher\/k3s$/.test(name)) return { component: 'kubernetes', role, distro: 'k3s', what: 'k3s image', image: true }
  if (/(^|\/)k0sproject\/k0s$/.test(name)) return { component: 'kubernetes', role, distro: 'k0s', what: 'k0s image', image: true }
  if (/(^|\/)loft-?sh\/vcluster(-pro|-oss)?$/.test(name)) return { component: 'vcluster', what: 'vcluster image', image: true }
  if (/(^|\/)loft-sh\/kubernetes$/.test(name)) return { component: 'kubernetes', role: 'virtual', distro: 'k8s', what: 'vcluster Kubernetes distro image', image: true }
  // A sealos cluster image (`sealos run labring/kubernetes:v1.24.0`) installs the Kubernetes its tag names on the hosts.
  if (/(^|\/)labring\/kubernetes(-docker)?$/.test(name)) return { component: 'kubernetes', role: 'host', what: 'sealos cluster image', image: true }
  // kube-proxy runs on every node at the node's version (up to three minors behind): it does not say the cluster's version.
  if (/(^|\/)kube-proxy(-[a-z0-9]+)?$/.test(name)) return undefined
  if (CONTROL_PLANE.test(name)) {
    const distro = name.includes('eks-distro') ? 'eks' : 'k8s'
    // Control-plane images written in a repository are a vcluster's (≤ 0.19 values, distro images): a host's come with its installer.
    return { component: 'kubernetes', role: 'virtual', distro, what: `${name.slice(name.lastIndexOf('/') + 1)} image`, image: true }
  }
  // alpine/k8s is a kubectl image too: its tag is the kubectl version it carries.
  // Istio publishes `istio/kubectl` tagged with Istio's own release, not kubectl's.
  if (/(^|\/)istio\/kubectl$/.test(name)) return undefined
  if (/\/(k8s-)?kubectl$|(^|\/)alpine\/k8s$/.test(name)) return { component: 'kubectl', what: 'kubectl image' }
  return undefined
}

/** Keys holding an image's repository and tag when they are written apart. */
const REPOSITORY_KEYS = ['repository', 'image', 'repo', 'imagename', 'name']
const TAG_KEYS = ['tag', 'imagetag', 'version']

export const kubernetesImage: Detector = {
  id: 'image',
  mightDetect: anyLiteral(...ANCHORS),
  detect(view: FileView, out: Extraction): void {
    const text = view.file.text
    const matches = [...references(text)].filter((match) => !view.inComment(match.index))
    // Repositories written without a tag may have it under a sibling key: only then are the mappings read.
    const handled = new Set<number>()
    if (matches.some((match) => match[2] === undefined)) for (const mapping of view.mappings) readSplit(view, out, mapping, handled)
    for (const match of matches) {
      if (handled.has(match.index)) continue
      const [whole, repository = '', tag] = match
      if (tag !== undefined && tag.length > 128) continue
      const found = imageMeaning(repository, view.mentionsVcluster)
      if (!found) continue
      // A control-plane image in a workload, or in a plain list of images pulled for a cluster, is that cluster's (no vcluster in sight).
      const hostsIt = view.format === 'list' || inWorkload(view, match.index)
      const meaning = found.role === 'virtual' && !view.mentionsVcluster && hostsIt ? { ...found, role: 'host' as const } : found
      const known = !CONTROL_PLANE.test(repository) || /k8s\.io|gcr\.io|eks-distro|ecr\.aws/.test(repository)
      const reference = traced(view.file, whole, match.index)
      if (tag === undefined) {
        // An untagged name in the middle of a word or a path is not an image reference.
        const after = text[match.index + whole.length] ?? '\n'
        if (!known || meaning.component === 'kubectl' || !/[\s"',\]}]/.test(after)) continue
        const at = { location: view.file.locate(match.index), raw: whole }
        cannotRead(out, { ...meaning, group: dirnameOf(view.file.path) }, at, { message: `${meaning.what} "${whole}" has no tag: the latest is pulled; pin a version`, reason: "no tag (the registry's latest)", cause: 'latest' })
        continue
      }
      if (!known && !/^v?\d+\.\d+/.test(tag)) continue
      declareTag(view, out, reference, repository.length + 1, tag, meaning)
    }
  }
}

/**
 * Whether a place lies in a YAML document that is a Kubernetes object (`apiVersion:` and `kind:` at its
 * top): a control-plane image there is a workload on the cluster the object is applied to (a second
 * scheduler), not a vcluster's control plane, which is set in values. One answer per document.
 */
function inWorkload(view: FileView, offset: number): boolean {
  const text = view.file.text
  const starts = view.file.shared('document-starts', () => {
    const found = [0]
    for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) found.push(at + 1)
    return found
  })
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return view.file.shared(`workload-document:${low}`, () => {
    const document = text.slice(starts[low]!, starts[low + 1] ?? text.length)
    return /^apiVersion:/m.test(document) && /^kind:/m.test(document)
  })
}

/** `repository: rancher/k3s` + `tag: v1.31.4-k3s1` (+ `registry: docker.io`) in one mapping. */
function readSplit(view: FileView, out: Extraction, mapping: Mapping, handled: Set<number>): void {
  for (const key of REPOSITORY_KEYS) {
    const repository = mapping.entries.get(key)?.values[0]
    if (!repository) continue
    const name = textOf(repository).trim()
    if (name.includes(':') || name.includes('@')) continue
    const registry = mapping.entries.get('registry')?.values[0]
    const full = registry ? `${textOf(registry).replace(/\/$/, '')}/${name}` : name
    const meaning = imageMeaning(full, view.mentionsVcluster)
    if (!meaning) continue
    const tag = TAG_KEYS.map((tagKey) => mapping.entries.get(tagKey)?.values[0]).find((value) => value !== undefined)
    if (!tag) continue
    const start = repository[0]?.offset
    if (start !== undefined) handled.add(start)
    if (registry?.[0]) handled.add(registry[0].offset)
    declareTag(view, out, tag, 0, textOf(tag), meaning)
    return
  }
}

/** The version in a tag: kubectl images add their own build (`1.31.4-debian-12-r2`), which is not part of it. */
function declareTag(view: FileView, out: Extraction, value: Traced, tagStart: number, tag: string, meaning: InferredWhat): void {
  if (/^(latest|stable|main|master|edge)$/i.test(tag)) {
    const { location } = locateToken(value, 0, textOf(value).length)
    const reason = `the floating tag "${tag}"`
    cannotRead(out, { ...meaning, group: dirnameOf(view.file.path) }, { location, raw: textOf(value).trim() }, { message: `${meaning.what} is tagged "${tag}": unpinned, pin a version`, reason, cause: 'latest' })
    return
  }
  let length = tag.length
  // A tag written as a variable or template expression is followed (or said) whole.
  if (meaning.component === 'kubectl' && !/^(\$|\{\{)/.test(tag)) {
    const version = /^v?\d+\.\d+(\.\d+)?/.exec(tag)
    if (!version) return
    length = version[0].length
  }
  const token = sliceTraced(value, tagStart, tagStart + length)
  if (token.length === 0) return
  declareInferred(view, out, kubernetesImage.id, token, { ...meaning, image: false })
}
