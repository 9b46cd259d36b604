import type { Diagnostic } from '../model.js'
import type { Report } from './report.js'
import { forWorkflowCommand } from './escape.js'

/** What the scan looks for, said when it found nothing: a pass on a repository it does not understand must not look like a clean one. */
export const LOOKED_FOR =
  'vcluster chart references, images, CLI pins and release downloads; Kubernetes versions of kind, k3s, k0s, managed clusters (EKS, AKS, GKE), Cluster API and cluster tools (flags, variables, Terraform); kind and kubectl pins'

/** Uses of a version that no version could be read for (no version, `latest`, a variable with no value). */
export function unresolvedOf(report: Report): Diagnostic[] {
  return report.diagnostics.filter((diagnostic) => diagnostic.unresolved)
}

/**
 * The lines every report puts near its top: each use whose version could not be read, with
 * where and why, or, when nothing at all was found, what was looked for. `format` writes one
 * place and reason as the renderer's format needs.
 */
export function unresolvedLines(report: Report, format: (where: string, message: string) => string): string[] {
  const unresolved = unresolvedOf(report)
  if (unresolved.length > 0) {
    const heading = `${unresolved.length === 1 ? 'A version is' : `${unresolved.length} versions are`} used but could not be read, so the gate cannot check ${unresolved.length === 1 ? 'it' : 'them'}:`
    return [heading, ...unresolved.map((d) => format(d.line ? `${d.file}:${d.line}` : d.file, d.message))]
  }
  if (report.declarations.length === 0) return [`No versions found in ${report.summary.filesScanned} files. Looked for ${LOOKED_FOR}.`]
  return []
}

/** At most this many annotations for unread versions: GitHub shows ten warnings per step, findings come first. */
const MAX_UNRESOLVED_ANNOTATIONS = 5

/** Workflow annotations for versions that are used but could not be read, at their file and line (the action emits them as warnings). */
export function unresolvedAnnotations(report: Report, pathPrefix: string): Array<{ message: string; properties: { title: string; file: string; startLine?: number } }> {
  return unresolvedOf(report)
    .slice(0, MAX_UNRESOLVED_ANNOTATIONS)
    .map((diagnostic) => ({
      message: forWorkflowCommand(diagnostic.message),
      properties: { title: 'kube-compat-gate: version not read', file: forWorkflowCommand(`${pathPrefix}${diagnostic.file}`), ...(diagnostic.line ? { startLine: diagnostic.line } : {}) }
    }))
}
