import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type CollectionTag, type Node, type ScalarTag } from 'yaml'
import type { DocumentSpan } from './yaml-documents.js'

/**
 * The options `parseSpan` composes with: a document read here must be the one it would give.
 * `uniqueKeys: false` keeps every pair of a repeated key, as the parser then does.
 */
const OPTIONS = { uniqueKeys: false } as const

/** Thrown when the text leaves what this reader reads; `blockDocument` then gives undefined. */
class Outside extends Error {}
const OUTSIDE = new Outside('outside the block subset')

const SPACE = 0x20
const HASH = 0x23

/** A map key as most YAML writes one: a plain word, then `:` and a space or the line's end. */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_./-]*:(?= |\n|$)/y

/** First characters of a plain scalar that could make the core schema read it as other than a string. */
const MAY_BE_TYPED = new Set('~nNtTfF0123456789+-.')

/** Characters that cannot begin a plain scalar (YAML's indicators); `-`, `?` and `:` can when a non-space follows. */
const INDICATORS = new Set(',[]{}#&*!|>\'"%@`')

interface Line {
  /** Its index in `lines`. */
  index: number
  start: number
  /** The first character that is not a space. */
  content: number
  /** The line break, or the end of the text. */
  end: number
  /** After the line break. */
  next: number
  /** Neither blank nor a comment. */
  hasContent: boolean
}

/**
 * The document in `span` read without the parser, when it is written in the block style most
 * configuration is: maps and lists by indentation, plain keys, plain and quoted one-line
 * values without escapes, `|` and `|-` literal blocks, `{}`, `[]` and one-line lists of
 * scalars (`[main, "v1"]`), comments and blank lines. It gives what `parseSpan` gives (nodes
 * of the same classes, values resolved by the parser's own core schema, the same ranges as
 * whole-text offsets), which property tests hold it to; comments are not kept, as no reader
 * uses them. Undefined for anything else (tabs, CRLF, anchors, aliases, tags, flow maps with
 * items, escapes, multi-line plain scalars, folded blocks, explicit keys, an indented root,
 * comment placements whose ranges the parser stretches, a parse error), which the parser
 * then reads.
 *
 * Why it exists: the parser is two to three times slower in a freshly started process than
 * warm, and the documents extractors read whole were a quarter of a monorepo scan.
 */
export function blockDocument(text: string, span: DocumentSpan, options: BlockOptions = {}): Document.Parsed | undefined {
  const source = text.slice(span.start, span.end)
  if (source.includes('\t') || source.includes('\r')) return undefined
  try {
    return new BlockReader(source, span.start, options.indentedRoot === true).document()
  } catch (error) {
    if (error instanceof Outside) return undefined
    throw error
  }
}

export interface BlockOptions {
  /**
   * Read a document whose root is indented: the lines of a `|` block written inside another
   * document (`values: |` of an Argo CD Application), read in place so offsets stay the file's.
   * The property tests hold it to the parser as for any other document. Parsed by the
   * generic detectors (mappings.ts): 0.35 of their 1.43 s under the profiler went to the
   * parser for these strings.
   */
  indentedRoot?: boolean
}

/**
 * The parser's own rule: the first tag of the schema whose test matches (composeScalar). Every
 * document here has the same schema (the same tag objects, in a list of its own), so the answer
 * is remembered by text and key position: a monorepo's manifests repeat the same numbers and
 * versions (`1`, `80`, `0.22.1`), and trying each tag's expression on each was a good part of
 * the reader's time. Cleared when full; a schema with other tags is not remembered.
 */
function scalarTag(tags: readonly (CollectionTag | ScalarTag)[], value: string, atKey: boolean): ScalarTag | undefined {
  CORE_TAGS ??= tags
  const remembered = tags.length === CORE_TAGS.length && tags.every((tag, index) => tag === CORE_TAGS![index])
  const key = atKey ? `k${value}` : `v${value}`
  const known = remembered ? TAGS_BY_TEXT.get(key) : undefined
  if (known !== undefined) return known ?? undefined
  const tag = tags.find(
    (candidate): candidate is ScalarTag => isScalarTag(candidate) && (candidate.default === true || (atKey && candidate.default === 'key')) && candidate.test?.test(value) === true
  )
  if (remembered) {
    if (TAGS_BY_TEXT.size >= MAX_TAGS_BY_TEXT) TAGS_BY_TEXT.clear()
    TAGS_BY_TEXT.set(key, tag ?? null)
  }
  return tag
}

let CORE_TAGS: readonly (CollectionTag | ScalarTag)[] | undefined
const TAGS_BY_TEXT = new Map<string, ScalarTag | null>()
const MAX_TAGS_BY_TEXT = 10_000

class BlockReader {
  private readonly lines: Line[] = []
  /** The next line not yet read. */
  private at = 0
  /** The document's last node is an empty value. */
  private endsEmpty = false
  private readonly doc = new Document(undefined, OPTIONS)

  constructor(
    private readonly src: string,
    /** Where `src` starts in the whole text: ranges are whole-text offsets. */
    private readonly base: number,
    private readonly indentedRoot: boolean
  ) {
    for (let start = 0; start < src.length; ) {
      const newline = src.indexOf('\n', start)
      const end = newline === -1 ? src.length : newline
      let content = start
      while (src.charCodeAt(content) === SPACE) content++
      const next = newline === -1 ? src.length : newline + 1
      this.lines.push({ index: this.lines.length, start, content, end, next, hasContent: content < end && src.charCodeAt(content) !== HASH })
      start = next
    }
  }

  document(): Document.Parsed {
    const first = this.lines[0]
    if (first && this.src.startsWith('---')) {
      // `---` alone on its line (or before a comment): anything else after it is a node on that line.
      this.endOfLine(first, first.start + 3)
      if (this.doc.directives) this.doc.directives.docStart = true
      this.at = 1
    }
    const line = this.peek()
    // An indented root is rare in a file of its own: left to the parser unless asked for (a string's lines).
    if (line === undefined || (line.content !== line.start && !this.indentedRoot)) throw OUTSIDE
    const contents = this.collection(line, line.content)
    if (this.peek() !== undefined) throw OUTSIDE
    this.doc.contents = contents
    const end = contents.range?.[2] ?? 0
    const parsed = this.doc as Document.Parsed
    // As the parser counts it: from the `---` marker, or else from the line of the first node (past leading comments).
    parsed.range = [this.base + (this.doc.directives?.docStart === true ? 0 : line.start), end, this.endsEmpty ? end : this.base + this.src.length]
    return parsed
  }

  /** The next line with content, skipping blank and comment lines (it is not consumed). */
  private peek(): Line | undefined {
    for (let i = this.at; i < this.lines.length; i++) {
      const line = this.lines[i]!
      if (line.hasContent) return line
    }
    return undefined
  }

  /**
   * The line after an entry of a collection at `column`. A comment line indented past the
   * column is left to the parser: it reaches a plain value's range over it.
   */
  private nextEntry(column: number): Line | undefined {
    const next = this.peek()
    if (this.deepestCommentBefore(next) > column) throw OUTSIDE
    return next
  }

  /**
   * The end of an indented collection, before `next`: a comment line at its indentation
   * after its last entry is its own trailing comment, and the parser reaches its range over
   * it; that is left to the parser.
   */
  private close(column: number, next: Line | undefined): void {
    if (column > 0 && this.deepestCommentBefore(next) >= column) throw OUTSIDE
  }

  /** The indentation of the most indented comment line between the last line read and `next`; -1 for none. */
  private deepestCommentBefore(next: Line | undefined): number {
    let deepest = -1
    for (let i = this.at; i < (next?.index ?? this.lines.length); i++) {
      const line = this.lines[i]!
      if (this.isComment(line)) deepest = Math.max(deepest, line.content - line.start)
    }
    return deepest
  }

  /** A block map or list whose first entry starts at `at` on `line` (its column is its indentation). */
  private collection(line: Line, at: number): YAMLMap | YAMLSeq {
    return this.isListItem(line, at) ? this.list(line, at - line.start) : this.map(line, at)
  }

  private isListItem(line: Line, at: number): boolean {
    return this.src.charCodeAt(at) === 0x2d /* - */ && (at + 1 === line.end || this.src.charCodeAt(at + 1) === SPACE)
  }

  private map(firstLine: Line, firstAt: number): YAMLMap {
    const map = new YAMLMap(this.doc.schema)
    const column = firstAt - firstLine.start
    let line = firstLine
    let at = firstAt
    let end = 0
    for (;;) {
      PLAIN_KEY.lastIndex = at
      if (!PLAIN_KEY.test(this.src)) throw OUTSIDE
      const colon = PLAIN_KEY.lastIndex - 1
      const key = this.plainScalar(this.src.slice(at, colon), at, colon, colon, true)
      const value = this.value(line, colon + 1, column)
      map.items.push(new Pair(key, value))
      end = value.range?.[2] ?? 0
      const next = this.nextEntry(column)
      const indent = next ? next.content - next.start : -1
      if (next === undefined || indent < column) {
        this.close(column, next)
        break
      }
      if (indent > column || this.isListItem(next, next.content)) throw OUTSIDE
      line = next
      at = next.content
    }
    map.range = [this.base + firstAt, end, end]
    return map
  }

  private list(firstLine: Line, column: number): YAMLSeq {
    const list = new YAMLSeq(this.doc.schema)
    let line = firstLine
    let end = 0
    for (;;) {
      const at = this.skipSpaces(line.content + 1, line.end)
      // `-` alone (its item on the lines below), or an item that is itself a list: left to the parser.
      if (at === line.end || this.isListItem(line, at)) throw OUTSIDE
      PLAIN_KEY.lastIndex = at
      const item = PLAIN_KEY.test(this.src) ? this.map(line, at) : this.inlineValue(line, at, column)
      list.items.push(item)
      end = item.range?.[2] ?? 0
      const next = this.nextEntry(column)
      const indent = next ? next.content - next.start : -1
      if (indent > column) throw OUTSIDE
      if (next === undefined || indent < column || !this.isListItem(next, next.content)) {
        this.close(column, next)
        break
      }
      line = next
    }
    list.range = [this.base + firstLine.content, end, end]
    return list
  }

  /**
   * The value of a map entry whose `:` ends at `from`: on the same line, or a collection on the
   * lines below (a list may sit at the key's own indentation), or empty.
   */
  private value(line: Line, from: number, column: number): Node {
    const at = this.skipSpaces(from, line.end)
    if (at < line.end && this.src.charCodeAt(at) !== HASH) return this.inlineValue(line, at, column)
    this.at = line.index + 1
    const next = this.peek()
    if (next) {
      const indent = next.content - next.start
      if (indent > column || (indent === column && this.isListItem(next, next.content))) return this.collection(next, next.content)
    }
    // An empty value: a null scalar where the line's text ends. After a comment the parser
    // reaches it to the next node (over blank lines); how far over comment lines below depends
    // on their indentation and blank lines, so those are left to it. A document ending in an
    // empty value ends where the value does.
    for (let i = line.index + 1; i < (next?.index ?? this.lines.length); i++) if (this.isComment(this.lines[i]!)) throw OUTSIDE
    if (next === undefined) this.endsEmpty = true
    return this.plainScalar('', at, at, at < line.end ? (next?.content ?? this.src.length) : at, false)
  }

  /** A value written on its line from `at`: a plain or quoted scalar, a literal block, `{}` or `[]`. */
  private inlineValue(line: Line, at: number, column: number): Node {
    const src = this.src
    const first = src[at]!
    this.at = line.index + 1
    if (first === '"' || first === "'") return this.quoted(line, at, first)
    if (first === '|') return this.literalBlock(line, at, column)
    if ((first === '{' || first === '[') && src[at + 1] === (first === '{' ? '}' : ']')) return this.emptyFlow(line, at, first === '{')
    if (first === '[') return this.flowList(line, at)
    if (INDICATORS.has(first)) throw OUTSIDE
    if ((first === '-' || first === '?' || first === ':') && (at + 1 === line.end || src.charCodeAt(at + 1) === SPACE)) throw OUTSIDE
    // A comment starts at ` #`; searched in the line only, not the rest of the document.
    const hash = src.slice(at, line.end).indexOf(' #')
    let end = hash === -1 ? line.end : at + hash
    while (src.charCodeAt(end - 1) === SPACE) end--
    const value = src.slice(at, end)
    // `a: b: c` is an error, `a: b:` too; a plain scalar never holds `: `.
    if (value.includes(': ') || value.endsWith(':')) throw OUTSIDE
    return this.plainScalar(value, at, end, line.next, false)
  }

  private plainScalar(value: string, start: number, end: number, nodeEnd: number, atKey: boolean): Scalar {
    let scalar: Scalar | undefined
    if (value === '' || MAY_BE_TYPED.has(value[0]!)) {
      const tag = scalarTag(this.doc.schema.tags, value, atKey)
      if (tag) {
        const resolved = tag.resolve(value, () => {
          throw OUTSIDE
        }, this.doc.options)
        scalar = isScalar(resolved) ? resolved : new Scalar(resolved)
        if (tag.format) scalar.format = tag.format
      }
    }
    scalar ??= new Scalar(value)
    scalar.range = [this.base + start, this.base + end, this.base + nodeEnd]
    scalar.source = value
    scalar.type = Scalar.PLAIN
    return scalar
  }

  /** `"text"` or `'text'` on one line, without escapes (`\` in double quotes, `''` in single). */
  private quoted(line: Line, at: number, quote: string): Scalar {
    const close = this.closingQuote(line, at, quote)
    const value = this.src.slice(at + 1, close)
    this.endOfLine(line, close + 1)
    return this.quotedScalar(value, at, close + 1, line.next, quote)
  }

  /** Where the string opened at `at` closes on its line; it may hold no escapes (a backslash in double quotes, `''` in single). */
  private closingQuote(line: Line, at: number, quote: string): number {
    const close = this.src.indexOf(quote, at + 1)
    if (close === -1 || close >= line.end) throw OUTSIDE
    if (quote === '"' ? this.src.slice(at + 1, close).includes('\\') : this.src[close + 1] === "'") throw OUTSIDE
    return close
  }

  private quotedScalar(value: string, start: number, end: number, nodeEnd: number, quote: string): Scalar {
    const scalar = new Scalar(value)
    scalar.range = [this.base + start, this.base + end, this.base + nodeEnd]
    scalar.source = value
    scalar.type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE
    return scalar
  }

  private emptyFlow(line: Line, at: number, isMap: boolean): YAMLMap | YAMLSeq {
    this.endOfLine(line, at + 2)
    const collection = isMap ? new YAMLMap(this.doc.schema) : new YAMLSeq(this.doc.schema)
    collection.flow = true
    collection.range = [this.base + at, this.base + at + 2, this.base + line.next]
    return collection
  }

  /**
   * A one-line list of scalars, `[main, "release/*"]`, as workflows write branch filters and
   * matrices. Plain items there end at `,` and `]` and may not hold `:` before a space.
   */
  private flowList(line: Line, at: number): YAMLSeq {
    const src = this.src
    const list = new YAMLSeq(this.doc.schema)
    list.flow = true
    let at2 = at + 1
    for (;;) {
      const start = this.skipSpaces(at2, line.end)
      const first = src[start]
      let item: Scalar
      let after: number
      if (first === '"' || first === "'") {
        const close = this.closingQuote(line, start, first)
        const value = src.slice(start + 1, close)
        after = this.skipSpaces(close + 1, line.end)
        item = this.quotedScalar(value, start, close + 1, after, first)
      } else {
        if (first === undefined || INDICATORS.has(first)) throw OUTSIDE
        let end = start
        while (end < line.end && src[end] !== ',' && src[end] !== ']') end++
        after = end
        while (src.charCodeAt(end - 1) === SPACE) end--
        const value = src.slice(start, end)
        if (value === '' || /[#{}[]/.test(value) || value.includes(': ') || value.endsWith(':') || ((first === '-' || first === '?') && src.charCodeAt(start + 1) === SPACE)) throw OUTSIDE
        item = this.plainScalar(value, start, end, after, false)
      }
      list.items.push(item)
      if (src[after] === ']') {
        this.endOfLine(line, after + 1)
        list.range = [this.base + at, this.base + after + 1, this.base + line.next]
        return list
      }
      if (src[after] !== ',') throw OUTSIDE
      at2 = after + 1
    }
  }

  /**
   * A `|` or `|-` block under a parent at `column`: the lines indented past it, the first of
   * them setting the indentation. Left to the parser: an indentation or `+` indicator, folded
   * `>`, blank lines before the first line of text, lines of spaces only, a line indented
   * less than the first but more than the parent.
   */
  private literalBlock(line: Line, at: number, column: number): Scalar {
    const src = this.src
    const strip = src[at + 1] === '-'
    this.endOfLine(line, at + (strip ? 2 : 1))
    const first = line.index + 1
    let indent = -1
    let last = -1
    for (let i = first; i < this.lines.length; i++) {
      const candidate = this.lines[i]!
      if (candidate.start === candidate.end) continue
      if (candidate.content === candidate.end) throw OUTSIDE
      const lineIndent = candidate.content - candidate.start
      if (lineIndent <= column) break
      if (indent === -1) {
        if (i !== first) throw OUTSIDE
        indent = lineIndent
      } else if (lineIndent < indent) throw OUTSIDE
      last = i
    }
    if (last === -1) throw OUTSIDE
    const body: string[] = []
    for (let i = first; i <= last; i++) {
      const each = this.lines[i]!
      body.push(each.start === each.end ? '' : src.slice(each.start + indent, each.end))
    }
    const lastLine = this.lines[last]!
    // Clipping keeps the final line break, which a document's last line may not have.
    if (!strip && lastLine.next === lastLine.end) throw OUTSIDE
    const value = body.join('\n') + (strip ? '' : '\n')
    this.at = last + 1
    const scalar = new Scalar(value)
    scalar.range = [this.base + at, this.base + lastLine.next, this.base + lastLine.next]
    scalar.source = value
    scalar.type = Scalar.BLOCK_LITERAL
    return scalar
  }

  private isComment(line: Line): boolean {
    return line.content < line.end && this.src.charCodeAt(line.content) === HASH
  }

  /** Only spaces and a comment (after a space) may follow a value on its line. */
  private endOfLine(line: Line, from: number): void {
    const rest = this.skipSpaces(from, line.end)
    if (rest < line.end && (this.src.charCodeAt(rest) !== HASH || rest === from)) throw OUTSIDE
  }

  private skipSpaces(from: number, end: number): number {
    let at = from
    while (at < end && this.src.charCodeAt(at) === SPACE) at++
    return at
  }
}

function isScalarTag(tag: ScalarTag | CollectionTag): tag is ScalarTag {
  return !('collection' in tag) || tag.collection === undefined
}
