/**
 * Just enough of HCL (Terraform's language) to find versions with their positions: blocks
 * with labels, attributes, string literals, references (`var.x`), function calls and
 * comments. Expressions are kept as token lists; nothing is evaluated.
 *
 * Hand-written on purpose: the HCL packages on npm (`@cdktf/hcl2json`, `hcl2-parser`)
 * convert HCL to JSON and drop every source position, which the report needs.
 */

import type { SourceFile } from '../source-file.js'

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'heredoc'

export interface Token {
  kind: TokenKind
  /** For strings: the text between the quotes (escapes kept as written). */
  text: string
  /** Offset of `text` in the file (for strings: after the opening quote). */
  offset: number
  /** A string or heredoc the file never closes: Terraform rejects the file. */
  unterminated?: true
}

export interface Attribute {
  name: string
  nameOffset: number
  value: Token[]
}

export interface Block {
  type: string
  labels: string[]
  offset: number
  attributes: Map<string, Attribute>
  blocks: Block[]
}

// Character classes by code: a regular expression per character was most of the tokenizer's time.
const DOT = 0x2e

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** `[A-Za-z_]` */
function isIdentStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f
}

/** `[A-Za-z0-9_-]` */
function isIdentPart(code: number): boolean {
  return isIdentStart(code) || isDigit(code) || code === 0x2d
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', offset: i++ })
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? text.length : end + 2
    } else if (c === '"') {
      const start = i + 1
      let depth = 0
      i = start
      while (i < text.length) {
        const d = text[i]!
        if (d === '\\') i += 2
        else if (d === '$' && text[i + 1] === '{') (depth++, (i += 2))
        else if (d === '}' && depth > 0) (depth--, i++)
        else if ((d === '"' && depth === 0) || d === '\n') break
        else i++
      }
      const closed = text[i] === '"'
      // A newline inside `${ }` may be valid HCL; one outside it is not.
      const unterminated = !closed && depth === 0
      tokens.push({ kind: 'string', text: text.slice(start, i), offset: start, ...(unterminated ? { unterminated: true as const } : {}) })
      // An unterminated string ends at its line: the newline still ends the attribute.
      if (closed) i++
    } else if (c === '<' && text[i + 1] === '<') {
      const header = /^<<-?([A-Za-z_]\w*)[^\n]*\n/.exec(text.slice(i, i + 200))
      if (!header) {
        tokens.push({ kind: 'punct', text: c, offset: i++ })
        continue
      }
      const bodyStart = i + header[0].length
      const close = heredocEnd(text, bodyStart, header[1]!)
      tokens.push({ kind: 'heredoc', text: text.slice(bodyStart, close?.start ?? text.length), offset: bodyStart, ...(close ? {} : { unterminated: true as const }) })
      i = close?.end ?? text.length
    } else if (isIdentStart(text.charCodeAt(i))) {
      const start = i
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++
      tokens.push({ kind: 'ident', text: text.slice(start, i), offset: start })
    } else if (isDigit(text.charCodeAt(i))) {
      const start = i
      while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === DOT)) i++
      tokens.push({ kind: 'number', text: text.slice(start, i), offset: start })
    } else {
      tokens.push({ kind: 'punct', text: c, offset: i++ })
    }
  }
  return tokens
}

/**
 * The line that closes a heredoc: the marker alone on it, indentation allowed. Read line by
 * line because a regex with `\\s*` around the marker backtracks over every blank line and
 * took minutes on a file of blank lines after an unterminated heredoc.
 */
function heredocEnd(text: string, from: number, marker: string): { start: number; end: number } | undefined {
  let start = from
  while (start < text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    if (text.slice(start, end).trim() === marker) return { start, end }
    start = end + 1
  }
  return undefined
}

/** The body of a file: top-level attributes (a `.tfvars` file) and blocks. */
export function parseBody(tokens: readonly Token[]): Block {
  const root: Block = { type: '', labels: [], offset: 0, attributes: new Map(), blocks: [] }
  parseInto(root, tokens, 0, 0)
  return root
}

/**
 * Terraform nests blocks a handful of levels deep; deeper blocks are skipped unread so that a
 * hostile file of nested braces cannot exhaust the stack.
 */
const MAX_BLOCK_DEPTH = 100

function parseInto(block: Block, tokens: readonly Token[], start: number, depth: number): number {
  let i = start
  while (i < tokens.length) {
    const token = tokens[i]!
    if (token.kind === 'newline') {
      i++
      continue
    }
    if (token.kind === 'punct' && token.text === '}') return i + 1
    if (token.kind !== 'ident') {
      i++
      continue
    }
    const next = tokens[i + 1]
    if (next?.kind === 'punct' && (next.text === '=' || next.text === ':') && tokens[i + 2]?.text !== '=') {
      const end = expressionEnd(tokens, i + 2)
      block.attributes.set(token.text, { name: token.text, nameOffset: token.offset, value: tokens.slice(i + 2, end) })
      i = end
      continue
    }
    const labels: string[] = []
    let j = i + 1
    while (j < tokens.length && (tokens[j]!.kind === 'string' || tokens[j]!.kind === 'ident')) labels.push(tokens[j++]!.text)
    if (tokens[j]?.kind === 'punct' && tokens[j]!.text === '{') {
      const child: Block = { type: token.text, labels, offset: token.offset, attributes: new Map(), blocks: [] }
      block.blocks.push(child)
      i = depth < MAX_BLOCK_DEPTH ? parseInto(child, tokens, j + 1, depth + 1) : afterClosingBrace(tokens, j + 1)
      continue
    }
    i = j + 1
  }
  return i
}

/** The index after the `}` that closes a block whose body starts at `start`. */
function afterClosingBrace(tokens: readonly Token[], start: number): number {
  let depth = 0
  for (let i = start; i < tokens.length; i++) {
    const text = tokens[i]!.kind === 'punct' ? tokens[i]!.text : ''
    if (text === '{') depth++
    else if (text === '}' && depth-- === 0) return i + 1
  }
  return tokens.length
}

/** An expression ends at a newline outside brackets, or at the `}` closing its block. */
function expressionEnd(tokens: readonly Token[], start: number): number {
  let depth = 0
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'punct') {
      if ('([{'.includes(token.text)) depth++
      else if (')]}'.includes(token.text)) {
        if (depth === 0) return i
        depth--
      }
    } else if (token.kind === 'newline' && depth === 0) return i
  }
  return tokens.length
}

/** The one string literal an attribute holds (`"1.30"`), if that is all it holds. */
export function literalString(value: readonly Token[]): Token | undefined {
  if (value.length !== 1) return bareVersion(value)
  return value[0]!.kind === 'string' || value[0]!.kind === 'number' ? value[0] : undefined
}

/**
 * A version written without quotes (`min_master_version = 1.25.6-gke.2000`): not valid HCL (Terraform
 * rejects it), still what the file pins, read as the string it was meant to be. Its tokens touch.
 */
function bareVersion(value: readonly Token[]): Token | undefined {
  const first = value[0]
  if (first?.kind !== 'number' || value.length > MAX_BARE_VERSION_TOKENS) return undefined
  let text = first.text
  for (let i = 1; i < value.length; i++) {
    const token = value[i]!
    if (token.offset !== first.offset + text.length || token.kind === 'string' || token.kind === 'newline') return undefined
    text += token.text
  }
  return BARE_VERSION.test(text) ? { kind: 'string', text, offset: first.offset } : undefined
}

const MAX_BARE_VERSION_TOKENS = 9
const BARE_VERSION = /^\d+\.\d+\.\d+(?:-[A-Za-z][\w.]*)?$/

/** A reference like `var.k8s_version` or `local.version`, if that is all the attribute holds. */
export function reference(value: readonly Token[]): { root: string; name: string; offset: number } | undefined {
  if (value.length !== 3) return undefined
  const [root, dot, name] = value
  if (root?.kind !== 'ident' || dot?.text !== '.' || name?.kind !== 'ident') return undefined
  return { root: root.text, name: name.text, offset: root.offset }
}

/**
 * `local.env.vcluster.version`, `var.cluster.version`: a reference of any depth (`reference` above
 * is `root.name` only). `name` is everything after the root.
 */
export function dottedReference(value: readonly Token[]): { root: string; name: string; offset: number } | undefined {
  if (value.length < 3 || value.length % 2 === 0) return undefined
  const parts: string[] = []
  for (let i = 0; i < value.length; i++) {
    const token = value[i]!
    if (i % 2 === 0 ? token.kind !== 'ident' : token.text !== '.') return undefined
    if (i % 2 === 0) parts.push(token.text)
  }
  return { root: parts[0]!, name: parts.slice(1).join('.'), offset: value[0]!.offset }
}

/** The file's tokens, made once for every reader of the file (the terraform extractor, the generic detectors). */
export function hclTokens(file: SourceFile): Token[] {
  return file.shared('hcl-tokens', () => tokenize(file.text))
}

/** The file's body, parsed once for every reader of the file. */
export function hclBody(file: SourceFile): Block {
  return file.shared('hcl-body', () => parseBody(hclTokens(file)))
}
