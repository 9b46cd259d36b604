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

/**
 * Tool version files: asdf's `.tool-versions` and mise's `mise.toml`/`.mise.toml` pin
 * the kubectl, kind, vcluster and helm CLIs a repository's developers and CI use. The
 * first version of a line is the one used.
 */
export const toolVersions: Extractor = {
  id: 'tool-versions',
  accepts: (path) => /(^|\/)(\.tool-versions|\.?mise\.toml)$/.test(path),
  mightDeclare: (text) => text.includes('kubectl') || text.includes('kind') || text.includes('vcluster') || text.includes('helm'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const toml = file.path.endsWith('.toml')
    const text = toml ? toolsSectionOf(file.text) : { body: file.text, offset: 0 }
    for (const match of text.body.matchAll(toml ? MISE_LINE : ASDF_LINE)) {
      const [whole, tool, version] = match as unknown as [string, string, string]
      const component = Object.hasOwn(TOOLS, tool) ? TOOLS[tool] : undefined
      if (!component) continue
      const offset = text.offset + match.index + whole.lastIndexOf(version)
      declareVersion(out, traced(file, version, offset), { component, source: 'tool-versions', group: dirnameOf(file.path), what: `${tool} in ${basenameOf(file.path)}` })
    }
    return out
  }
}

/** The `[tools]` table of a mise file (up to the next table). */
function toolsSectionOf(text: string): { body: string; offset: number } {
  const start = text.search(/^\[tools\][ \t]*$/m)
  if (start === -1) return { body: '', offset: 0 }
  const rest = text.slice(start + '[tools]'.length)
  const end = rest.search(/^\[/m)
  return { body: end === -1 ? rest : rest.slice(0, end), offset: start + '[tools]'.length }
}
