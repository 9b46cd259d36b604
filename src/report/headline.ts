import type { FindingReport, Report } from './report.js'

/** "1 finding", "2 findings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/**
 * What a change does, for the first line a reviewer reads: "2 new (1 error) · 0 fixed · 4
 * already present". Undefined when there was no base to compare with. Waived findings are not
 * counted, as in the gate.
 */
export function changeHeadline(findings: readonly FindingReport[]): string | undefined {
  if (!findings.some((finding) => finding.status)) return undefined
  const counted = findings.filter((finding) => !finding.waived)
  const fresh = counted.filter((finding) => finding.status === 'new')
  const severities = (['error', 'warning'] as const)
    .map((severity) => ({ severity, n: fresh.filter((finding) => finding.severity === severity).length }))
    .filter(({ n }) => n > 0)
    .map(({ severity, n }) => plural(n, severity))
  const detail = severities.length > 0 ? ` (${severities.join(', ')})` : ''
  const fixed = counted.filter((finding) => finding.status === 'fixed').length
  const present = counted.filter((finding) => finding.status === 'unchanged').length
  return `${fresh.length} new${detail} · ${fixed} fixed · ${present} already present`
}

/** "1 error, 4 warnings, 1 notice". */
export function totals(report: Pick<Report, 'summary'>): string {
  const { error, warning, notice } = report.summary
  return `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(notice, 'notice')}`
}
