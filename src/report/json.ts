import { jsonFileChunks } from './json-pieces.js'
import type { Report } from './report.js'

/**
 * The JSON report (`--format json`) in chunks, to be written as they come: the same text as
 * `JSON.stringify(report, null, 2)` and a newline, never held whole (a slice of a few hundred
 * findings is the most serialised at once).
 */
export function jsonReportChunks(report: Report): Iterable<string> {
  return jsonFileChunks(report, 2)
}
