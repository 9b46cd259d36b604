/**
 * Why a regular expression may take super-linear time (catastrophic backtracking), judged from
 * its shape: a quantified group whose body holds an unbounded quantifier (`(a+)+`, `(\w+\s?)*`,
 * `(.*a){12}`), a quantified group of alternatives (`(a|aa)+`), or bounded repetition nested in
 * bounded repetition past 100 copies (`(a{1,30}){1,30}`). JavaScript's engine
 * backtracks, and signatures run over evidence a pull request can shape, so `db validate` and
 * the loading of a database file refuse these shapes. The test is conservative (it refuses some
 * safe expressions, such as `(ab|cd)+`): a signature never needs them. No maintained checker
 * runs in Node without a JVM or a native binary; this walks the expression's tokens only as far
 * as groups, classes, escapes and quantifiers.
 */
export function superLinearShape(source: string): string | undefined {
  interface Group {
    unbounded: boolean
    alternation: boolean
    start: number
    /** The most copies of one part that bounded quantifiers inside make (`a{1,30}` makes 30). */
    copies: number
  }
  const stack: Group[] = [{ unbounded: false, alternation: false, start: 0, copies: 1 }]
  let at = 0
  /** The group that just closed, while its quantifier is read. */
  let closed: Group | undefined
  while (at < source.length) {
    const char = source[at]!
    const quantifier = quantifierAt(source, at)
    if (quantifier) {
      const top = stack[stack.length - 1]!
      if (closed && quantifier.repeats) {
        const text = source.slice(closed.start, at + quantifier.length)
        if (closed.unbounded) return `nested quantifier: ${text} repeats a part that is itself repeated without bound`
        if (closed.alternation) return `alternation under a quantifier: ${text} repeats a choice whose branches may overlap`
        const copies = closed.copies * (quantifier.unbounded ? 1 : quantifier.max)
        if (closed.copies > 1 && copies > MAX_NESTED_COPIES) {
          return `nested counted repetition: ${text} makes ${copies} copies of its part (at most ${MAX_NESTED_COPIES}), each a state of the matcher`
        }
      }
      top.copies = Math.max(top.copies, (closed?.copies ?? 1) * (quantifier.unbounded ? 1 : quantifier.max))
      top.unbounded ||= quantifier.unbounded || (closed?.unbounded ?? false)
      closed = undefined
      at += quantifier.length
      continue
    }
    if (closed) {
      stack[stack.length - 1]!.unbounded ||= closed.unbounded
      stack[stack.length - 1]!.copies = Math.max(stack[stack.length - 1]!.copies, closed.copies)
      closed = undefined
    }
    if (char === '\\') at += 2
    else if (char === '[') at = classEnd(source, at)
    else if (char === '(') {
      stack.push({ unbounded: false, alternation: false, start: at, copies: 1 })
      at += 1
    } else if (char === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined
      at += 1
    } else {
      if (char === '|') stack[stack.length - 1]!.alternation = true
      at += 1
    }
  }
  return undefined
}

/**
 * Bounded repetition inside bounded repetition multiplies: `(a{1,30}){1,30}` compiles to about 900
 * states, and even the linear-time engine (RE2) took 1-1.8 s per 8 KiB evidence line on it.
 */
const MAX_NESTED_COPIES = 100

/** A quantifier at `at`: how long it is, whether it repeats (max > 1), whether without bound, and its max. */
function quantifierAt(source: string, at: number): { length: number; repeats: boolean; unbounded: boolean; max: number } | undefined {
  const char = source[at]
  let length = 0
  let repeats = false
  let unbounded = false
  let max = 1
  if (char === '*' || char === '+') {
    length = 1
    repeats = unbounded = true
    max = Infinity
  } else if (char === '?') length = 1
  else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at))
    if (!braces) return undefined
    length = braces[0].length
    max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3])
    repeats = max > 1
    unbounded = max === Infinity
  } else return undefined
  // A lazy or possessive-looking suffix belongs to the quantifier.
  if (source[at + length] === '?') length++
  return { length, repeats, unbounded, max }
}

/** The offset after the character class that opens at `at`. */
function classEnd(source: string, at: number): number {
  let end = at + 1
  if (source[end] === '^') end++
  if (source[end] === ']') end++
  while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1
  return end + 1
}
