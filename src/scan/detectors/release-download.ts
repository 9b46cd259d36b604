import type { Component } from '../../model.js'
import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { traced } from '../traced.js'
import { declareInferred } from './declare-inferred.js'
import { markInferred } from './prefer-exact.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'

/**
 * Release URLs whose path names the version, for any asset (the CLI, a chart, a checksum file, an image bundle), also
 * through one Jinja variable (`/download/v{{ vcluster_ver }}/`, an Ansible role's; see declare-inferred.ts).
 * A Makefile recipe writes the platform as a command (`/bin/$$(go env GOOS)/…/kubectl`): its spaces are part of the path.
 */
const DOWNLOADS: ReadonlyArray<{ pattern: RegExp; component: Component; what: string }> = [
  { pattern: /github\.com\/loft-sh\/vcluster\/releases\/download\/(v?\{\{ ?\w{1,64} ?\}\}|[^/\s"'`]+)\/[^\s"'`]/g, component: 'vcluster', what: 'vcluster release download' },
  { pattern: /github\.com\/kubernetes-sigs\/kind\/releases\/download\/(v?\{\{ ?\w{1,64} ?\}\}|[^/\s"'`]+)\/[^\s"'`]/g, component: 'kind', what: 'kind release download' },
  { pattern: /kind\.sigs\.k8s\.io\/dl\/([^/\s"'`]+)\/[^\s"'`]/g, component: 'kind', what: 'kind release download' },
  { pattern: /(?:dl\.k8s\.io|storage\.googleapis\.com\/kubernetes-release|cdn\.dl\.k8s\.io)\/release\/(v\d[^/\s"'`]*|\$\{?\w+\}?)\/bin\/(?:\$\$?\([^()\n]{0,80}\)|\$(?!\$?\()|[^\s"'`$])*?kubectl/g, component: 'kubectl', what: 'kubectl download' }
]

/** Installs of whatever release is current when they run: the report names each (never a silent pass). */
const UNPINNED: ReadonlyArray<{ pattern: RegExp; component: Component; what: string; pinnedBy?: RegExp }> = [
  { pattern: /(?:dl\.k8s\.io|storage\.googleapis\.com\/kubernetes-release)\/release\/stable(?:-\d+\.\d+)?\.txt/g, component: 'kubectl', what: 'a kubectl download of the current stable release (stable.txt)' },
  { pattern: /github\.com\/loft-sh\/vcluster\/releases\/latest/g, component: 'vcluster', what: 'a download of the latest vcluster release' },
  { pattern: /github\.com\/kubernetes-sigs\/kind\/releases\/latest/g, component: 'kind', what: 'a download of the latest kind release' },
  { pattern: /\bget\.k3s\.io\b/g, component: 'kubernetes', what: 'the k3s installer without INSTALL_K3S_VERSION or INSTALL_K3S_CHANNEL (the stable channel when it runs)', pinnedBy: /INSTALL_K3S_(?:VERSION|CHANNEL)|--channel|k3s_(?:version|channel)/i },
  { pattern: /\bget\.rke2\.io\b/g, component: 'kubernetes', what: 'the RKE2 installer without INSTALL_RKE2_VERSION or INSTALL_RKE2_CHANNEL (the stable channel when it runs)', pinnedBy: /INSTALL_RKE2_(?:VERSION|CHANNEL)|rke2_(?:version|channel)/i }
]

/**
 * A download of a pinned release asset anywhere outside a comment: `…/loft-sh/vcluster/releases/
 * download/v0.21.2/vcluster-linux-amd64`, `…/download/v0.21.2/checksums.txt`, `dl.k8s.io/release/
 * v1.31.3/bin/linux/amd64/kubectl`. The version may come from the file's variables.
 */
export const releaseDownload: Detector = {
  id: 'release-download',
  mightDetect: anyLiteral('releases/download/', 'releases/latest', 'dl.k8s.io', 'kubernetes-release', 'kind.sigs.k8s.io/dl', 'get.k3s.io', 'get.rke2.io'),
  detect(view: FileView, out: Extraction): void {
    for (const download of DOWNLOADS) {
      for (const match of view.file.text.matchAll(download.pattern)) {
        if (view.inComment(match.index)) continue
        const version = match[1]!
        const offset = match.index + match[0].indexOf(`/${version}/`) + 1
        declareInferred(view, out, releaseDownload.id, traced(view.file, version, offset), { component: download.component, what: download.what })
      }
    }
    for (const unpinned of UNPINNED) {
      if (unpinned.pinnedBy?.test(view.file.text)) continue
      for (const match of view.file.text.matchAll(unpinned.pattern)) {
        if (view.inComment(match.index)) continue
        const diagnostic = { ...view.file.locate(match.index), message: `${unpinned.what}: unpinned, the version is whatever is current at run time; pin one`, unresolved: true as const, cause: 'latest' as const }
        out.diagnostics.push(diagnostic)
        markInferred(diagnostic, unpinned.component)
      }
    }
  }
}
