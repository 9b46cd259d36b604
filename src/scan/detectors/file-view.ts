import { lineQuotesIn } from '../extractors/shell-script.js'
import { collectAssignments } from '../shell/commands.js'
import { addVariable, type Variables } from '../shell/expand.js'
import { sharedCommandsOf } from '../shell/words.js'
import type { SourceFile } from '../source-file.js'
import { traced, type Traced } from '../traced.js'
import type { Format } from './formats.js'
import { lenientMappings } from './lenient-lines.js'
import { hclMappings, yamlMappings, type Mapping } from './mappings.js'

/** A name given a value in the file: `NAME=value` in a script or a `run:` block, `NAME ?= value`, `ARG NAME=value`. */
export interface Assignment {
  name: string
  value: Traced
}

/**
 * What every generic detector reads of one file, made once from the readings the exact
 * extractors share (the parsed YAML documents, the HCL body, the shell words): no file is
 * parsed twice.
 */
export interface FileView {
  file: SourceFile
  format: Format
  /** The text with comments blanked out, offsets unchanged: versions in comments are not declarations. */
  code: string
  mappings: Mapping[]
  assignments: Assignment[]
  /** Every value a name has in this file, for `${NAME}`, `${NAME:-default}`, `$(NAME)`, `${{ env.NAME }}`. */
  variables: Variables
  /** The file speaks of vcluster: a Kubernetes image in it may be a virtual cluster's. */
  mentionsVcluster: boolean
}

export function viewOf(file: SourceFile, format: Format): FileView {
  return file.shared(`detector-view`, () => makeView(file, format))
}

function makeView(file: SourceFile, format: Format): FileView {
  const code = withoutComments(file.text, format)
  const mappings = mappingsOf(file, format)
  const variables: Variables = new Map()
  const assignments: Assignment[] = []
  if (format === 'shell') {
    collectAssignments(sharedCommandsOf(file, lineQuotesIn(file.path)).commands, variables)
    for (const [name, values] of variables) for (const { value } of values) assignments.push({ name, value })
  } else {
    for (const assignment of inlineAssignments(file, code)) {
      assignments.push(assignment)
      addVariable(variables, assignment.name, { value: assignment.value })
    }
    for (const mapping of mappings) {
      for (const entry of mapping.entries.values()) {
        for (const value of entry.values) {
          addVariable(variables, entry.key, { value })
          addVariable(variables, `env.${entry.key}`, { value })
        }
      }
    }
  }
  return { file, format, code, mappings, assignments, variables, mentionsVcluster: file.text.includes('vcluster') }
}

function mappingsOf(file: SourceFile, format: Format): Mapping[] {
  if (format === 'hcl') return hclMappings(file)
  if (format === 'lenient') return lenientMappings(file)
  if (format === 'shell') return []
  const yaml = file.yaml()
  // A document that does not parse is read line by line, so a template action or a typo hides nothing.
  if (yaml.diagnostics.length > 0) return lenientMappings(file)
  return yamlMappings(file, yaml.documents.map(({ doc }) => doc.contents))
}

/** `NAME=value` written in a string of a structured file (a `run:` script, a `command:`). */
const ASSIGNMENT = /(?:^|[\s;&(])(?:export[ \t]+)?([A-Za-z_]\w*)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;&|)'"]+))/g

function inlineAssignments(file: SourceFile, code: string): Assignment[] {
  if (!code.includes('=')) return []
  const out: Assignment[] = []
  for (const match of code.matchAll(ASSIGNMENT)) {
    const [whole, name, double, single, bare] = match
    const value = double ?? single ?? bare ?? ''
    if (value === '') continue
    const valueStart = match.index + whole.length - value.length - (double !== undefined || single !== undefined ? 1 : 0)
    out.push({ name: name!, value: traced(file, value, valueStart) })
  }
  return out
}

/**
 * Comments blanked out with spaces: `#` at the start of a line or after a space, outside quotes
 * on its line, in every format; `//` and `/* *\/` in HCL too. YAML block scalars are text, not
 * comments, but a `#` after a space there is a comment of the script they hold.
 */
export function withoutComments(text: string, format: Format): string {
  if (!text.includes('#') && (format !== 'hcl' || !text.includes('/'))) return text
  const parts: string[] = []
  let kept = 0
  const blank = (from: number, to: number): void => {
    parts.push(text.slice(kept, from), text.slice(from, to).replace(/[^\n]/g, ' '))
    kept = to
  }
  let quote: string | undefined
  let lineStart = true
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') {
      quote = undefined
      lineStart = true
      continue
    }
    if (quote !== undefined) {
      if (c === quote) quote = undefined
      continue
    }
    const before = i === 0 ? ' ' : text[i - 1]!
    if ((c === '#' && (lineStart || before === ' ' || before === '\t')) || (format === 'hcl' && c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i)
      blank(i, end === -1 ? text.length : end)
      i = (end === -1 ? text.length : end) - 1
      continue
    }
    if (format === 'hcl' && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2)
      const end = close === -1 ? text.length : close + 2
      blank(i, end)
      i = end - 1
      continue
    }
    if (c === '"' || (c === "'" && format !== 'yaml' && format !== 'lenient')) quote = c
    if (c !== ' ' && c !== '\t') lineStart = false
  }
  parts.push(text.slice(kept))
  return parts.join('')
}
