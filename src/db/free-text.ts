import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml'
import type { Diagnostic } from '../model.js'
import { parseYamlFile } from '../yaml-problems.js'

/** Fields written as prose, where a `#` is far more likely an issue number than a comment. */
const FREE_TEXT = ['title', 'remediation', 'notes', 'symptoms'] as const

/**
 * Prose fields whose plain (unquoted) value YAML cut at ` #`: `notes: PR #3595 "remove k3s"`
 * is the text "PR" and a comment. Valid YAML, so only a warning, but never what was meant.
 */
export function freeTextCommentWarnings(text: string, file: string): Diagnostic[] {
  const { doc, lineCounter } = parseYamlFile(text, file)
  const entries = doc.get('entries', true)
  if (!isSeq(entries)) return []
  const warnings: Diagnostic[] = []
  for (const entry of entries.items) {
    if (!isMap(entry)) continue
    for (const field of FREE_TEXT) {
      const value = entry.get(field, true) as Node | undefined
      const scalars = isSeq(value) ? value.items : [value]
      for (const scalar of scalars) {
        if (!isScalar(scalar) || scalar.type !== Scalar.PLAIN || !scalar.comment || !scalar.range) continue
        // Only a comment on the value's own line cuts it; one on the next line is a real comment.
        const { line, col } = lineCounter.linePos(scalar.range[0])
        const rest = text.slice(scalar.range[1], text.indexOf('\n', scalar.range[1]) === -1 ? undefined : text.indexOf('\n', scalar.range[1]))
        if (!/^\s+#/.test(rest)) continue
        warnings.push({
          file,
          line,
          column: col,
          message: `${field}: YAML reads the text after " #" as a comment, so the value is only "${String(scalar.value)}"; quote the value or use a ">-" block`
        })
      }
    }
  }
  return warnings
}
