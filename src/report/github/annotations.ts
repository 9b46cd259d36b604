import { forWorkflowCommand } from '../escape.js'
import type { Severity } from '../../model.js'
import type { FindingReport } from '../report.js'
import { LIMITS } from './limits.js'

/**
 * The order in which findings are annotated, since GitHub shows only the first ten of each
 * type per step: what the change introduces, then what sits on a line it touched, then the
 * rest. Fixed findings are not in the code any more, and waived ones are accepted by the
 * repository's owners (they stay in the summary and the report), so neither is annotated.
 */
export function rankForAnnotation(findings: readonly FindingReport[], changedLines: ReadonlyMap<string, ReadonlySet<number>>): FindingReport[] {
  const rank = (finding: FindingReport): number =>
    (finding.status === 'new' ? 0 : 2) + (changedLines.get(finding.file)?.has(finding.line) ? 0 : 1)
  return findings
    .filter((finding) => finding.status !== 'fixed' && !finding.waived)
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
    .map(({ finding }) => finding)
}

export interface AnnotationProperties {
  title: string
  file: string
  startLine: number
  startColumn: number
}

/** The three `@actions/core` functions that write `::error`/`::warning`/`::notice` commands. */
export type AnnotationSink = Record<Severity, (message: string, properties: AnnotationProperties) => void>

/**
 * Writes workflow-command annotations in ranked order, ten per type (more are dropped by
 * GitHub anyway), and returns how many findings were left out.
 */
export function emitAnnotations(ranked: readonly FindingReport[], pathPrefix: string, sink: AnnotationSink): number {
  const emitted: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  let skipped = 0
  for (const finding of ranked) {
    if (emitted[finding.severity] >= LIMITS.annotationsPerType) {
      skipped++
      continue
    }
    emitted[finding.severity]++
    sink[finding.severity](forWorkflowCommand(annotationMessage(finding)), {
      title: forWorkflowCommand(annotationTitle(finding)),
      file: forWorkflowCommand(`${pathPrefix}${finding.file}`),
      startLine: finding.line,
      startColumn: finding.column
    })
  }
  return skipped
}

export function annotationTitle(finding: FindingReport): string {
  const status = finding.status === 'new' ? '(new) ' : ''
  return `${status}${finding.title} [${finding.id}]`
}

export function annotationMessage(finding: FindingReport): string {
  return `${finding.message}\nFix: ${finding.remediation}\nSource: ${finding.references[0] ?? ''}`
}

/** A check run annotation as the REST API takes it. */
export interface CheckRunAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  title: string
  message: string
}

const CHECK_LEVEL: Record<Severity, CheckRunAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' }

export function checkRunAnnotations(ranked: readonly FindingReport[], pathPrefix: string): CheckRunAnnotation[] {
  return ranked.map((finding) => ({
    path: `${pathPrefix}${finding.file}`,
    start_line: Math.max(1, finding.line),
    end_line: Math.max(1, finding.line),
    annotation_level: CHECK_LEVEL[finding.severity],
    title: annotationTitle(finding).slice(0, 255),
    message: annotationMessage(finding).slice(0, 64 * 1024)
  }))
}
