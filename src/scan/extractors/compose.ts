import { isMap } from 'yaml'
import { declareImageTag } from '../declare.js'
import { isK3sImage, parseImageRef } from '../image-ref.js'
import { basenameOf, dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringIn, tracedOf } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

/** Docker Compose files that run a k3s server (`image: rancher/k3s:v1.31.2-k3s1`) as the host cluster. */
export const compose: Extractor = {
  id: 'compose',
  accepts: (path) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(basenameOf(path)),
  mightDeclare: (text) => text.includes('rancher/k3s'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc } of yaml.documents) {
      for (const service of mapAt(doc.contents, ['services'])?.items ?? []) {
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
    return out
  }
}
