import { Composer, Parser, type Document } from 'yaml'

/** Where one document of a YAML stream lies in the whole text. */
export interface DocumentSpan {
  start: number
  end: number
}

/**
 * The documents of a YAML stream, found from their `---` lines without parsing, as many and
 * in the order `parseAllDocuments` gives them; so one document of a 3,000-document `helm
 * template` dump can be parsed alone. The lexer ends every scalar, flow collection and
 * comment at a `---` or `...` line (column 0, then whitespace or the end), so each span
 * parses as it would in the stream. Undefined when only a whole-stream parse can tell:
 * directives (`%YAML`, `%TAG`) reach into the documents after them, a `...` end marker lets
 * comments and errors pass from one document to the next, and a byte order mark is a token.
 */
export function documentSpans(text: string): DocumentSpan[] | undefined {
  if (text.startsWith('\uFEFF') || text.startsWith('%') || text.includes('\n%') || markerOffsets(text, '...').length > 0) return undefined
  const starts = markerOffsets(text, '---')
  const spans: DocumentSpan[] = []
  const first = starts[0] ?? text.length
  // Text before the first `---` is a document only when it holds more than blank and comment lines.
  if (hasContent(text, 0, first)) spans.push({ start: 0, end: first })
  starts.forEach((start, i) => spans.push({ start, end: starts[i + 1] ?? text.length }))
  return spans
}

/**
 * Parses the one document in `span`, with positions (node ranges, error positions) as
 * offsets in the whole text. Undefined when the span does not hold exactly one document,
 * which `documentSpans` rules out; the caller then parses the whole stream.
 */
export function parseSpan(text: string, span: DocumentSpan): Document.Parsed | undefined {
  const parser = new Parser()
  // The parser counts token offsets from here: ranges come out as whole-text offsets.
  parser.offset = span.start
  const documents = Array.from(new Composer({ uniqueKeys: false }).compose(parser.parse(text.slice(span.start, span.end))))
  return documents.length === 1 ? documents[0] : undefined
}

/**
 * The start of a document up to the top-level `keys`: from the span's start to the first
 * line, after each key has begun a line of its own (`key:` at column 0), that begins another
 * top-level entry. In a block mapping every line that starts at column 0 with content starts
 * an entry, so the head holds whole entries, the same first ones as the document; parsed
 * alone it gives their values without the rest (a 1 MB ConfigMap is read for its first two
 * lines). Undefined when some key does not begin a line, or when the document starts on its
 * `---` line (`--- |` makes every following line text). The caller parses the head, and the
 * whole document when the head does not parse as a map holding the keys.
 */
export function headSpan(text: string, span: DocumentSpan, keys: readonly string[]): DocumentSpan | undefined {
  const unseen = new Set(keys)
  let line = span.start
  if (text.startsWith('---', line)) {
    const rest = lineEnd(text, line, span.end)
    if (hasContent(text, line + 3, rest)) return undefined
    line = rest
  }
  for (; line < span.end; line = lineEnd(text, line, span.end)) {
    const ch = text[line]
    if (ch === ' ' || ch === '\t' || ch === '#' || ch === '\n' || ch === '\r') continue
    if (unseen.size === 0) return { start: span.start, end: line }
    for (const key of unseen) {
      if (text.startsWith(key, line) && text[line + key.length] === ':') unseen.delete(key)
    }
  }
  return unseen.size === 0 ? span : undefined
}

/** The offset after the line break of the line at `line` (or `end`). */
function lineEnd(text: string, line: number, end: number): number {
  const newline = text.indexOf('\n', line)
  return newline === -1 || newline >= end ? end : newline + 1
}

/** Offsets of the lines that are the marker (`---`, `...`) followed by whitespace or the end. */
function markerOffsets(text: string, marker: string): number[] {
  const offsets: number[] = []
  const add = (at: number): void => {
    if (isEmpty(text[at + marker.length])) offsets.push(at)
  }
  if (text.startsWith(marker)) add(0)
  for (let at = text.indexOf(`\n${marker}`); at !== -1; at = text.indexOf(`\n${marker}`, at + 1)) add(at + 1)
  return offsets
}

function isEmpty(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'
}

/** Whether a line of `text[start, end)` is neither blank nor a comment (as the lexer's `atLineEnd` decides). */
function hasContent(text: string, start: number, end: number): boolean {
  for (let line = start; line < end; ) {
    let at = line
    while (text[at] === ' ' || text[at] === '\t') at++
    const ch = text[at]
    const blank = at >= end || ch === '#' || ch === '\n' || (ch === '\r' && text[at + 1] === '\n')
    if (!blank) return true
    const newline = text.indexOf('\n', at)
    if (newline === -1) return false
    line = newline + 1
  }
  return false
}
