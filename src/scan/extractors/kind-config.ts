import { isMap } from 'yaml'
import { declareFromYaml } from '../declare.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { asString, itemsOf, locateIn, stringAt } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

/** `kindest/node:v1.31.0@sha256:...`, with or without a registry in front. */
const KIND_NODE_IMAGE = /^(?:[\w.-]+(?::\d+)?\/)?kindest\/node(?::([^@\s]+))?(?:@sha256:[0-9a-f]{64})?$/

/** kind cluster configs: each node's image pins the host Kubernetes version. */
export const kindConfig: Extractor = {
  id: 'kind-config',
  accepts: isYamlPath,
  mightDeclare: (text) => text.includes('kind.x-k8s.io'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc } of yaml.documents) {
      const root = doc.contents
      if (!isMap(root)) continue
      if (stringAt(root, ['kind'])?.value !== 'Cluster') continue
      if (!stringAt(root, ['apiVersion'])?.value.startsWith('kind.x-k8s.io/')) continue
      for (const node of itemsOf(root.get('nodes', true))) {
        const image = asString(isMap(node) ? node.get('image', true) : undefined)
        if (!image) continue
        const match = KIND_NODE_IMAGE.exec(image.value)
        if (!match) continue
        const tag = match[1]
        if (tag === undefined || tag === 'latest') {
          out.diagnostics.push({
            ...locateIn(file, image),
            message: `kind node image "${image.value}" is unpinned: pin it to a version (kindest/node:vX.Y.Z@sha256:...)`
          })
          continue
        }
        declareFromYaml(out, file, image, {
          component: 'kubernetes',
          role: 'host',
          distro: 'kind',
          token: tag,
          source: 'kind-config',
          group: dirnameOf(file.path),
          what: 'kind node image'
        })
      }
    }
    return out
  }
}
