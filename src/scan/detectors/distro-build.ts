import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { textOf } from '../traced.js'
import { declareInferred } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'

/**
 * A version spelled as a distribution's build of a Kubernetes release says what it is whatever holds it:
 * `v1.21.6+k0s.0` (k0s), `v1.30.2+k3s1` (k3s), `v1.31.5+rke2r1` (RKE2), also a k3s release candidate
 * (`v1.30.2-rc3+k3s1`). No other software is numbered so, so a workflow matrix (`k0s_from: [v1.21.6+k0s.0]`)
 * or a shell default (`K0S_FROM=${K0S_FROM:-"v1.21.6+k0s.0"}`) under any name is the host's Kubernetes.
 * Images (`rancher/k3s:v1.30.2-k3s1`) are the image detector's; a value inside a vcluster's settings is
 * the virtual cluster's, read there (vcluster-config-keys.ts).
 */
const BUILT = /^["']?v?\d+\.\d+\.\d+(?:-rc\d+)?[-+](k0s\.\d+|k3s\d+|rke2r\d+)["']?$/
/** The same spelling inside a value (`${K0S_FROM:-"v1.21.6+k0s.0"}`), tested before the value is expanded. */
const BUILT_INSIDE = /(?<![\w.])v?\d+\.\d+\.\d+(?:-rc\d+)?[-+](?:k0s\.\d+|k3s\d+|rke2r\d+)(?![\w.])/
const BUILD_WORDS = anyLiteral('+k0s.', '-k0s.', '+k3s', '-k3s', 'rke2r')
/** Settings of a vcluster: the virtual cluster's versions, which other readers place. */
const VCLUSTER_SETTINGS = /vcluster|distro|controlplane/i
/** Object metadata (`metadata.labels.version: v1.21.4-k3s1` on an Argo CD Application) describes, it deploys nothing. */
const METADATA = new Set(['labels', 'annotations'])
/** An image split over keys (`repository: rancher/k3s-upgrade` + `tag: v1.32.0-k3s1`) is the image detector's to judge. */
const IMAGE_KEYS = ['repository', 'image', 'registry']
/** A value longer than this is no version (keeps the tests linear on hostile text). */
const MAX_VALUE = 256

function distroOf(text: string): string {
  return /k0s/.test(text) ? 'k0s' : /rke2/.test(text) ? 'rke2' : 'k3s'
}

export const distroBuild: Detector = {
  id: 'distro-build',
  mightDetect: BUILD_WORDS,
  detect(view: FileView, out: Extraction): void {
    for (const mapping of view.mappings) {
      if (mapping.path.some((key) => VCLUSTER_SETTINGS.test(key) || METADATA.has(key))) continue
      if (IMAGE_KEYS.some((key) => mapping.entries.has(key))) continue
      for (const entry of mapping.entries.values()) {
        if (VCLUSTER_SETTINGS.test(entry.key)) continue
        for (const value of entry.values) {
          const text = textOf(value)
          if (text.length > MAX_VALUE || !BUILT.test(text.trim()) || view.inComment(value[0]?.offset ?? 0)) continue
          declareInferred(view, out, distroBuild.id, value, { component: 'kubernetes', role: 'host', distro: distroOf(text), what: `${entry.key} (a ${distroOf(text)} build of Kubernetes)` })
        }
      }
    }
    for (const assignment of view.assignments) {
      const text = textOf(assignment.value)
      if (text.length > MAX_VALUE || !BUILT_INSIDE.test(text) || VCLUSTER_SETTINGS.test(assignment.name)) continue
      declareInferred(view, out, distroBuild.id, assignment.value, { component: 'kubernetes', role: 'host', distro: distroOf(text), what: `${assignment.name} (a ${distroOf(text)} build of Kubernetes)` })
    }
  }
}
