import type { SourceFile } from '../source-file.js'
import type { Piece, Traced } from '../traced.js'

/** One shell word with its quotes removed, each character traced to where it is written. */
export interface Word {
  text: string
  value: Traced
}

/**
 * Splits shell text (a script, a workflow `run:` block, a Makefile recipe, a Dockerfile
 * `RUN`) into commands and words, the way a reader would: quotes removed, `\`-newline
 * continuations joined, `#` comments dropped, and `${{ … }}`, `${…}`, `$(…)` and backquotes kept
 * whole even with spaces inside. Commands end at newlines, `;`, `&&`, `||`, `|` and `&`, but an array
 * (`TOOLS=(` … `)`) is one command whatever lines its elements are written on (in a Makefile or a
 * Dockerfile, up to the end of its line). The
 * commands inside a `$(…)` or backquoted substitution (`OUT=$(helm upgrade …)`) follow the
 * command that holds them, read the same way, up to MAX_NESTING levels deep.
 *
 * Hand-written on purpose: real shell parsers reject the `${{ matrix.x }}` expressions and
 * Make `$(VAR)` references that such text is full of, and they do not keep the offset of
 * every character, which the report needs.
 */
export function commandsOf(file: SourceFile, options: WordOptions = {}): Word[][] {
  const text = file.text
  const from = options.from ?? 0
  const to = Math.min(options.to ?? text.length, text.length)
  const depth = options.depth ?? 0
  const commands: Word[][] = []
  /** Substitutions of the current command, read once the command ends: [start, end) of their inner text. */
  let substitutions: Array<[number, number]> = []
  let words: Word[] = []
  let chars = ''
  let offsets: number[] = []
  let quote: '"' | "'" | undefined
  let quoteStart: number | undefined
  /** Inside a bash array (`TOOLS=(`): its elements are words of the assignment, whatever lines they are written on. */
  let array = false

  const endWord = (): void => {
    if (offsets.length > 0 || chars !== '') words.push({ text: chars, value: piecesOf(file, chars, offsets) })
    chars = ''
    offsets = []
  }
  const endCommand = (): void => {
    endWord()
    array = false
    if (words.length > 0) commands.push(words)
    words = []
    if (substitutions.length === 0) return
    const inner = substitutions
    substitutions = []
    if (depth >= MAX_NESTING) return
    for (const [start, end] of inner) {
      // `$(VAR)` in a Makefile is a reference, not a command: only text with a space can hold one with arguments.
      if (!/\s/.test(text.slice(start, end))) continue
      commands.push(...commandsOf(file, { lineQuotes: options.lineQuotes, from: start, to: end, depth: depth + 1 }))
    }
  }
  const take = (from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      chars += text[j]
      offsets.push(j)
    }
  }

  for (let i = from; i < to; i++) {
    const c = text[i]!
    if (quote !== undefined && c === '\n' && options.lineQuotes) {
      // Make and Dockerfile lines are separate commands: `MSG := don't` must not swallow the file.
      quote = undefined
      quoteStart = undefined
    }
    if (array && c === '\n' && options.lineQuotes) array = false
    if (quote === "'") {
      if (c === "'") quote = undefined
      else take(i, i + 1)
      continue
    }
    if (c === '\\') {
      const next = text[i + 1]
      if (next === '\n') i++
      else if (next === '\r' && text[i + 2] === '\n') i += 2
      else if (next !== undefined) take(i + 1, i + 2), i++
      continue
    }
    if (c === '$' && (text[i + 1] === '{' || text[i + 1] === '(')) {
      const end = Math.min(closingOf(text, i + 1), to)
      take(i, end)
      // `$((1 + 2))` is arithmetic, not a command.
      if (text[i + 1] === '(' && text[i + 2] !== '(') substitutions.push([i + 2, end - 1])
      i = end - 1
      continue
    }
    if (c === '`') {
      const end = closingBackquote(text, i + 1, to)
      if (end !== -1) {
        take(i, end + 1)
        substitutions.push([i + 1, end])
        i = end
        continue
      }
    }
    if (quote === '"') {
      if (c === '"') quote = undefined
      else take(i, i + 1)
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      quoteStart = i
      continue
    }
    if (c === '#' && chars === '' && offsets.length === 0) {
      const newline = text.indexOf('\n', i)
      i = newline === -1 || newline >= to ? to : newline - 1
      continue
    }
    if (c === '(' && !array && chars.endsWith('=') && chars.length <= MAX_ARRAY_NAME && ARRAY_START.test(chars)) {
      // `TOOLS=(` opens an array: the word is `TOOLS=(`, each element a word after it, `)` the word that closes it.
      take(i, i + 1)
      endWord()
      array = true
      continue
    }
    if (array && (c === ')' || c === '\n')) {
      endWord()
      if (c === ')') {
        take(i, i + 1)
        endWord()
        array = false
      }
      continue
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&') {
      endCommand()
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord()
      continue
    }
    take(i, i + 1)
  }
  endCommand()
  if (quote !== undefined && quoteStart !== undefined) options.unclosedQuote?.(quoteStart)
  return commands
}

export interface WordOptions {
  /** Quotes end at the end of a line (Makefiles, Dockerfiles), not at the end of the file. */
  lineQuotes?: boolean
  /** Only this part of the file, [from, to): a command string (`bash -c "…"`) or a substitution. */
  from?: number
  to?: number
  /** How many substitutions or command strings hold this text. */
  depth?: number
  /** Called with the offset of a quote the text never closes (a shell rejects such a script). */
  unclosedQuote?: (offset: number) => void
}

/** The start of an array assignment, up to its `(`: `TOOLS=`, `TOOLS+=`. */
const ARRAY_START = /^[A-Za-z_]\w*\+?=$/
/** Longer words are not tested as an array's name: a hostile word with a `(` every few characters stays linear. */
const MAX_ARRAY_NAME = 128

/**
 * Substitutions and command strings read inside each other at most this deep: real scripts nest two or
 * three; a hostile `$($($(…)))` must not cost a read of the text per level.
 */
export const MAX_NESTING = 4

/** The closing backquote of one opened before `from`, or -1 when the text never closes it. */
function closingBackquote(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '`') return i
  }
  return -1
}

/** The end (exclusive) of a `${…}`, `${{ … }}` or `$(…)` starting at `open`, nesting counted. */
function closingOf(text: string, open: number): number {
  const opener = text[open]!
  const closer = opener === '{' ? '}' : ')'
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '\n' && opener === '{') return i
    if (c === opener) depth++
    else if (c === closer && --depth === 0) return i + 1
  }
  return text.length
}

/** Characters written next to each other become one piece; a removed quote starts a new one. */
function piecesOf(file: SourceFile, chars: string, offsets: number[]): Traced {
  const pieces: Piece[] = []
  let start = 0
  for (let i = 1; i <= chars.length; i++) {
    if (i === chars.length || offsets[i] !== offsets[i - 1]! + 1) {
      pieces.push({ text: chars.slice(start, i), file, offset: offsets[start] ?? 0, exact: true })
      start = i
    }
  }
  return pieces
}

/** A file's commands as `commandsOf` reads them, with where a quote is left open; shared by every reader of the file. */
export interface SharedCommands {
  commands: Word[][]
  unclosedQuote?: number
}

/** `commandsOf` made once per file and options, for every reader of the file (the shell extractor, the generic detectors). */
export function sharedCommandsOf(file: SourceFile, lineQuotes: boolean): SharedCommands {
  return file.shared(`shell-words:${lineQuotes}`, () => {
    const shared: SharedCommands = { commands: [] }
    shared.commands = commandsOf(file, { lineQuotes, unclosedQuote: (offset) => (shared.unclosedQuote = offset) })
    return shared
  })
}
