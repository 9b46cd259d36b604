import type { Extraction } from '../extractors/extractor.js'
import { literal } from '../extractors/literal.js'
import { declareInferred } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import { normalisedKey, type Mapping } from './mappings.js'

const CONTROL_PLANE = literal('controlPlane')
/**
 * Every version this detector reads is under a `distro` key. Asked beside `controlPlane`, which
 * Cluster API objects name without one (`controlPlaneRef`, `KubeadmControlPlane`): on the benchmark
 * tree those were 408 of the 948 YAML documents the detectors parsed and walked, for nothing.
 */
const DISTRO = /distro/i
const DISTROS = new Set(['k8s', 'k3s', 'k0s', 'eks'])
const COMPONENTS = new Set(['apiserver', 'controllermanager', 'scheduler'])

/**
 * vcluster configuration nested anywhere (a Pulumi or Terraform release's inline values, an
 * Argo CD `helm.values` block in a template, a tool's own file): `controlPlane.distro.<distro>`
 * `.image.tag`, `.<component>.image.tag` or `.version` is the virtual cluster's Kubernetes version,
 * whatever encloses the keys.
 */
export const vclusterConfigKeys: Detector = {
  id: 'vcluster-config',
  mightDetect: (text) => CONTROL_PLANE.foundIn(text) && DISTRO.test(text),
  detect(view: FileView, out: Extraction): void {
    for (const mapping of view.mappings) {
      const distro = distroOf(mapping)
      if (!distro) continue
      const entry = mapping.entries.get(distro.key)
      for (const value of entry?.values ?? []) {
        declareInferred(view, out, vclusterConfigKeys.id, value, { component: 'kubernetes', role: 'virtual', distro: distro.name, what: `controlPlane.distro.${distro.name} ${distro.key}` })
      }
    }
  }
}

/** The distro whose version a mapping holds, and the key holding it. */
function distroOf(mapping: Mapping): { name: string; key: string } | undefined {
  // The path's keys normalised one by one as asked, from the end: every mapping of a file is asked, most are not under `distro`.
  const path = mapping.path
  const key = (index: number): string | undefined => (index >= 0 && index < path.length ? normalisedKey(path[index]!) : undefined)
  let at = path.length - 1
  while (at >= 0 && key(at) !== 'distro') at--
  if (at === -1 || key(at - 1) !== 'controlplane') return undefined
  const name = key(at + 1)
  if (name === undefined || !DISTROS.has(name)) return undefined
  const rest = path.length - (at + 2)
  if (rest === 0) return { name, key: 'version' }
  if (rest === 1 && key(at + 2) === 'image') return { name, key: 'tag' }
  if (rest === 2 && COMPONENTS.has(key(at + 2)!) && key(at + 3) === 'image') return { name, key: 'tag' }
  return undefined
}
