import { Pair, Scalar, YAMLMap } from 'yaml'
import { hasContent, type DocumentSpan } from './yaml-documents.js'

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

/**
 * A `key: word` line, as manifests begin (`apiVersion: policy/v1beta1`): a plain one-word
 * value that is a string in YAML (a letter first, so never a number; the null and boolean
 * words are ruled out below), and nothing after it but a comment.
 */
const PLAIN_ENTRY = /^([A-Za-z][A-Za-z0-9_-]*):[ \t]+([A-Za-z][A-Za-z0-9._/-]*)(?:[ \t]+#.*|[ \t]*)\r?$/

/** Plain words the YAML 1.2 core schema reads as null or a boolean, not a string. */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])

/**
 * The head (`headSpan`) read without the parser, when it holds nothing but `key: word`
 * lines, comments and blank lines: then the map it parses to is plain to see, and building
 * it directly is many times cheaper than the parser's start-up on two lines. Undefined for
 * anything else (quotes, a value on the next line, an indented line, other keys), which
 * goes to the parser. Nodes carry whole-text ranges, as parsed ones do.
 */
export function plainHead(text: string, head: DocumentSpan, keys: readonly string[]): YAMLMap | undefined {
  const map = new YAMLMap()
  const seen = new Set<string>()
  let line = head.start
  if (text.startsWith('---', line)) line = lineEnd(text, line, head.end)
  for (let end: number; line < head.end; line = end) {
    end = lineEnd(text, line, head.end)
    const content = text.slice(line, end).replace(/\n$/, '')
    if (content === '' || content === '\r' || content.startsWith('#')) continue
    const entry = PLAIN_ENTRY.exec(content)
    if (!entry || !keys.includes(entry[1]!) || NOT_STRINGS.has(entry[2]!)) return undefined
    const [, key, value] = entry as unknown as [string, string, string]
    // With repeated keys the parser keeps every pair and a lookup finds the first.
    if (seen.has(key)) continue
    seen.add(key)
    const at = line + content.indexOf(value, key.length + 1)
    map.items.push(new Pair(scalarAt(key, line), scalarAt(value, at)))
  }
  return seen.size === keys.length ? map : undefined
}

function scalarAt(value: string, offset: number): Scalar<string> {
  const scalar = new Scalar(value)
  scalar.type = Scalar.PLAIN
  scalar.range = [offset, offset + value.length, offset + value.length]
  return scalar
}

/** The offset after the line break of the line at `line` (or `end`). */
function lineEnd(text: string, line: number, end: number): number {
  const newline = text.indexOf('\n', line)
  return newline === -1 || newline >= end ? end : newline + 1
}

