import type { Extraction } from '../extractors/extractor.js'
import { literal } from '../extractors/literal.js'
import { traced } from '../traced.js'
import { declareInferred, type InferredWhat } from './declare-inferred.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'
import { imageMeaning } from './kubernetes-image.js'
import { inRendererSettings } from './named-value.js'

const RENOVATE = literal('renovate:')

/** `# renovate: datasource=github-releases depName=loft-sh/vcluster` (and the same in `//` comments). */
const HINT = /(?:#|\/\/)[ \t]*renovate:[^\n]*?\bdepName=([^\s,]+)[^\n]*\n([^\n]*)/g
/** The first version-like token of the line after a hint: the value the update bot bumps. */
const VERSION_TOKEN = /(?<![\w.])v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?(?![\w.])/

/** What a dependency name of an update bot is the version of: a project, or an image. */
function dependencyMeaning(depName: string): InferredWhat | undefined {
  const project = projectMeaning(depName)
  if (project) return { ...project, what: `renovate dependency ${depName}` }
  const image = imageMeaning(depName.toLowerCase(), false)
  return image ? { ...image, image: false, what: `renovate dependency ${depName}` } : undefined
}

/**
 * What a project's name (an update bot's `depName`, a tool manager's package: `loft-sh/vcluster`,
 * `kubernetes-sigs/kind`, aqua's `kubernetes/kubectl` or `kubernetes/kubernetes/kubectl`) is the version of.
 */
export function projectMeaning(name: string): InferredWhat | undefined {
  const project = name.toLowerCase().replace(/^https?:\/\/github\.com\//, '')
  if (/(^|\/)loft-sh\/vcluster(-cli)?$|^vcluster$/.test(project)) return { component: 'vcluster', what: name, range: true }
  if (/(^|\/)kubernetes-sigs\/kind$|^kind$/.test(project)) return { component: 'kind', what: name }
  if (/^(kubernetes\/)?kubernetes\/kubectl$|^kubectl$/.test(project)) return { component: 'kubectl', what: name }
  if (/^kubernetes\/kubernetes$/.test(project)) return { component: 'kubernetes', role: 'host', what: name }
  if (/(^|\/)k3s-io\/k3s$/.test(project)) return { component: 'kubernetes', role: 'host', distro: 'k3s', what: name }
  return undefined
}

/**
 * An update bot's annotation names the dependency whose version the next line holds; that
 * line's version is declared as that dependency's, whatever the variable is called.
 */
export const renovateHint: Detector = {
  id: 'renovate-hint',
  mightDetect: (text) => RENOVATE.foundIn(text),
  detect(view: FileView, out: Extraction): void {
    const text = view.file.text
    for (const match of text.matchAll(HINT)) {
      const [whole, depName, next] = match as unknown as [string, string, string]
      const meaning = dependencyMeaning(depName)
      if (!meaning) continue
      const version = VERSION_TOKEN.exec(next)
      if (!version) continue
      const offset = match.index + whole.length - next.length + version.index
      if (meaning.component === 'kubernetes' && inRendererSettings(view, offset)) continue
      declareInferred(view, out, renovateHint.id, traced(view.file, version[0], offset), meaning)
    }
  }
}
