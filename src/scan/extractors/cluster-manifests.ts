import { declareImageTag, declareVersion, type DeclareRequest } from '../declare.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { stringAt, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { mayHoldKey } from './written-key.js'
import { yamlExtractor } from './yaml-extractor.js'

/** An object whose field says which Kubernetes version a (host) cluster runs. */
interface VersionField {
  apiGroup: string
  kind: string
  path: string[]
  source: string
  distro: string
  /** The field holds an image whose tag is the version. */
  image?: true
}

const FIELDS: readonly VersionField[] = [
  { apiGroup: 'eksctl.io', kind: 'ClusterConfig', path: ['metadata', 'version'], source: 'eksctl', distro: 'eks' },
  { apiGroup: 'kubeadm.k8s.io', kind: 'ClusterConfiguration', path: ['kubernetesVersion'], source: 'kubeadm', distro: 'k8s' },
  { apiGroup: 'cluster.x-k8s.io', kind: 'KubeadmControlPlane', path: ['spec', 'version'], source: 'cluster-api', distro: 'k8s' },
  { apiGroup: 'cluster.x-k8s.io', kind: 'MachineDeployment', path: ['spec', 'template', 'spec', 'version'], source: 'cluster-api', distro: 'k8s' },
  { apiGroup: 'cluster.x-k8s.io', kind: 'MachinePool', path: ['spec', 'template', 'spec', 'version'], source: 'cluster-api', distro: 'k8s' },
  { apiGroup: 'cluster.x-k8s.io', kind: 'Machine', path: ['spec', 'version'], source: 'cluster-api', distro: 'k8s' },
  { apiGroup: 'cluster.x-k8s.io', kind: 'Cluster', path: ['spec', 'topology', 'version'], source: 'cluster-api', distro: 'k8s' },
  { apiGroup: 'k3d.io', kind: 'Simple', path: ['image'], source: 'k3d-config', distro: 'k3s', image: true }
]

/**
 * Whether a document that names the field's API group may hold the field: its kind and the
 * field's own key are written in it too. The group alone is not enough: a Cluster API
 * `Cluster` without a managed topology (most of them) names `cluster.x-k8s.io` but holds no
 * version, and parsing every such object cost a monorepo's scan more than any other extractor.
 */
function mayHoldField(text: string, field: VersionField): boolean {
  return text.includes(field.kind) && mayHoldKey(text, field.path[field.path.length - 1]!)
}

/** The fields by API group: each group is searched for once, not once per field (five fields share `cluster.x-k8s.io`). */
const FIELDS_BY_GROUP = new Map<string, VersionField[]>()
for (const field of FIELDS) FIELDS_BY_GROUP.set(field.apiGroup, [...(FIELDS_BY_GROUP.get(field.apiGroup) ?? []), field])

function mayHoldAField(text: string): boolean {
  for (const [group, fields] of FIELDS_BY_GROUP) {
    if (text.includes(group) && fields.some((field) => mayHoldField(text, field))) return true
  }
  return false
}

/**
 * Cluster definitions that pin the host Kubernetes version: eksctl `ClusterConfig`, kubeadm
 * `ClusterConfiguration`, Cluster API (`KubeadmControlPlane`, `MachineDeployment`,
 * `MachinePool`, `Machine`, `Cluster.spec.topology`) and k3d configs. The API group, not a
 * field name, decides: a `version` elsewhere is not a Kubernetes version.
 */
export const clusterManifests: Extractor = yamlExtractor({
  id: 'cluster-manifests',
  accepts: isYamlPath,
  mightDeclare: mayHoldAField,
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    const apiVersion = stringAt(root, ['apiVersion'])?.value ?? ''
    const kind = stringAt(root, ['kind'])?.value
    const apiGroup = apiVersion.slice(0, apiVersion.indexOf('/'))
    for (const field of FIELDS) {
      if (field.kind !== kind || !(apiGroup === field.apiGroup || apiGroup.endsWith(`.${field.apiGroup}`))) continue
      const value = stringAt(root, field.path)
      if (!value) continue
      const request: DeclareRequest = {
        component: 'kubernetes',
        role: 'host',
        distro: field.distro,
        source: field.source,
        group: dirnameOf(file.path),
        what: `${kind} ${field.path.join('.')}`
      }
      if (field.image) declareImageTag(out, tracedOf(file, value), request)
      else declareVersion(out, tracedOf(file, value), request)
    }
  }
})
