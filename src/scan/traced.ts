import type { Location } from '../model.js'
import type { SourceFile } from './source-file.js'

/**
 * A piece of text as it is written somewhere: `offset` is where `text[0]` sits in `file`.
 * When the text is not written verbatim (an escaped string), `exact` is false and every
 * character maps to `offset`.
 */
export interface Piece {
  text: string
  file: SourceFile
  offset: number
  exact: boolean
}

/**
 * Text assembled from pieces of one or more places, e.g. `kindest/node:v${K8S}` with `K8S`
 * set elsewhere. Each character can be traced back to where it was written, so a version
 * that comes from a variable is reported at the variable's value.
 */
export type Traced = readonly Piece[]

export function traced(file: SourceFile, text: string, offset: number, exact = true): Traced {
  return [{ text, file, offset, exact }]
}

export function textOf(value: Traced): string {
  return value.map((piece) => piece.text).join('')
}

/** A part of a traced text: where it is written and what was written there. */
export interface TracedToken {
  location: Location
  /** The token as written at `location`; a version split over pieces keeps the part with its last character. */
  raw: string
}

/**
 * Where the characters `start..end` of the assembled text were written. A token split over
 * pieces (`v` + `${VERSION}`) is placed in the piece holding its last character: that is
 * where the number that changes lives.
 */
export function locateToken(value: Traced, start: number, end: number): TracedToken {
  let at = 0
  const last = Math.max(start, end - 1)
  for (const piece of value) {
    const pieceEnd = at + piece.text.length
    if (last < pieceEnd || piece === value[value.length - 1]) {
      const from = Math.max(start, at) - at
      const to = Math.min(end, pieceEnd) - at
      const offset = piece.exact ? piece.offset + from : piece.offset
      return { location: piece.file.locate(offset), raw: piece.text.slice(from, Math.max(from, to)) }
    }
    at = pieceEnd
  }
  throw new Error('locateToken called on empty text')
}

/** The assembled text with one piece replaced by several (variable expansion). */
export function sliceTraced(value: Traced, start: number, end: number): Traced {
  const out: Piece[] = []
  let at = 0
  for (const piece of value) {
    const pieceEnd = at + piece.text.length
    const from = Math.max(start, at)
    const to = Math.min(end, pieceEnd)
    if (from < to) {
      const skip = from - at
      out.push({ ...piece, text: piece.text.slice(skip, to - at), offset: piece.exact ? piece.offset + skip : piece.offset })
    }
    at = pieceEnd
  }
  return out
}
