import { isScalar, isSeq } from 'yaml'
import { declareVersion, requestFor, type DeclareWhat } from '../declare.js'
import { emptyExtraction, type Extraction, type Extractor } from '../extractors/extractor.js'
import { basenameOf, dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { asString, tracedOf } from '../yaml-nodes.js'
import { formatOf } from './formats.js'

/**
 * What a file named for a list of versions holds (`kind_versions.json`, `k8s-versions.yaml`,
 * `supported_kubernetes_versions.json`): the engine in its name, the versions of what that
 * engine runs. The name is normalised (`Kind-Versions` → `kindversions`). Cluster engines (kind,
 * k3d, a managed service) run Kubernetes; `node`, `openshift`, `pg`, `go` and the like are not
 * listed, so their lists stay out.
 */
const LIST_NAME = /^(?:supported|tested|test|e2e|ci|matrix)?(kubernetes|k8s|kube|kindnode|kind|k3d|k3s|rke2|k0s|minikube|microk8s|eks|gke|aks|kubectl|vcluster)(?:cluster|node)?versions?$/

/** What each engine's list holds. `kind` lists are of node (Kubernetes) versions; a `0.x` item is kind's own release. */
const ENGINE: Record<string, Omit<DeclareWhat, 'what'>> = {
  kubectl: { component: 'kubectl' },
  vcluster: { component: 'vcluster' },
  k3d: { component: 'kubernetes', role: 'host', distro: 'k3s' },
  k3s: { component: 'kubernetes', role: 'host', distro: 'k3s' },
  k0s: { component: 'kubernetes', role: 'host', distro: 'k0s' }
}
const CLUSTER: Omit<DeclareWhat, 'what'> = { component: 'kubernetes', role: 'host' }

/** A version item: `1.31`, `v1.31.4`, `1.25.6-gke.2000`, `v1.30.2+k3s1` (an image or a word is not one). */
const VERSION_ITEM = /^v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.+-]*)?$/

/** The text starts with a list (after blank lines, comments or a document marker). */
const LIST_START = /^(?:\s|#[^\n]*|---)*[[-]/

const FLOATING_ITEM = /^(latest|stable)$/i

/** The engine a file's name says it lists versions of, or undefined. */
export function listEngine(path: string): string | undefined {
  const name = basenameOf(path)
  const dot = name.search(/\.(json|ya?ml)$/i)
  if (dot <= 0) return undefined
  return LIST_NAME.exec(name.slice(0, dot).toLowerCase().replace(/[-_.\s]/g, ''))?.[1]
}

/**
 * A bare list of versions in a JSON or YAML file whose name says what it lists (a CI matrix
 * generator's `.github/kind_versions.json`: `["v1.31.4", "v1.30.8"]`). Nothing in the text says what
 * the versions are, so the file's name decides, before the text is read: only such files are
 * opened by this reader, and its pre-filter is the list's first character. Each item is a declaration
 * (`confidence: inferred`); an item that is not a version (an image, a word) is left to the other
 * readers. Vendored folders, lock files and schemas are out as for every generic reader.
 */
export const versionList: Extractor = {
  id: 'version-list',
  accepts: (path) => listEngine(path) !== undefined && formatOf(path) === 'yaml',
  mightDeclare: (text) => LIST_START.test(text),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const engine = listEngine(file.path)
    if (engine === undefined) return out
    const { documents } = file.yaml()
    const root = documents.length === 1 ? documents[0]!.doc.contents : undefined
    if (!isSeq(root)) return out
    const group = dirnameOf(file.path)
    for (const item of root.items) {
      const at = isScalar(item) ? asString(item) : undefined
      // `latest` in a list of versions is a use without a version: said (an unknown), never skipped.
      if (!at || !(VERSION_ITEM.test(at.value.trim()) || FLOATING_ITEM.test(at.value.trim()))) continue
      const own = ENGINE[engine] ?? (engine === 'kind' && /^v?0\./.test(at.value.trim()) ? { component: 'kind' as const } : CLUSTER)
      const what: DeclareWhat = { ...own, what: `item of the version list ${basenameOf(file.path)}` }
      declareVersion(out, tracedOf(file, at), requestFor(what, versionList.id, group, 'inferred'))
    }
    return out
  }
}
