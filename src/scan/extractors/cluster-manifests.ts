import { declareImageTag, declareVersion, type DeclareRequest } from '../declare.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { stringAt, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
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
function fieldTest(field: VersionField): (text: string) => boolean {
  const kind = literal(field.kind)
  const key = mayHoldKey(field.path[field.path.length - 1]!)
  return (text) => kind.foundIn(text) && key(text)
}

/** The fields by API group: each group is searched for once, not once per field (five fields share `cluster.x-k8s.io`). */
const FIELD_TESTS_BY_GROUP = [...new Set(FIELDS.map((field) => field.apiGroup))].map((group) => ({
  group: literal(group),
  fields: FIELDS.filter((field) => field.apiGroup === group).map(fieldTest)
}))

function mayHoldAField(text: string): boolean {
  return FIELD_TESTS_BY_GROUP.some(({ group, fields }) => group.foundIn(text) && fields.some((mayHold) => mayHold(text)))
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
