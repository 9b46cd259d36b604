import { loadDatabase } from './db/load.js'
import type { Database } from './db/schema.js'
import { resolveEnvironments } from './evaluate/environments.js'
import { evaluate } from './evaluate/evaluate.js'
import { gatePasses, type FailOn } from './evaluate/gate.js'
import type { Finding } from './model.js'
import { buildReport, type Report } from './report/report.js'
import { scanRepository } from './scan/scan.js'

export interface GateOptions {
  /** Directory to scan. */
  root: string
  /** Extra database files. */
  databaseFiles?: readonly string[]
  failOn: FailOn
  maxFileBytes?: number
}

export interface GateResult {
  report: Report
  findings: Finding[]
  database: Database
}

/** scan → resolve → evaluate → report, for one tree. The CLI and the action share it. */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const database = await loadDatabase(options.databaseFiles)
  const scan = await scanRepository(options.root, {
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {})
  })
  const environments = resolveEnvironments(scan.declarations)
  const findings = evaluate(environments, database, { usages: scan.usages, declarations: scan.declarations })
  const report = buildReport({
    database,
    declarations: scan.declarations,
    environments,
    findings,
    diagnostics: scan.diagnostics,
    filesScanned: scan.filesScanned,
    passed: gatePasses(findings, options.failOn)
  })
  return { report, findings, database }
}
