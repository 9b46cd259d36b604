import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml'
import type { Diagnostic, Location } from '../model.js'
import { recordAliases } from './yaml-aliases.js'
import { blockDocument } from './yaml-block.js'
import { documentSpans, parseSpan, type DocumentSpan } from './yaml-documents.js'
import { TOO_DEEP, TOO_DEEP_PART, tooDeepAt, withoutTooDeep } from './yaml-depth.js'
import { headSpan, plainHead } from './yaml-head.js'

/** A YAML document that parsed without errors, with its index in the file. */
export interface YamlDocument {
  index: number
  doc: Document.Parsed
}

export interface ParsedYaml {
  documents: YamlDocument[]
  diagnostics: Diagnostic[]
}

/** A document as a reader of its top-level keys gets it (`yamlHead`): its root, or the part of it up to the keys. */
export interface HeadDocument {
  index: number
  contents: unknown
}

export interface ParsedHeads {
  documents: HeadDocument[]
  diagnostics: Diagnostic[]
}

/** Decides from a document's text whether an extractor might want it (its pre-filter). */
export type DocumentFilter = (documentText: string) => boolean

/**
 * One file of the scanned repository. Parsing is done on first use and shared, so a file
 * that several extractors read is parsed once; a multi-document file is parsed document by
 * document, and only the documents some extractor's pre-filter lets through.
 */
export class SourceFile {
  /** Where the documents lie; 'whole' when only a whole parse can tell; undefined until first needed. */
  private spans: DocumentSpan[] | 'whole' | undefined
  private readonly parsedSpans = new Map<number, Document.Parsed | undefined>()
  /** Documents not given to the parser (`yaml-depth.ts`), with the diagnostic that says so. */
  private readonly tooDeepSpans = new Map<number, Diagnostic>()
  /** Documents parsed with their too-deep parts blanked out (`withoutTooDeep`), with the diagnostic that says so. */
  private readonly partlyParsed = new Map<number, Diagnostic>()
  private wholeYaml: ParsedYaml | undefined
  private lines: LineCounter | undefined
  private readonly readings = new Map<string, unknown>()
  /** Document filters known to pass on the whole text (see `passesWhole`). */
  private readonly passingWhole = new Set<DocumentFilter>()

  constructor(
    /** Repository-relative, `/`-separated. */
    readonly path: string,
    readonly text: string,
    /** The same text as GitHub shows it, when `text` turned characters it does not break lines at into LF (`file-scan.ts`); lines are counted in it. */
    private readonly shownText: string = text
  ) {}

  /**
   * Says that `filter` passes on the whole text (the scan ran each extractor's pre-filter on it
   * before making this file): a document that spans the whole file is then not searched for the
   * filter's words a second time: each extractor that reads a file asks for its documents with
   * the pre-filter that let the file through. On the benchmark tree that is 1,214 searches of
   * 1.8 MB not made again, 3 to 13 ms of CPU (timed around the searches it skips, load 15-20).
   */
  passesWhole(filter: DocumentFilter): void {
    this.passingWhole.add(filter)
  }

  /**
   * The valid documents (with their index in the file) that pass `wanted`, and the parse
   * errors of the documents that pass it. A file that only a whole parse can split
   * (directives, `...` markers) is parsed whole, and then every document is given.
   */
  yaml(wanted?: DocumentFilter): ParsedYaml {
    const out: ParsedYaml = { documents: [], diagnostics: [] }
    const split = this.eachDocument(wanted, (index, span, count, text) => this.addParsed(index, span, count, text, out))
    return split ? out : this.parseWhole()
  }

  /**
   * Like `yaml`, for a reader of nothing but the top-level `keys` (an object's apiVersion and
   * kind), which is what makes the API scan cheap on large manifests. A document not yet
   * parsed whole is read only up to the lines that hold the keys (`headSpan`): without the
   * parser when they are plain `key: word` lines (`plainHead`), else by parsing those lines.
   * A document whose head does not give every key as a scalar is parsed whole. What lies
   * after the head is not read, so its parse errors are not reported here.
   */
  yamlHead(wanted: DocumentFilter, keys: readonly string[]): ParsedHeads {
    const out: ParsedHeads = { documents: [], diagnostics: [] }
    const split = this.eachDocument(wanted, (index, span, count, text) => {
      const head = this.parsedSpans.has(index) ? undefined : headSpan(this.text, span, keys)
      const contents = head && (plainHead(this.text, head, keys) ?? (head.end < span.end ? parsedHead(this.text, head, keys) : undefined))
      if (contents) {
        out.documents.push({ index, contents })
        return true
      }
      const parsed: ParsedYaml = { documents: [], diagnostics: out.diagnostics }
      if (!this.addParsed(index, span, count, text, parsed)) return false
      out.documents.push(...parsed.documents.map((document) => ({ index, contents: document.doc.contents })))
      return true
    })
    if (split) return out
    const whole = this.parseWhole()
    return { documents: whole.documents.map(({ index, doc }) => ({ index, contents: doc.contents })), diagnostics: whole.diagnostics }
  }

  /** The document in `span`, parsed whole and kept for the other readers of this file; undefined when it cannot be parsed alone. */
  private addParsed(index: number, span: DocumentSpan, count: number, text: string, out: ParsedYaml): boolean {
    // Checked once per document, as it is parsed once, whichever extractor asks first.
    if (!this.parsedSpans.has(index) && !this.tooDeepSpans.has(index)) {
      const deep = tooDeepAt(this.text, span.start, span.end)
      const pruned = deep === undefined ? undefined : withoutTooDeep(this.text, span.start, span.end)
      if (deep === undefined) this.parsedSpans.set(index, parsedSpan(this.text, span, text))
      else if (pruned && tooDeepAt(pruned.text, span.start, span.end) === undefined) {
        this.partlyParsed.set(index, this.partNotParsed(pruned.at))
        this.parsedSpans.set(index, parsedSpan(pruned.text, span, pruned.text.slice(span.start, span.end)))
      } else this.tooDeepSpans.set(index, { ...this.notParsed(deep, index, count, TOO_DEEP), warning: true })
    }
    const tooDeep = this.tooDeepSpans.get(index)
    if (tooDeep) {
      out.diagnostics.push(tooDeep)
      return true
    }
    const partly = this.partlyParsed.get(index)
    if (partly) out.diagnostics.push(partly)
    const doc = this.parsedSpans.get(index)
    if (doc === undefined) return false
    this.addDocument(doc, index, count, out.documents, out.diagnostics)
    return true
  }

  /**
   * Visits the documents that pass `wanted` with their index, span, the number of documents
   * and their text. False when the file can only be parsed whole (`documentSpans` cannot
   * split it, or `visit` met a span that does not parse alone); the caller then parses it whole.
   */
  private eachDocument(wanted: DocumentFilter | undefined, visit: (index: number, span: DocumentSpan, count: number, text: string) => boolean): boolean {
    this.spans ??= documentSpans(this.text) ?? 'whole'
    const spans = this.spans
    if (spans === 'whole') return false
    for (let index = 0; index < spans.length; index++) {
      const span = spans[index]!
      const text = this.text.slice(span.start, span.end)
      const whole = span.start === 0 && span.end === this.text.length
      if (wanted && !(whole && this.passingWhole.has(wanted)) && !wanted(text)) continue
      if (!visit(index, span, spans.length, text)) {
        this.spans = 'whole'
        return false
      }
    }
    return true
  }

  private parseWhole(): ParsedYaml {
    if (this.wholeYaml) return this.wholeYaml
    const documents: YamlDocument[] = []
    const diagnostics: Diagnostic[] = []
    let text = this.text
    const deep = tooDeepAt(text, 0, text.length)
    if (deep !== undefined) {
      const pruned = withoutTooDeep(text, 0, text.length)
      if (!pruned || tooDeepAt(pruned.text, 0, text.length) !== undefined) {
        this.wholeYaml = { documents, diagnostics: [{ ...this.notParsed(deep, 0, 1, TOO_DEEP), warning: true }] }
        return this.wholeYaml
      }
      diagnostics.push(this.partNotParsed(pruned.at))
      text = pruned.text
    }
    const parsed = parseAllDocuments(text, { uniqueKeys: false })
    const docs = Array.isArray(parsed) ? parsed : [parsed]
    if (text.includes('*')) for (const doc of docs) if (doc.errors.length === 0) recordAliases(doc)
    docs.forEach((doc, index) => this.addDocument(doc, index, docs.length, documents, diagnostics))
    this.wholeYaml = { documents, diagnostics }
    return this.wholeYaml
  }

  /** A document that parsed joins `documents`; one that did not is said in `diagnostics`. */
  private addDocument(doc: Document.Parsed, index: number, count: number, documents: YamlDocument[], diagnostics: Diagnostic[]): void {
    const error = doc.errors[0]
    if (error) {
      // Lines are counted from the text, not by the parser's LineCounter: it misses line breaks
      // the lexer skips (a `%YAML` line inside a document), which put later positions a line off.
      diagnostics.push(this.notParsed(error.pos[0], index, count, firstLine(error.message)))
      return
    }
    documents.push({ index, doc })
  }

  /** A document (the `index`th of `count`) that is skipped, at `offset`, for `reason`. */
  private notParsed(offset: number, index: number, count: number, reason: string): Diagnostic {
    return { ...this.locate(offset), message: `YAML does not parse, skipped${count > 1 ? ` document ${index + 1}` : ''}: ${reason}` }
  }

  /** Parts of a document blanked out for nesting too deep, from `offset` on: the rest is read. */
  private partNotParsed(offset: number): Diagnostic {
    return { ...this.locate(offset), message: `YAML ${TOO_DEEP_PART}`, warning: true }
  }

  /**
   * A reading of the file that several readers share (HCL tokens, shell words, the generic
   * detectors' view): made by the first reader that asks, kept for the others, so no file is
   * parsed twice in one scan.
   */
  shared<T>(key: string, make: () => T): T {
    if (this.readings.has(key)) return this.readings.get(key) as T
    const made = make()
    this.readings.set(key, made)
    return made
  }

  /** The 1-based line and column of a character offset. */
  locate(offset: number): Location {
    const { line, col } = this.linePosition(offset)
    return { file: this.path, line, column: col }
  }

  protected linePosition(offset: number): { line: number; col: number } {
    if (!this.lines) {
      this.lines = new LineCounter()
      this.lines.addNewLine(0)
      const shown = this.shownText
      for (let i = shown.indexOf('\n'); i !== -1; i = shown.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1)
    }
    return this.lines.linePos(offset)
  }
}

/**
 * The document in `span` (whose text is `text`): read without the parser when it is plain
 * block YAML, which holds no aliases; else parsed, and its aliases recorded once for all the
 * extractors that read it.
 */
function parsedSpan(whole: string, span: DocumentSpan, text: string): Document.Parsed | undefined {
  const block = blockDocument(whole, span)
  if (block) return block
  const doc = parseSpan(whole, span)
  if (doc && doc.errors.length === 0 && text.includes('*')) recordAliases(doc)
  return doc
}

/** The root of a parsed head, when it parses cleanly to a map holding every key as a scalar. */
function parsedHead(text: string, head: DocumentSpan, keys: readonly string[]): unknown {
  // Left to the whole document's parse, which says why it is not parsed.
  if (tooDeepAt(text, head.start, head.end) !== undefined) return undefined
  const doc = parseSpan(text, head)
  const root = doc?.contents
  if (!doc || doc.errors.length > 0 || !isMap(root)) return undefined
  return keys.every((key) => isScalar(root.get(key, true))) ? root : undefined
}

/**
 * Text written inside a string of another file: an Argo CD `helm.values` block, a workflow
 * `run:` script. Positions are mapped back into the enclosing file so that declarations point
 * at the line a person edits. A literal block keeps lines one to one (shifted by its
 * indentation); any other string maps to where it starts.
 */
export class EmbeddedSource extends SourceFile {
  constructor(
    readonly outer: SourceFile,
    text: string,
    /** Offset in the outer file of the string's first content line, when lines map one to one. */
    private readonly firstLineOffset: number | undefined,
    private readonly indent: number,
    /** Where the string starts in the outer file, for strings whose lines cannot be mapped. */
    private readonly fallbackOffset: number
  ) {
    super(outer.path, text)
  }

  override locate(offset: number): Location {
    if (this.firstLineOffset === undefined) return this.outer.locate(this.fallbackOffset)
    const inner = this.linePosition(offset)
    const start = this.outer.locate(this.firstLineOffset)
    return { file: this.outer.path, line: start.line + inner.line - 1, column: inner.col + this.indent }
  }
}

/**
 * The embedded source of a YAML string scalar (`range` is the scalar's range in `outer`).
 * A block scalar (`|`) whose lines reappear, indented, in the outer text maps line by line.
 */
export function embeddedSource(outer: SourceFile, value: string, range: readonly number[]): EmbeddedSource {
  const [start = 0, end = start] = range
  const written = outer.text.slice(start, end)
  if (/^[|>]/.test(written)) {
    const headerEnd = written.indexOf('\n')
    const body = headerEnd === -1 ? '' : written.slice(headerEnd + 1)
    const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(written)
    const indent = indicator
      ? parentIndent(outer.text, start) + Number(indicator[1] ?? indicator[2])
      : (/^( *)\S/m.exec(body)?.[1]?.length ?? 0)
    if (written.startsWith('|') && linesMatch(body, value, indent)) {
      return new EmbeddedSource(outer, value, start + headerEnd + 1, indent, start)
    }
  }
  if (written === value) return new EmbeddedSource(outer, value, start, outer.locate(start).column - 1, start)
  return new EmbeddedSource(outer, value, undefined, 0, start)
}

/** Indentation of the line holding the key of a block scalar starting at `offset`. */
function parentIndent(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^ */.exec(text.slice(lineStart, offset))?.[0].length ?? 0
}

/** Each line of the parsed value is the same line of the block with its indentation removed. */
function linesMatch(body: string, value: string, indent: number): boolean {
  const bodyLines = body.split('\n')
  const valueLines = value.replace(/\n$/, '').split('\n')
  return valueLines.every((line, i) => (bodyLines[i] ?? '').slice(indent) === line || (line === '' && (bodyLines[i] ?? '').trim() === ''))
}

/** The parser's message without its own "at line L, column C:" (the diagnostic carries the position). */
function firstLine(message: string): string {
  return (message.split('\n', 1)[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}
