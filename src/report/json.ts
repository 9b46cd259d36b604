import { inChunks, prettyJsonPieces } from './json-pieces.js'
import type { Report } from './report.js'

/**
 * The JSON report (`--format json`) in chunks, to be written as they come: the same text as
 * `JSON.stringify(report, null, 2)` and a newline, never held whole (a finding or a
 * declaration is the largest piece serialised at once).
 */
export function jsonReportChunks(report: Report): Iterable<string> {
  return inChunks(withNewline(prettyJsonPieces(report)))
}

export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('')
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces
  yield '\n'
}
