import { forWorkflowCommand } from '../escape.js'
import type { Severity } from '../../model.js'
import type { FindingReport } from '../report.js'
import { LIMITS } from './limits.js'

/** One annotation: a location of a finding, at the level it is shown. */
export interface Annotation {
  finding: FindingReport
  file: string
  line: number
  column: number
  message: string
  /**
   * The finding's severity, except for findings already present before the change on a line
   * it did not touch: those are notices, so a pull request is not marked as failing for them.
   */
  level: Severity
}

const LEVEL_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/**
 * One annotation per location, in the order GitHub should keep them (it shows only the first
 * ten of each type per step, and a check run carries at most 500): errors, then warnings, then
 * notices, and within each level what the change introduces, then what sits on a line it
 * touched, then the rest. So however many warnings a change adds, its errors are annotated. Fixed findings are not in the code any
 * more, and waived ones are accepted by the repository's owners (they stay in the summary and
 * the report), so neither is annotated.
 */
export function rankForAnnotation(findings: readonly FindingReport[], changedLines: ReadonlyMap<string, ReadonlySet<number>>): Annotation[] {
  const annotations: Array<{ annotation: Annotation; rank: number; index: number }> = []
  for (const finding of findings) {
    if (finding.status === 'fixed' || finding.waived) continue
    const locations = finding.locations.length > 0 ? finding.locations : [finding]
    for (const location of locations) {
      const touched = changedLines.get(location.file)?.has(location.line) === true
      const present = finding.status === 'unchanged'
      annotations.push({
        annotation: {
          finding,
          file: location.file,
          line: location.line,
          column: location.column,
          message: location.message,
          level: present && !touched ? 'notice' : finding.severity
        },
        rank: (present ? 2 : 0) + (touched ? 0 : 1),
        index: annotations.length
      })
    }
  }
  return annotations
    .sort((a, b) => LEVEL_ORDER[a.annotation.level] - LEVEL_ORDER[b.annotation.level] || a.rank - b.rank || a.index - b.index)
    .map(({ annotation }) => annotation)
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
 * GitHub anyway), and returns how many locations were left out.
 */
export function emitAnnotations(ranked: readonly Annotation[], pathPrefix: string, sink: AnnotationSink): number {
  const emitted: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  let skipped = 0
  for (const annotation of ranked) {
    if (emitted[annotation.level] >= LIMITS.annotationsPerType) {
      skipped++
      continue
    }
    emitted[annotation.level]++
    sink[annotation.level](forWorkflowCommand(annotationMessage(annotation)), {
      title: forWorkflowCommand(annotationTitle(annotation)),
      file: forWorkflowCommand(`${pathPrefix}${annotation.file}`),
      startLine: annotation.line,
      startColumn: annotation.column
    })
  }
  return skipped
}

export function annotationTitle({ finding, level }: Pick<Annotation, 'finding' | 'level'>): string {
  const status = finding.status === 'new' ? '(new) ' : finding.status === 'unchanged' && level !== finding.severity ? `(already present ${finding.severity}) ` : ''
  return `${status}${finding.title} [${finding.id}]`
}

export function annotationMessage({ finding, message }: Pick<Annotation, 'finding' | 'message'>): string {
  const others = finding.locations.length - 1
  const elsewhere = others > 0 ? `\nThe same finding applies at ${others} more location${others === 1 ? '' : 's'}; the job summary lists them.` : ''
  return `${message}\nFix: ${finding.remediation}\nSource: ${finding.references[0] ?? ''}${elsewhere}`
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

/** Check run annotations get the workflow command's cleaning: GitHub shows their text as it is, ESC and bidi controls included. */
export function checkRunAnnotations(ranked: readonly Annotation[], pathPrefix: string): CheckRunAnnotation[] {
  return ranked.map((annotation) => ({
    path: `${pathPrefix}${annotation.file}`,
    start_line: Math.max(1, annotation.line),
    end_line: Math.max(1, annotation.line),
    annotation_level: CHECK_LEVEL[annotation.level],
    title: forWorkflowCommand(annotationTitle(annotation)).slice(0, 255),
    message: forWorkflowCommand(annotationMessage(annotation)).slice(0, 64 * 1024)
  }))
}
