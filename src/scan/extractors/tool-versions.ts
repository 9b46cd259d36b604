import type { Component } from '../../model.js'
import { declareVersion } from '../declare.js'
import { basenameOf, dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { traced } from '../traced.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

/** Tool names of asdf/mise plugins, and what their versions are. */
const TOOLS: Record<string, Component> = { kubectl: 'kubectl', kind: 'kind', vcluster: 'vcluster', helm: 'helm' }

/** `kubectl 1.30.2` (asdf `.tool-versions`) or `kubectl = "1.30.2"` (mise `[tools]`). */
const ASDF_LINE = /^[ \t]*([a-z][\w-]*)[ \t]+([^\s#]+)/gm
const MISE_LINE = /^[ \t]*"?([a-z][\w-]*)"?[ \t]*=[ \t]*"([^"\n]*)"/gm
/** devbox.json `"packages"`: `"kind": "latest"` (an object) or `"kubectl@1.30.2"` (a list). */
const DEVBOX_PACKAGE = /"([a-z][\w-]*)(?:"[ \t]*:[ \t]*"|@)([^"\n]*)"/g

/**
 * Tool version files: asdf's `.tool-versions`, mise's `mise.toml`/`.mise.toml` and devbox's
 * `devbox.json` pin the kubectl, kind, vcluster and helm CLIs a repository's developers and CI
 * use. The first version of a line is the one used; `latest` is named as a use without a version.
 */
export const toolVersions: Extractor = {
  id: 'tool-versions',
  accepts: (path) => /(^|\/)(\.tool-versions|\.?mise\.toml|devbox\.json)$/.test(path),
  mightDeclare: (text) => text.includes('kubectl') || text.includes('kind') || text.includes('vcluster') || text.includes('helm'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const toml = file.path.endsWith('.toml')
    const devbox = file.path.endsWith('devbox.json')
    const text = toml ? toolsSectionOf(file.text) : devbox ? packagesOf(file.text) : { body: file.text, offset: 0 }
    for (const match of text.body.matchAll(toml ? MISE_LINE : devbox ? DEVBOX_PACKAGE : ASDF_LINE)) {
      const [whole, tool, version] = match as unknown as [string, string, string]
      const component = Object.hasOwn(TOOLS, tool) ? TOOLS[tool] : undefined
      if (!component) continue
      const offset = text.offset + match.index + whole.lastIndexOf(version)
      declareVersion(out, traced(file, version, offset), { component, source: 'tool-versions', group: dirnameOf(file.path), what: `${tool} in ${basenameOf(file.path)}` })
    }
    return out
  }
}

/** The `"packages"` of a devbox.json, up to the next of devbox's own keys (`env`, `shell`: a script may be named `kind`). */
function packagesOf(text: string): { body: string; offset: number } {
  const start = text.indexOf('"packages"')
  if (start === -1) return { body: '', offset: 0 }
  const rest = text.slice(start)
  const end = rest.search(/\n[ \t]*"(env|shell|include|env_from|nixpkgs)"[ \t]*:/)
  return { body: end === -1 ? rest : rest.slice(0, end), offset: start }
}

/** The `[tools]` table of a mise file (up to the next table). */
function toolsSectionOf(text: string): { body: string; offset: number } {
  const start = text.search(/^\[tools\][ \t]*$/m)
  if (start === -1) return { body: '', offset: 0 }
  const rest = text.slice(start + '[tools]'.length)
  const end = rest.search(/^\[/m)
  return { body: end === -1 ? rest : rest.slice(0, end), offset: start + '[tools]'.length }
}
