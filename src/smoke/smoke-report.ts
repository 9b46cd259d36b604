/** The `smoke` section of the JSON report, from a smoke result. */
import type { SmokeReport } from '../report/report.js'
import type { SmokeResult } from './run-smoke.js'

export function toSmokeReport(result: SmokeResult): SmokeReport {
  return {
    passed: result.passed,
    mode: result.mode,
    ...result.cluster,
    namespace: result.namespace,
    evidenceDir: result.evidenceDir,
    workload: { ...result.workload },
    warnings: result.warnings,
    ...(result.error ? { error: result.error } : {}),
    cleanup: result.cleanup.map(({ ok, message }) => ({ ok, message })),
    kept: result.kept
  }
}
