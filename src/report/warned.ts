import type { Report } from './report.js'
import { forWorkflowCommand } from './escape.js'

/** At most this many: GitHub shows ten warnings per step, and findings come first. */
const MAX_WARNED_ANNOTATIONS = 5

/**
 * Workflow annotations for diagnostics marked `warning` (what could change the verdict but was
 * not read as written), at their file and line; the action emits them as warnings.
 */
export function warnedAnnotations(report: Report, pathPrefix: string): Array<{ message: string; properties: { title: string; file: string; startLine?: number } }> {
  return report.diagnostics
    .filter((diagnostic) => diagnostic.warning)
    .slice(0, MAX_WARNED_ANNOTATIONS)
    .map((diagnostic) => ({
      message: forWorkflowCommand(diagnostic.message),
      properties: { title: 'kube-compat-gate: not read as written', file: forWorkflowCommand(`${pathPrefix}${diagnostic.file}`), ...(diagnostic.line ? { startLine: diagnostic.line } : {}) }
    }))
}
