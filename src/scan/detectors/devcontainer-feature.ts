import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { basenameOf } from '../paths.js'
import { textOf } from '../traced.js'
import { declareInferred, type InferredWhat } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import type { Mapping } from './mappings.js'

/**
 * Dev container features that install a component, by the feature's own name (the last part of its
 * reference, `ghcr.io/devcontainers/features/kubectl-helm-minikube:1` → `kubectl-helm-minikube`), with the
 * option that holds that component's version. The reference's tag (`:1`) is the feature's own version.
 */
const FEATURES: ReadonlyArray<{ name: RegExp; option: string; what: Omit<InferredWhat, 'what'>; label: string }> = [
  { name: /^vcluster(-cli)?$/, option: 'version', what: { component: 'vcluster' }, label: 'vcluster' },
  { name: /^kind$/, option: 'version', what: { component: 'kind' }, label: 'kind' },
  { name: /^kubectl(-helm(-minikube)?|-asdf)?$/, option: 'version', what: { component: 'kubectl' }, label: 'kubectl' }
]

/** A feature definition: its own `name`, `id` and `version` describe the feature, `options.<x>.default` is what it installs. */
export const FEATURE_DEFINITION = /(^|\/)devcontainer-feature\.json$/

/** The JSON key `"features"` (kind and kubectl features may name no other word the detectors know), or vcluster. */
const TRIGGERS = anyLiteral('"features"', 'vcluster')

/**
 * Dev container `features` (a `devcontainer.json`, a feature's test `scenarios.json`) that install
 * vcluster, kind or kubectl: the feature's version option is that component's version; a feature
 * without one installs its default (the latest release, for these features), said at its place. A
 * feature's own definition (`devcontainer-feature.json`) says what a use without options installs.
 */
export const devcontainerFeature: Detector = {
  id: 'devcontainer-feature',
  mightDetect: TRIGGERS,
  detect(view: FileView, out: Extraction): void {
    if (view.format !== 'yaml' || !/\.json$/i.test(view.file.path)) return
    const definition = FEATURE_DEFINITION.test(view.file.path)
    for (const mapping of view.mappings) {
      if (definition) readDefinition(view, out, mapping)
      else if (mapping.path.length >= 2 && mapping.path[mapping.path.length - 2] === 'features') readFeatureUse(view, out, mapping)
    }
  }
}

function featureOf(reference: string): (typeof FEATURES)[number] | undefined {
  const name = basenameOf(reference.replace(/@sha256:[0-9a-f]*$/i, '').replace(/:[^/:]*$/, '')).toLowerCase()
  return FEATURES.find((feature) => feature.name.test(name))
}

function readFeatureUse(view: FileView, out: Extraction, mapping: Mapping): void {
  const reference = mapping.path[mapping.path.length - 1]!
  const feature = featureOf(reference)
  if (!feature) return
  const what = { ...feature.what, what: `dev container feature ${reference} ${feature.option}` }
  const version = mapping.entries.get(feature.option)
  if (version && version.values.length > 0) {
    for (const value of version.values) declareInferred(view, out, devcontainerFeature.id, value, what)
    return
  }
  out.diagnostics.push({
    ...view.file.locate(mapping.offset),
    message: `dev container feature ${reference} without "${feature.option}": the feature installs its default ${feature.label} (usually the latest release); pin a version`,
    unresolved: true,
    cause: 'no-version'
  })
}

/** `options.version.default` of a feature whose `id` names a component: what a use without that option installs. */
function readDefinition(view: FileView, out: Extraction, mapping: Mapping): void {
  if (mapping.path.length !== 2 || mapping.path[0] !== 'options') return
  const root = view.mappings.find((each) => each.path.length === 0)
  const id = root?.entries.get('id')?.values[0]
  const feature = id ? featureOf(textOf(id)) : undefined
  if (!feature || mapping.path[1] !== feature.option) return
  const fallback = mapping.entries.get('default')?.values[0]
  if (!fallback) return
  declareInferred(view, out, devcontainerFeature.id, fallback, { ...feature.what, what: `dev container feature ${textOf(id!)} option ${feature.option} default` })
}
