import { isMap } from 'yaml'
import { declareImageTag } from '../declare.js'
import { isKindNodeImage, parseImageRef } from '../image-ref.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { asString, itemsOf, stringAt, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
import { yamlExtractor } from './yaml-extractor.js'

const KIND_API = literal('kind.x-k8s.io')

/** kind cluster configs: each node's image pins the host Kubernetes version. */
export const kindConfig: Extractor = yamlExtractor({
  id: 'kind-config',
  accepts: isYamlPath,
  mightDeclare: (text) => KIND_API.foundIn(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    if (!isMap(root)) return
    if (stringAt(root, ['kind'])?.value !== 'Cluster') return
    if (!stringAt(root, ['apiVersion'])?.value.startsWith('kind.x-k8s.io/')) return
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
})
