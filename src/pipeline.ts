import { stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CONFIG_FILE_NAME, loadConfigFile, type GateConfig } from './config/config-file.js'
import { loadDatabase } from './db/load.js'
import type { Database } from './db/schema.js'
import { resolveEnvironments } from './evaluate/environments.js'
import { evaluate, today } from './evaluate/evaluate.js'
import { gatePasses, type FailOn } from './evaluate/gate.js'
import { applyWaivers } from './evaluate/waivers.js'
import type { Declaration, Finding } from './model.js'
import { buildReport, type Report, type SmokeReport } from './report/report.js'
import { scanRepository } from './scan/scan.js'
import type { SmokeOptions } from './smoke/run-smoke.js'

export interface GateOptions {
  /** Directory to scan. */
  root: string
  /** Extra database files (in addition to those the configuration file names). */
  databaseFiles?: readonly string[]
  failOn: FailOn
  maxFileBytes?: number
  /** `.kube-compat-gate.yml` to use; `root/.kube-compat-gate.yml` when present otherwise. */
  configFile?: string
  /** Day that lifecycle dates and waiver expiries are checked against, `YYYY-MM-DD`; today by default. */
  date?: string
  /** Run the smoke test after the static checks (`--smoke`); its findings join the others. */
  smoke?: SmokeRequest
}

/** What the caller decides about a smoke run; the pipeline adds the database and declarations. */
export type SmokeRequest = Omit<SmokeOptions, 'database' | 'declarations' | 'root'>

export interface GateResult {
  report: Report
  findings: Finding[]
  database: Database
  /** The configuration file that was read, if any. */
  config?: GateConfig
}

/** config → scan → resolve → evaluate → waivers → report, for one tree. The CLI and the action share it. */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const date = options.date ?? today()
  const config = await readConfig(options)
  const database = await loadDatabase([...(config?.database ?? []), ...(options.databaseFiles ?? [])])
  const maxFileBytes = options.maxFileBytes ?? config?.maxFileBytes
  const scan = await scanRepository(options.root, {
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    ...(config?.include ? { include: config.include } : {}),
    ...(config?.exclude ? { exclude: config.exclude } : {})
  })
  const environments = resolveEnvironments(scan.declarations, scan.links)
  const evaluated = evaluate(environments, database, { date, usages: scan.usages, declarations: scan.declarations })
  const waived = config ? applyWaivers(evaluated, config.waivers, date, reportPath(options.root, config.file)) : evaluated
  const smoke = options.smoke ? await runSmokeStage(options.smoke, database, scan.declarations, waived, options.root) : undefined
  const findings = smoke?.findings ?? waived
  const report = buildReport({
    database,
    declarations: scan.declarations,
    environments,
    findings,
    diagnostics: scan.diagnostics,
    filesScanned: scan.filesScanned,
    passed: gatePasses(findings, options.failOn),
    ...(smoke ? { smoke: smoke.report } : {})
  })
  return { report, findings, database, ...(config ? { config } : {}) }
}

/**
 * Loaded on demand so a plain scan never reads the smoke modules. Runtime findings join the
 * static ones; the report's `smoke.passed` says whether the workload itself was healthy.
 */
async function runSmokeStage(
  request: SmokeRequest,
  database: Database,
  declarations: readonly Declaration[],
  findings: readonly Finding[],
  root: string
): Promise<{ findings: Finding[]; report: SmokeReport }> {
  const [{ runSmoke }, { mergeRuntimeFindings }, { toSmokeReport }] = await Promise.all([
    import('./smoke/run-smoke.js'),
    import('./smoke/runtime-findings.js'),
    import('./smoke/smoke-report.js')
  ])
  const result = await runSmoke({ ...request, database, declarations, root })
  return { findings: mergeRuntimeFindings(findings, result, declarations), report: toSmokeReport(result) }
}

async function readConfig(options: GateOptions): Promise<GateConfig | undefined> {
  if (options.configFile !== undefined) return loadConfigFile(options.configFile)
  const implicit = join(options.root, CONFIG_FILE_NAME)
  const found = await stat(implicit).catch(() => undefined)
  return found?.isFile() ? loadConfigFile(implicit) : undefined
}

/** The configuration file relative to the scanned root, like every other path in the report. */
function reportPath(root: string, file: string): string {
  const inside = relative(resolve(root), resolve(file))
  if (inside.startsWith('..') || isAbsolute(inside)) return file
  return inside.split(sep).join('/')
}
