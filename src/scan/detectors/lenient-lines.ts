import type { SourceFile } from '../source-file.js'
import { textOf, traced, type Traced } from '../traced.js'
import { addEntry, newMapping, type DocumentContext, type Mapping } from './mappings.js'

/**
 * `key: value`, `"key": "value",`, `key = "value"`, `- key: value`, `[table.name]`: the lines of
 * templates (Go, Helm, Jinja), TOML, jsonnet and YAML that does not parse, read one at a time.
 * A line that is none of these (a `{{ if }}` action, a `{% for %}`) is passed over, so nothing
 * in the file can hide the rest. Indentation nests mappings as YAML does; a table header starts
 * a new top-level mapping as TOML does.
 */
const LINE = /^([ \t]*)(-[ \t]+)?(?:\[\[?[ \t]*([\w.-]+(?:\.[\w"-]+)*)[ \t]*\]\]?[ \t]*$|(["']?)([A-Za-z_][\w.-]*)\4[ \t]*(?::=|=|:(?=[ \t]|$))[ \t]*(.*)$)/
/** An inline table or object on one line: `{ chart = "vcluster", version = "0.21.0" }`. */
const INLINE_PAIR = /(["']?)([A-Za-z_][\w.-]*)\1[ \t]*(?:=|:)[ \t]*("([^"\n]*)"|'([^'\n]*)'|([^\s,}]+))/g

/** Lines longer than this are data, not configuration; they are passed over (and bound the work). */
const MAX_LINE = 2000

interface Open {
  indent: number | undefined
  mapping: Mapping
}

export function lenientMappings(file: SourceFile): Mapping[] {
  const text = file.text
  const out: Mapping[] = []
  let root = newMapping([], 0)
  let documentStart = 0
  let first = 0
  out.push(root)
  let stack: Open[] = [{ indent: -1, mapping: root }]
  // Each `---` document of a template (a Helm template of several objects) tells its mappings what object they belong to.
  const endDocument = (end: number): void => {
    const document = objectOf(text.slice(documentStart, end), root)
    if (document) for (let i = first; i < out.length; i++) out[i]!.document = document
  }
  let start = 0
  while (start <= text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const line = text.slice(start, end).replace(/\r$/, '')
    if (line.startsWith('---')) {
      endDocument(start)
      documentStart = end + 1
      first = out.length
      root = newMapping([], documentStart)
      out.push(root)
      stack = [{ indent: -1, mapping: root }]
    } else if (line.length <= MAX_LINE) readLine(file, line, start, stack, out)
    start = end + 1
  }
  endDocument(text.length)
  return out
}

/** A document of one Kubernetes object (a Helm template, a templated manifest) tells its mappings what object they belong to. */
function objectOf(text: string, root: Mapping): DocumentContext | undefined {
  const apiVersion = root.entries.get('apiversion')?.values[0]
  if (!apiVersion) return undefined
  const kind = root.entries.get('kind')?.values[0]
  return { apiVersion: textOf(apiVersion), ...(kind ? { kind: textOf(kind) } : {}), mentionsVcluster: /vcluster/i.test(text) }
}

function readLine(file: SourceFile, line: string, lineStart: number, stack: Open[], out: Mapping[]): void {
  const match = LINE.exec(line)
  if (!match) return
  const [, spaces = '', dash, table, , key, rest] = match
  if (table !== undefined) {
    const mapping = newMapping(table.split('.').map((part) => part.replace(/"/g, '')), lineStart)
    out.push(mapping)
    stack.length = 1
    stack.push({ indent: spaces.length, mapping })
    return
  }
  if (key === undefined) return
  const column = spaces.length + (dash?.length ?? 0)
  // A mapping opened by `key:` takes the indentation of its first line.
  const top = stack[stack.length - 1]!
  if (top.indent === undefined) {
    if (column > indentOf(stack[stack.length - 2])) top.indent = column
    else stack.pop()
  }
  while (stack.length > 1 && (stack[stack.length - 1]!.indent ?? -1) > column) stack.pop()
  if (dash !== undefined) {
    while (stack.length > 1 && (stack[stack.length - 1]!.indent ?? -1) >= column) stack.pop()
    const item = newMapping(stack[stack.length - 1]!.mapping.path, lineStart + spaces.length)
    out.push(item)
    stack.push({ indent: column, mapping: item })
  }
  const current = stack[stack.length - 1]!.mapping
  const keyOffset = lineStart + column
  const value = valueOf(rest ?? '')
  if (value === undefined) {
    addEntry(current, key, undefined, keyOffset)
    const child = newMapping([...current.path, key], keyOffset)
    out.push(child)
    stack.push({ indent: undefined, mapping: child })
    return
  }
  const valueOffset = lineStart + line.length - (rest ?? '').length
  if (value.text.startsWith('{') && !value.text.startsWith('{{')) {
    addEntry(current, key, undefined, keyOffset)
    out.push(inlineMapping(file, value.text, valueOffset + value.start, [...current.path, key]))
    return
  }
  addEntry(current, key, valueTraced(file, value, valueOffset), keyOffset)
}

function indentOf(open: Open | undefined): number {
  return open?.indent ?? -1
}

/** The value of a line: quotes, a trailing comma and a trailing comment removed; undefined when the line opens a block. */
function valueOf(rest: string): { text: string; start: number } | undefined {
  let text = rest.replace(/[ \t]+#.*$/, '').replace(/[ \t]*,?[ \t]*$/, '')
  if (text === '' || text === '|' || text === '>' || /^[|>][-+]?\d?$/.test(text) || text === '{' || text === '[') return undefined
  let start = rest.indexOf(text)
  const quoted = /^(["'])(.*)\1$/.exec(text)
  if (quoted) {
    text = quoted[2]!
    start += 1
  }
  return { text, start }
}

function valueTraced(file: SourceFile, value: { text: string; start: number }, valueOffset: number): Traced {
  return traced(file, value.text, valueOffset + value.start)
}

function inlineMapping(file: SourceFile, text: string, offset: number, path: string[]): Mapping {
  const mapping = newMapping(path, offset)
  for (const pair of text.matchAll(INLINE_PAIR)) {
    const [whole, , key, written, double, single, bare] = pair
    const value = double ?? single ?? bare ?? ''
    const valueStart = pair.index + whole.length - written!.length + (double !== undefined || single !== undefined ? 1 : 0)
    addEntry(mapping, key!, traced(file, value, offset + valueStart), offset + pair.index)
  }
  return mapping
}
