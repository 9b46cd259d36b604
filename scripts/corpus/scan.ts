/** Runs the real gate on a directory and returns the report's declarations (the JSON contract). */
import { runGate } from '../../src/pipeline.js'
import type { ScannedDeclaration } from './match.js'

export async function declarationsOf(root: string): Promise<ScannedDeclaration[]> {
  const result = await runGate({ root, failOn: 'never' })
  return result.report.declarations
}
