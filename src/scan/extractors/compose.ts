import { isMap } from 'yaml'
import { declareImageTag } from '../declare.js'
import { isK3sImage, parseImageRef } from '../image-ref.js'
import { dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringIn, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { yamlExtractor } from './yaml-extractor.js'

/** Docker Compose files that run a k3s server (`image: rancher/k3s:v1.31.2-k3s1`) as the host cluster. */
export const compose: Extractor = yamlExtractor({
  id: 'compose',
  accepts: (path) => /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(path),
  mightDeclare: (text) => text.includes('rancher/k3s'),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    for (const service of mapAt(root, ['services'])?.items ?? []) {
      const image = isMap(service.value) ? stringIn(service.value, 'image') : undefined
      if (!image || !isK3sImage(parseImageRef(image.value)?.repository ?? '')) continue
      declareImageTag(out, tracedOf(file, image), {
        component: 'kubernetes',
        role: 'host',
        distro: 'k3s',
        source: 'compose',
        group: dirnameOf(file.path),
        what: 'k3s server image'
      })
    }
  }
})
