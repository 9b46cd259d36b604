import { isMap, type YAMLMap } from 'yaml'
import { declareFromYaml } from '../declare.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringAt, type StringAt } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

type Distro = 'k8s' | 'k3s' | 'k0s'

/**
 * vcluster ≥ 0.20 configuration (`vcluster.yaml` or chart values): the virtual cluster's
 * Kubernetes version. Values of an umbrella chart sit one level down, under the
 * dependency's name, so both the document root and its top-level maps are looked at.
 */
export const vclusterValues: Extractor = {
  id: 'vcluster-values',
  accepts: isYamlPath,
  mightDeclare: (text) => text.includes('controlPlane') && text.includes('distro'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc } of yaml.documents) {
      for (const config of vclusterConfigs(doc.contents)) {
        const distros = mapAt(config, ['controlPlane', 'distro'])
        if (!distros) continue
        const distro = enabledDistro(distros)
        const tag = virtualVersionOf(distros, distro)
        if (!tag) continue
        declareFromYaml(out, file, tag, {
          component: 'kubernetes',
          role: 'virtual',
          distro,
          source: 'vcluster-values',
          group: dirnameOf(file.path),
          what: `virtual cluster Kubernetes version (controlPlane.distro.${distro})`
        })
      }
    }
    return out
  }
}

function vclusterConfigs(root: unknown): YAMLMap[] {
  if (!isMap(root)) return []
  if (root.has('controlPlane')) return [root]
  return root.items.flatMap((pair) => (isMap(pair.value) && pair.value.has('controlPlane') ? [pair.value] : []))
}

/** vcluster runs k8s unless another distro is enabled (default since 0.20). */
function enabledDistro(distros: YAMLMap): Distro {
  for (const distro of ['k3s', 'k0s', 'k8s'] as const) {
    if (mapAt(distros, [distro])?.get('enabled') === true) return distro
  }
  return 'k8s'
}

/**
 * Component-level image tags win over the `version` shortcut. 0.25+ uses one image
 * (`k8s.image.tag`); 0.20–0.24 set the API server's image.
 */
function virtualVersionOf(distros: YAMLMap, distro: Distro): StringAt | undefined {
  if (distro !== 'k8s') return stringAt(distros, [distro, 'image', 'tag'])
  return (
    stringAt(distros, ['k8s', 'image', 'tag']) ??
    stringAt(distros, ['k8s', 'apiServer', 'image', 'tag']) ??
    stringAt(distros, ['k8s', 'version'])
  )
}
