import { declareAs, requestFor, type DeclareWhat } from '../declare.js'
import type { Extraction } from '../extractors/extractor.js'
import { dirnameOf } from '../paths.js'
import { expand } from '../shell/expand.js'
import { locateToken, textOf, type Traced } from '../traced.js'
import type { FileView } from './file-view.js'
import { markInferred } from './prefer-exact.js'

/** What a detector knows of a value it found (the same description the exact readers use). */
export type InferredWhat = DeclareWhat

/**
 * Declares a value found by a detector, once per way the file's own variables and defaults
 * let it read (`${K8S:-1.31.0}` reads 1.31.0). What stays a variable becomes a diagnostic that
 * says the value has no value in this repository, never a silent skip.
 */
export function declareInferred(view: FileView, out: Extraction, source: string, value: Traced, what: InferredWhat): void {
  if (value.length === 0 || textOf(value).trim() === '') return
  for (const expanded of expand(value, view.variablesFor(value))) {
    const text = textOf(expanded.value)
    // `${CHART_VERSION:=""}`: a variable whose only value here is empty.
    const empty = /^\s*(""|'')?\s*$/.test(text)
    if (empty || /\$|\{\{|\{%/.test(text)) {
      const { location } = locateToken(expanded.value, 0, text.length)
      const why = empty ? `"${textOf(value).trim()}" is empty in this repository` : `"${text.trim()}" is a template expression or a variable with no value in this repository`
      const diagnostic = { ...location, message: `${what.what}: ${why}, so the version cannot be read`, unresolved: true as const }
      out.diagnostics.push(diagnostic)
      markInferred(diagnostic, what.component)
      continue
    }
    declareAs(out, expanded.value, what, requestFor(what, source, expanded.group ?? dirnameOf(view.file.path), 'inferred'))
  }
}

/** A value written as a Terraform variable or local: declared with the value it has in its module, once every file is read. */
export function declareNamedUse(view: FileView, out: Extraction, source: string, name: string, offset: number, what: InferredWhat): void {
  const scope = dirnameOf(view.file.path)
  const request = requestFor(what, source, scope, 'inferred')
  out.uses?.push({ scope, name, request, ...(what.image ? { image: true } : {}), from: view.file.locate(offset) })
}
