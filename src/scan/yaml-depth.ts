/**
 * Whether a YAML text may nest too deeply to be parsed safely. The `yaml` parser recurses once
 * per level and turns running out of stack into a parse error, but the stack can run out
 * inside V8's regular-expression compiler instead, and that ends the process ("RegExpCompiler
 * Allocation failed"), whatever catches the error. A hostile file of 50,000 nested `[` did so
 * here, depending on when the collector had dropped compiled expressions. The parser ran out
 * of stack at 700 to 1,000 levels on this machine; configuration nests a few dozen.
 *
 * The test is an upper bound, worked out without parsing: the open brackets (`[`, `{`) that
 * are not closed yet, anywhere in the text, quotes or not; and, line by line, the columns of
 * indentation plus the `- ` and `? ` indicators that start nested collections on that line
 * (`- - - x`). Every block level needs one more column or one more indicator, and a sequence
 * that is not indented under its key adds one level to its map at most, so the block depth
 * is at most twice that count.
 */

/** Levels of brackets, and columns plus indicators of a line, allowed before a text is not parsed. */
export const MAX_NESTING = 200

const SPACE = 0x20
const DASH = 0x2d
const QUESTION = 0x3f

/** The offset in `text[start, end)` where the bound first passes `MAX_NESTING`; undefined when it never does. */
export function tooDeepAt(text: string, start: number, end: number): number | undefined {
  return flowTooDeepAt(text, start, end) ?? blockTooDeepAt(text, start, end)
}

/**
 * Where the brackets still open first pass the limit. Fewer brackets than the limit in all
 * cannot; otherwise the brackets are visited in order by four searches (a 1 MB dashboard's
 * JSON holds tens of thousands, and a loop over each character was the cost of this test).
 */
function flowTooDeepAt(text: string, start: number, end: number): number | undefined {
  if (count(text, '[', start, end) + count(text, '{', start, end) <= MAX_NESTING) return undefined
  const next = (character: string, from: number): number => {
    const at = text.indexOf(character, from)
    return at === -1 || at >= end ? end : at
  }
  let openSquare = next('[', start)
  let openCurly = next('{', start)
  let closeSquare = next(']', start)
  let closeCurly = next('}', start)
  let open = 0
  for (;;) {
    const at = Math.min(openSquare, openCurly, closeSquare, closeCurly)
    if (at >= end) return undefined
    if (at === openSquare || at === openCurly) {
      if (++open > MAX_NESTING) return at
      if (at === openSquare) openSquare = next('[', at + 1)
      else openCurly = next('{', at + 1)
    } else {
      if (open > 0) open--
      if (at === closeSquare) closeSquare = next(']', at + 1)
      else closeCurly = next('}', at + 1)
    }
  }
}

/** Where a line's indentation plus the collection indicators that follow it first pass the limit. */
function blockTooDeepAt(text: string, start: number, end: number): number | undefined {
  for (let line = start; line < end; ) {
    let at = line
    while (at < end && text.charCodeAt(at) === SPACE) at++
    for (;;) {
      const code = text.charCodeAt(at)
      if ((code !== DASH && code !== QUESTION) || text.charCodeAt(at + 1) !== SPACE || at + 1 >= end) break
      at += 2
      while (at < end && text.charCodeAt(at) === SPACE) at++
    }
    if (at - line > MAX_NESTING) return at
    const next = text.indexOf('\n', at)
    line = next === -1 || next >= end ? end : next + 1
  }
  return undefined
}

function count(text: string, character: string, start: number, end: number): number {
  let found = 0
  for (let at = text.indexOf(character, start); at !== -1 && at < end && found <= MAX_NESTING; at = text.indexOf(character, at + 1)) found++
  return found
}

/** The diagnostic's words for a text `tooDeepAt` rejects. */
export const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep (brackets, or indentation and "- " on a line), not parsed`

/**
 * The text with every part that nests past the bound blanked out (each character but line
 * breaks turned into a space, so every offset, line and column stays where it was), and the
 * offset of the first such part; undefined when nothing passes the bound. A line whose
 * indentation and indicators pass it becomes a comment (its parent key is left with no value); a
 * bracket opened past it is blanked up to its matching close (or to the end). So a hostile
 * key nested 201 levels deep costs its own subtree, not the document's other keys.
 */
export function withoutTooDeep(text: string, start: number, end: number): { text: string; at: number } | undefined {
  const cuts: Array<[number, number]> = []
  for (let line = start; line < end; ) {
    const next = text.indexOf('\n', line)
    const lineEnd = next === -1 || next >= end ? end : next
    if (blockTooDeepAt(text, line, lineEnd) !== undefined) cuts.push([line, lineEnd])
    line = lineEnd + 1
  }
  // A blanked line starts with `#`: a line of spaces would still count as indentation.
  let blanked = blank(text, cuts, '#')
  const flowCuts = flowCutsOf(blanked, start, end)
  blanked = blank(blanked, flowCuts)
  const all = [...cuts, ...flowCuts]
  if (all.length === 0) return undefined
  return { text: blanked, at: Math.min(...all.map(([from]) => from)) }
}

/** The bracket spans opened past the bound, each up to its matching close (or `end`). */
function flowCutsOf(text: string, start: number, end: number): Array<[number, number]> {
  if (count(text, '[', start, end) + count(text, '{', start, end) <= MAX_NESTING) return []
  const cuts: Array<[number, number]> = []
  const brackets = /[[\]{}]/g
  brackets.lastIndex = start
  let open = 0
  let cutFrom: number | undefined
  for (let match = brackets.exec(text); match && match.index < end; match = brackets.exec(text)) {
    const opening = match[0] === '[' || match[0] === '{'
    if (opening) {
      open++
      if (open > MAX_NESTING && cutFrom === undefined) cutFrom = match.index
    } else if (open > 0) {
      open--
      if (cutFrom !== undefined && open === MAX_NESTING) {
        cuts.push([cutFrom, match.index + 1])
        cutFrom = undefined
      }
    }
  }
  if (cutFrom !== undefined) cuts.push([cutFrom, end])
  return cuts
}

function blank(text: string, cuts: ReadonlyArray<[number, number]>, first = ' '): string {
  if (cuts.length === 0) return text
  const parts: string[] = []
  let at = 0
  for (const [from, to] of [...cuts].sort((a, b) => a[0] - b[0])) {
    if (from < at) continue
    const spaces = text.slice(from, to).replace(/[^\r\n]/g, ' ')
    parts.push(text.slice(at, from), to > from ? `${first}${spaces.slice(1)}` : spaces)
    at = to
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/** The diagnostic's words for the parts `withoutTooDeep` blanked out. */
export const TOO_DEEP_PART = `a part nested more than ${MAX_NESTING} levels deep (brackets, or indentation and "- " on a line) is not parsed; the rest of the document is read`
