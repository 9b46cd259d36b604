/** The smoke test's part of the job summary and the PR comment: what ran where, and what it saw. */
import { forMarkdown, forMarkdownCode } from './escape.js'
import type { FindingReport, Report } from './report.js'

/** A section for the job summary: the cluster, the workload's outcome, cleanup, evidence. */
export function smokeMarkdownLines(report: Report): string[] {
  const smoke = report.smoke
  if (!smoke) return []
  const ran = [
    smoke.serverVersion ? `server ${forMarkdownCode(smoke.serverVersion)}` : undefined,
    smoke.declaredHostVersion ? `declared host ${forMarkdownCode(smoke.declaredHostVersion)}` : undefined,
    smoke.vcluster ? `vcluster ${forMarkdownCode(smoke.vcluster)}` : undefined,
    smoke.virtualVersion ? `virtual ${forMarkdownCode(smoke.virtualVersion)}` : undefined
  ].filter((part) => part !== undefined)
  const where = smoke.mode === 'kind' ? `kind${smoke.kindNodeImage ? ` (${forMarkdownCode(smoke.kindNodeImage)})` : ''}` : 'the cluster of the given kubeconfig'
  const lines = [
    `### Smoke test: ${smoke.passed ? '✅ passed' : '❌ failed'}`,
    '',
    `Ran in ${where}${ran.length > 0 ? `: ${ran.join(' · ')}` : ''}.`,
    '',
    '| Pod | Deployment | In-place resize |',
    '| --- | --- | --- |',
    `| ${forMarkdown(smoke.workload.pod)} | ${forMarkdown(smoke.workload.deployment)} | ${forMarkdown(smoke.workload.resize)} |`,
    ''
  ]
  const confirmed = report.findings.filter((finding) => finding.confirmedAtRuntime)
  if (confirmed.length > 0) {
    lines.push('Seen happening:', '', ...confirmed.map((finding) => `- ${confirmedLine(finding)}`), '')
  }
  const notes = [
    ...smoke.workload.reasons,
    ...(smoke.error ? [smoke.error] : []),
    ...smoke.warnings.map((warning) => `warning: ${warning}`),
    ...smoke.cleanup.filter((step) => !step.ok).map((step) => `cleanup: ${step.message}`)
  ]
  if (notes.length > 0) lines.push(...notes.map((note) => `- ${forMarkdown(note)}`), '')
  lines.push(`Evidence: ${forMarkdownCode(smoke.evidenceDir)} (the \`evidence-dir\` output)${smoke.kept ? ' · the cluster was kept (smoke-keep)' : ''}.`, '')
  return lines
}

/** One line for the PR comment. */
export function smokeVerdictLine(report: Report): string | undefined {
  const smoke = report.smoke
  if (!smoke) return undefined
  const confirmed = report.findings.filter((finding) => finding.confirmedAtRuntime).length
  const seen = confirmed > 0 ? `; it saw ${confirmed === 1 ? '1 finding' : `${confirmed} findings`} happen (marked 🔬)` : ''
  return `Smoke test ${smoke.passed ? '✅ passed' : '❌ failed'}${smoke.serverVersion ? ` on ${forMarkdownCode(smoke.serverVersion)}` : ''}${seen}.`
}

/** How a finding the smoke test saw says so in a findings table. */
export function confirmedNote(finding: FindingReport): string {
  if (!finding.confirmedAtRuntime) return ''
  return `<br>🔬 Seen in the smoke test${finding.evidence ? ` (${forMarkdown(finding.evidence.source)}): ${forMarkdownCode(finding.evidence.excerpt)}` : ''}`
}

function confirmedLine(finding: FindingReport): string {
  const evidence = finding.evidence ? ` in ${forMarkdown(finding.evidence.source)}: ${forMarkdownCode(finding.evidence.excerpt)}` : ''
  return `**${forMarkdown(finding.id)}**${evidence}`
}
