import { createHash } from 'node:crypto'
import { fingerprint } from '../evaluate/diff.js'
import type { Severity } from '../model.js'
import { forTerminal } from './escape.js'
import type { Report } from './report.js'
import { declarationsOf } from './sarif.js'

/** GitLab's scale (info, minor, major, critical, blocker): an error is what fails the gate. */
const SEVERITY: Record<Severity, 'critical' | 'minor' | 'info'> = { error: 'critical', warning: 'minor', notice: 'info' }

/** One issue of a GitLab Code Quality report (the fields GitLab requires). */
export interface CodeQualityIssue {
  description: string
  check_name: string
  fingerprint: string
  severity: 'critical' | 'minor' | 'info'
  location: { path: string; lines: { begin: number } }
}

/**
 * A GitLab Code Quality report (`artifacts: reports: codequality`): the merge request widget
 * and diff show each finding at its declaring line, and GitLab compares fingerprints of the
 * base and head pipelines to say which are new or resolved. The fingerprint is the same
 * identity as the base/head diff (entry and files, not versions or lines), so a moved line or
 * another affected version is not a new problem; a second finding with the same identity gets
 * its own, counted one. Fixed findings are left out: they are no longer in the code.
 */
export function renderCodeQuality(report: Report): string {
  const seen = new Map<string, number>()
  const issues = report.findings
    .filter((finding) => finding.status !== 'fixed')
    .map((finding): CodeQualityIssue => {
      const identity = fingerprint({ id: finding.id, file: finding.file, declarations: declarationsOf(finding, report) })
      const count = (seen.get(identity) ?? 0) + 1
      seen.set(identity, count)
      return {
        description: forTerminal(`${finding.title}: ${finding.message}`),
        check_name: finding.id,
        fingerprint: createHash('sha256').update(`${identity}#${count}`).digest('hex'),
        severity: SEVERITY[finding.severity],
        location: { path: finding.file, lines: { begin: Math.max(1, finding.line) } }
      }
    })
  return `${JSON.stringify(issues, null, 2)}\n`
}
