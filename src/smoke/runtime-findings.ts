/**
 * Turns a smoke result into findings: a matched signature confirms its entry (the static finding
 * when there is one, else a new finding at the declaration that selected the cluster); a failure
 * nothing explains becomes its own finding carrying the evidence excerpt.
 */
import type { Declaration, Finding, Location } from '../model.js'
import type { SmokeResult } from './run-smoke.js'

export const SMOKE_FAILED_ID = 'smoke-workload-not-ready'

export function mergeRuntimeFindings(findings: readonly Finding[], smoke: SmokeResult, declarations: readonly Declaration[]): Finding[] {
  const merged = findings.map((finding) => ({ ...finding }))
  const anchor = anchorOf(declarations)
  const unpredicted: SmokeResult['matches'] = []
  const explained = new Set<string>()
  for (const match of smoke.matches) {
    const evidence = { source: match.source, excerpt: match.excerpt, signature: match.signature }
    const existing = merged.filter((f) => f.id === match.entry.id && f.status !== 'fixed')
    for (const finding of existing) Object.assign(finding, { confirmedAtRuntime: true as const, evidence })
    if (existing.length > 0) explained.add(evidenceKey(match))
    else unpredicted.push(match)
  }
  for (const match of unpredicted) {
    // Two entries can share an error text (vcluster#2472 and #3578 both log the qosClass
    // rejection): a line a predicted finding explains is not blamed on the other one too.
    if (explained.has(evidenceKey(match))) continue
    const evidence = { source: match.source, excerpt: match.excerpt, signature: match.signature }
    merged.push({
      id: match.entry.id,
      severity: match.entry.severity,
      title: match.entry.title,
      message: `The smoke test saw this happen (${match.source}): ${match.excerpt}`,
      remediation: match.entry.remediation,
      references: [...match.entry.references],
      certainty: 'affected',
      ...anchor.location,
      declarations: anchor.declarations,
      confirmedAtRuntime: true,
      evidence
    })
  }
  if (smoke.unexplained) {
    merged.push({
      id: SMOKE_FAILED_ID,
      severity: 'error',
      title: 'The smoke workload did not become Ready, and no database entry explains why',
      message: `${smoke.unexplained.reason}. Evidence: ${smoke.unexplained.excerpt} (all of it in ${smoke.evidenceDir})`,
      remediation: 'Read the evidence directory (Pod statuses, Events, logs). If it is a known incompatibility, add its error text as a signature to the database entry.',
      references: [],
      certainty: 'affected',
      ...anchor.location,
      declarations: anchor.declarations,
      evidence: { source: 'smoke test', excerpt: smoke.unexplained.excerpt }
    })
  }
  return merged
}

function evidenceKey(match: SmokeResult['matches'][number]): string {
  return `${match.source}:${match.line}`
}

/** Runtime findings point at the version that chose what ran: vcluster, else the host Kubernetes. */
function anchorOf(declarations: readonly Declaration[]): { location: Location; declarations: Declaration[] } {
  const primary =
    declarations.find((d) => d.component === 'vcluster' && !d.implied) ??
    declarations.find((d) => d.component === 'kubernetes' && !d.implied) ??
    declarations[0]
  if (!primary) return { location: { file: '.', line: 1, column: 1 }, declarations: [] }
  return { location: { file: primary.file, line: primary.line, column: primary.column }, declarations: [primary] }
}
