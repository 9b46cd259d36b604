import { isMap } from 'yaml'
import { declareImageTag } from '../declare.js'
import { isKindNodeImage, parseImageRef } from '../image-ref.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { asString, itemsOf, stringAt, tracedOf } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

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
        if (!image || !isKindNodeImage(parseImageRef(image.value)?.repository ?? '')) continue
        declareImageTag(out, tracedOf(file, image), {
          component: 'kubernetes',
          role: 'host',
          distro: 'kind',
          source: 'kind-config',
          group: dirnameOf(file.path),
          what: 'kind node image'
        })
      }
    }
    return out
  }
}
