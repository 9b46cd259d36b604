/**
 * `JSON.stringify(value, null, 2)` in pieces that join to exactly that text, so a large report
 * is written while it is serialised instead of first becoming one string: the JSON report of a
 * 100,000-file monorepo is 17 MB. The top `depth` levels of objects and arrays are taken apart;
 * below them, an array's items are serialised a slice at a time and any other value whole, each
 * already indented to its place (`atDepth`).
 */
export function* prettyJsonPieces(value: unknown, depth = 2): Generator<string> {
  yield* pieces(value, '', depth)
}

/**
 * A JSON file's text in chunks of about 64 KB: `JSON.stringify(value, null, 2)` and a newline,
 * with the top `depth` levels taken apart.
 */
export function jsonFileChunks(value: unknown, depth: number): Iterable<string> {
  return inChunks(withNewline(prettyJsonPieces(value, depth)))
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces
  yield '\n'
}

/**
 * The pieces joined into chunks of about `bytes` characters (a chunk holds whole pieces, so
 * one larger piece is a chunk of its own): one write per chunk rather than per finding.
 */
export function* inChunks(pieces: Iterable<string>, bytes = 64 * 1024): Generator<string> {
  let pending: string[] = []
  let size = 0
  for (const piece of pieces) {
    pending.push(piece)
    size += piece.length
    if (size >= bytes) {
      yield pending.join('')
      pending = []
      size = 0
    }
  }
  if (pending.length > 0) yield pending.join('')
}

const STEP = '  '
/** Items of an array serialised in one call: a few hundred kilobytes of a report. */
const SLICE = 256

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth > 0 && Array.isArray(value)) {
    yield* arrayPieces(value, indent, depth)
  } else if (depth > 0 && isPlainObject(value)) {
    yield* objectPieces(value, indent, depth)
  } else {
    yield atDepth(value, indent.length / STEP.length)
  }
}

function* arrayPieces(items: readonly unknown[], indent: string, depth: number): Generator<string> {
  if (items.length === 0) {
    yield '[]'
    return
  }
  const inner = indent + STEP
  if (depth === 1) {
    // Items serialised a slice at a time: one JSON.stringify call per item made the report
    // twice as slow to write as one call for all of it.
    const levels = indent.length / STEP.length
    for (let start = 0; start < items.length; start += SLICE) {
      // The slice is `[\n`, its items, `\n`, this array's indent and `]`: the items are kept.
      const text = atDepth(items.slice(start, start + SLICE), levels)
      yield `${start === 0 ? '[' : ','}\n${text.slice(2, text.length - 2 - indent.length)}`
    }
  } else {
    for (let index = 0; index < items.length; index++) {
      yield `${index === 0 ? '[' : ','}\n${inner}`
      // JSON.stringify writes null for what it cannot write in an array (undefined, a function).
      const item = items[index]
      if (unwritable(item)) yield 'null'
      else yield* pieces(item, inner, depth - 1)
    }
  }
  yield `\n${indent}]`
}

/**
 * A value as JSON.stringify writes it `levels` steps in: its first line where it starts, the
 * others indented to its place. It is serialised inside as many one-member objects, so that it
 * comes out indented and needs no second pass over its text.
 */
function atDepth(value: unknown, levels: number): string {
  let wrapped = value
  for (let level = 0; level < levels; level++) wrapped = { '': wrapped }
  const text = JSON.stringify(wrapped, null, 2)
  let before = 0
  let after = 0
  for (let level = 1; level <= levels; level++) {
    before += 2 + level * STEP.length + 4 // `{\n`, the indent, `"": `
    after += 2 + (level - 1) * STEP.length // `\n`, the indent, `}`
  }
  return text.slice(before, text.length - after)
}

function* objectPieces(object: Record<string, unknown>, indent: string, depth: number): Generator<string> {
  const inner = indent + STEP
  let first = true
  for (const key of Object.keys(object)) {
    const member = object[key]
    // JSON.stringify leaves out members it cannot write (undefined, a function).
    if (unwritable(member)) continue
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `
    first = false
    yield* pieces(member, inner, depth - 1)
  }
  yield first ? '{}' : `\n${indent}}`
}

/** What JSON.stringify writes as nothing. */
function unwritable(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/** Objects that JSON.stringify writes member by member: no arrays, no `toJSON` (a Date). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
}
