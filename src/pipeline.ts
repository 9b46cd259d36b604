import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadDatabase } from './db/load.js'
import type { Database } from './db/schema.js'
import { changedLines } from './evaluate/changed-lines.js'
import { diffFindings } from './evaluate/diff.js'
import { resolveEnvironments } from './evaluate/environments.js'
import { evaluate } from './evaluate/evaluate.js'
import { gatePasses, type FailOn } from './evaluate/gate.js'
import { compatibilityGrid, type CompatibilityGrid } from './evaluate/grid.js'
import type { Declaration, Environment, Finding } from './model.js'
import { buildReport, type Report } from './report/report.js'
import { scanRepository } from './scan/scan.js'

export interface GateOptions {
  /** Directory to scan (the head of a change). */
  root: string
  /** Extra database files. */
  databaseFiles?: readonly string[]
  failOn: FailOn
  maxFileBytes?: number
  /**
   * The same directory as it was at the change's base. With it, findings are marked
   * new / fixed / unchanged and the gate looks at `failScope` (default `new`).
   */
  baseRoot?: string
  failScope?: 'new' | 'all'
}

export interface GateResult {
  report: Report
  findings: Finding[]
  database: Database
  environments: Environment[]
  /** The database's verdicts around the declared versions, for the Markdown report. */
  grid: CompatibilityGrid | undefined
  /** With a base: per file that declares a version, the head lines the change added or edited. */
  changedLines: Map<string, Set<number>>
}

/** scan → resolve → evaluate (→ diff against the base) → report. The CLI and the action share it. */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const database = await loadDatabase(options.databaseFiles)
  const head = await evaluateTree(options.root, database, options.maxFileBytes)
  const base = options.baseRoot === undefined ? undefined : await evaluateTree(options.baseRoot, database, options.maxFileBytes)
  const findings = base ? diffFindings(base.findings, head.findings) : head.findings
  const scope = options.failScope ?? (base ? 'new' : 'all')
  const report = buildReport({
    database,
    declarations: head.declarations,
    environments: head.environments,
    findings,
    diagnostics: head.diagnostics,
    filesScanned: head.filesScanned,
    passed: gatePasses(findings, options.failOn, scope)
  })
  return {
    report,
    findings,
    database,
    environments: head.environments,
    grid: compatibilityGrid(head.environments, database),
    changedLines: options.baseRoot === undefined ? new Map() : await changedDeclarationLines(options.baseRoot, options.root, head.declarations)
  }
}

async function evaluateTree(root: string, database: Database, maxFileBytes: number | undefined) {
  const scan = await scanRepository(root, maxFileBytes !== undefined ? { maxFileBytes } : {})
  const environments = resolveEnvironments(scan.declarations)
  return { ...scan, environments, findings: evaluate(environments, database) }
}

async function changedDeclarationLines(
  baseRoot: string,
  headRoot: string,
  declarations: readonly Declaration[]
): Promise<Map<string, Set<number>>> {
  const result = new Map<string, Set<number>>()
  for (const file of new Set(declarations.map((declaration) => declaration.file))) {
    const head = await readFile(join(headRoot, file), 'utf8').catch(() => undefined)
    if (head === undefined) continue
    const base = await readFile(join(baseRoot, file), 'utf8').catch(() => undefined)
    result.set(file, changedLines(base, head))
  }
  return result
}
