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
export function hasContent(text: string, start: number, end: number): boolean {
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
