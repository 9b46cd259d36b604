import type { Finding, Severity } from '../model.js'

export const FAIL_ON_LEVELS = ['error', 'warning', 'notice', 'never'] as const
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

const RANK: Record<Severity, number> = { error: 3, warning: 2, notice: 1 }

/** True when a finding is at or above the `fail-on` level. */
export function isBlocking(finding: Pick<Finding, 'severity'>, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[finding.severity] >= RANK[failOn]
}

/**
 * The gate's one decision. With `scope: new` (pull requests) only findings the change
 * introduces can fail it; fixed and waived findings never do.
 */
export function gatePasses(findings: readonly Finding[], failOn: FailOn, scope: 'new' | 'all' = 'all'): boolean {
  return blockingFindings(findings, failOn, scope).length === 0
}

/** The findings that fail the gate, for the message that says why. */
export function blockingFindings<T extends Pick<Finding, 'severity' | 'status' | 'waived'>>(findings: readonly T[], failOn: FailOn, scope: 'new' | 'all' = 'all'): T[] {
  return findings.filter(
    (finding) =>
      !finding.waived && finding.status !== 'fixed' && (scope === 'all' || finding.status !== 'unchanged') && isBlocking(finding, failOn)
  )
}
