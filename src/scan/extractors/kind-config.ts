import { isMap } from 'yaml'
import { declareImageTag, toolDefault } from '../declare.js'
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
    const nodes = itemsOf(root.get('nodes', true))
    if (nodes.every((node) => isMap(node) && !node.has('image'))) {
      // No node names an image: kind uses its release's default (a missing `nodes` is one such node).
      out.diagnostics.push(toolDefault(file.locate(root.range?.[0] ?? 0), 'kind cluster config without a node image', 'Kubernetes', 'set nodes[].image'))
    }
    for (const node of nodes) {
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
