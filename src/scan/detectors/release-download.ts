import type { Component } from '../../model.js'
import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { traced } from '../traced.js'
import { declareInferred } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'

/** Release URLs whose path names the version, for any asset (the CLI, a chart, a checksum file, an image bundle). */
const DOWNLOADS: ReadonlyArray<{ pattern: RegExp; component: Component; what: string }> = [
  { pattern: /github\.com\/loft-sh\/vcluster\/releases\/download\/([^/\s"'`]+)\/[^\s"'`]/g, component: 'vcluster', what: 'vcluster release download' },
  { pattern: /github\.com\/kubernetes-sigs\/kind\/releases\/download\/([^/\s"'`]+)\/[^\s"'`]/g, component: 'kind', what: 'kind release download' },
  { pattern: /kind\.sigs\.k8s\.io\/dl\/([^/\s"'`]+)\/[^\s"'`]/g, component: 'kind', what: 'kind release download' },
  { pattern: /(?:dl\.k8s\.io|storage\.googleapis\.com\/kubernetes-release|cdn\.dl\.k8s\.io)\/release\/(v\d[^/\s"'`]*|\$\{?\w+\}?)\/bin\/[^\s"'`]*kubectl/g, component: 'kubectl', what: 'kubectl download' }
]

/**
 * A download of a pinned release asset anywhere outside a comment: `…/loft-sh/vcluster/releases/
 * download/v0.21.2/vcluster-linux-amd64`, `…/download/v0.21.2/checksums.txt`, `dl.k8s.io/release/
 * v1.31.3/bin/linux/amd64/kubectl`. The version may come from the file's variables.
 */
export const releaseDownload: Detector = {
  id: 'release-download',
  mightDetect: anyLiteral('releases/download/', 'dl.k8s.io', 'kubernetes-release', 'kind.sigs.k8s.io/dl'),
  detect(view: FileView, out: Extraction): void {
    for (const download of DOWNLOADS) {
      for (const match of view.file.text.matchAll(download.pattern)) {
        if (view.inComment(match.index)) continue
        const version = match[1]!
        const offset = match.index + match[0].indexOf(`/${version}/`) + 1
        declareInferred(view, out, releaseDownload.id, traced(view.file, version, offset), { component: download.component, what: download.what })
      }
    }
  }
}
