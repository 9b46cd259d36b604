import { stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CONFIG_FILE_NAME, loadConfigFile, type GateConfig } from './config/config-file.js'
import { loadDatabase } from './db/load.js'
import type { Database } from './db/schema.js'
import { resolveEnvironments } from './evaluate/environments.js'
import { evaluate, today } from './evaluate/evaluate.js'
import { gatePasses, type FailOn } from './evaluate/gate.js'
import { applyWaivers } from './evaluate/waivers.js'
import type { Finding } from './model.js'
import { buildReport, type Report } from './report/report.js'
import { scanRepository } from './scan/scan.js'

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
}

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
  const findings = config ? applyWaivers(evaluated, config.waivers, date, reportPath(options.root, config.file)) : evaluated
  const report = buildReport({
    database,
    declarations: scan.declarations,
    environments,
    findings,
    diagnostics: scan.diagnostics,
    filesScanned: scan.filesScanned,
    passed: gatePasses(findings, options.failOn)
  })
  return { report, findings, database, ...(config ? { config } : {}) }
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
