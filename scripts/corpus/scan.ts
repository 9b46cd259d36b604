/** Runs the real gate on a directory and returns what its report (the JSON contract) declares and diagnoses. */
import { runGate } from '../../src/pipeline.js'
import type { ScannedReport } from './match.js'

export async function reportOf(root: string): Promise<ScannedReport> {
  const { report } = await runGate({ root, failOn: 'never' })
  return { declarations: report.declarations, diagnostics: report.diagnostics }
}
