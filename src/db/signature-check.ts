import { RE2JS } from 're2js'
import { superLinearShape } from './regex-shape.js'

/**
 * Why a `signatures` expression cannot be run safely, or undefined. Signatures run on RE2JS
 * (src/smoke/signatures.ts), whose matching is linear in the input, so it must be RE2 syntax:
 * no backreferences, no lookaround. It must also be a JavaScript expression, and one without a
 * super-linear shape, so that the database stays safe for anyone who runs it with JavaScript's
 * backtracking engine (and a shape that needs backtracking is never what a log line needs).
 */
export function signatureProblem(source: string): string | undefined {
  try {
    new RegExp(source)
  } catch {
    return 'not a valid regular expression'
  }
  try {
    RE2JS.compile(source)
  } catch (error) {
    return `not an expression the linear-time matcher can run (RE2 syntax: no backreferences or lookaround): ${(error as Error).message}`
  }
  const shape = superLinearShape(source)
  return shape && `may take super-linear time on hostile evidence (${shape}); write it without that shape`
}
