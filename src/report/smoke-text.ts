/** The smoke test's part of the text report: what ran where, and what the workload did. */
import type { Report } from './report.js'
import { forTerminal } from './escape.js'

export function smokeTextLines(report: Report, dim: (text: string) => string): string[] {
  const smoke = report.smoke
  if (!smoke) return []
  const versions = [
    smoke.serverVersion ? `server ${smoke.serverVersion}` : undefined,
    smoke.declaredHostVersion ? `declared host ${smoke.declaredHostVersion}` : undefined,
    smoke.vcluster ? `vcluster ${smoke.vcluster}` : undefined,
    smoke.virtualVersion ? `virtual ${smoke.virtualVersion}` : undefined
  ].filter(Boolean)
  const lines = [
    `Smoke test (${smoke.mode}${smoke.kindNodeImage ? ` ${smoke.kindNodeImage}` : ''}): ${smoke.passed ? 'passed' : 'failed'} · ${versions.join(' · ')}`,
    `  Pod ${smoke.workload.pod} · Deployment ${smoke.workload.deployment} · in-place resize ${smoke.workload.resize}`,
    ...smoke.workload.reasons.map((reason) => `  ${forTerminal(reason)}`),
    ...(smoke.error ? [`  ${forTerminal(smoke.error)}`] : []),
    ...smoke.warnings.map((warning) => `  warning: ${forTerminal(warning)}`),
    ...smoke.cleanup.filter((c) => !c.ok).map((c) => `  cleanup: ${forTerminal(c.message)}`),
    dim(`  evidence: ${forTerminal(smoke.evidenceDir)}${smoke.kept ? ' · cluster kept (--smoke-keep)' : ''}`),
    ''
  ]
  return lines
}
