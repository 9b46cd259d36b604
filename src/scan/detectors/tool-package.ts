import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { sliceTraced, textOf } from '../traced.js'
import { declareInferred, type InferredWhat } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import type { Mapping } from './mappings.js'
import { projectMeaning } from './renovate-hint.js'

/** A component's project as tool managers name it (aqua's registry, tomei, release-download lists). */
const PROJECT_WORDS = anyLiteral('kubernetes-sigs/kind', '/kubectl', 'loft-sh/vcluster')

/** Keys that name the tool an entry installs. */
const PACKAGE_KEYS = ['package', 'pkg', 'name', 'tool', 'repo', 'repository']

/**
 * A tool manager's entry (aqua `- name: kubernetes-sigs/kind@v0.24.0`, a CUE or YAML tool set's
 * `{ package: "kubernetes/kubernetes/kubectl", version: "v1.31.2" }`, a release-download list's
 * `{ repo: loft-sh/vcluster, version: v0.21.1 }`): the project names the component, the version
 * beside it (or after its `@`) is the one installed. Only names qualified by their owner count: a
 * bare `vcluster` or `kind` names a chart, a feature, a container as often as the tool.
 */
export const toolPackage: Detector = {
  id: 'tool-package',
  mightDetect: PROJECT_WORDS,
  detect(view: FileView, out: Extraction): void {
    for (const mapping of view.mappings) readEntry(view, out, mapping)
  }
}

function readEntry(view: FileView, out: Extraction, mapping: Mapping): void {
  for (const key of PACKAGE_KEYS) {
    const written = mapping.entries.get(key)?.values[0]
    if (!written) continue
    const text = textOf(written)
    const at = text.indexOf('@')
    const project = (at === -1 ? text : text.slice(0, at)).trim()
    const meaning = project.includes('/') ? projectMeaning(project) : undefined
    if (!meaning) continue
    const what: InferredWhat = { ...meaning, what: `${project} tool entry` }
    if (at !== -1) {
      declareInferred(view, out, toolPackage.id, sliceTraced(written, at + 1, text.length), what)
      return
    }
    for (const value of mapping.entries.get('version')?.values ?? []) declareInferred(view, out, toolPackage.id, value, what)
    return
  }
}
