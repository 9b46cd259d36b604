import ignore from 'ignore'
import type { Finding, Waiver } from '../model.js'

export const EXPIRED_WAIVER_ID = 'waiver-expired'

/**
 * Marks findings that a waiver covers as waived (still reported, never failing the gate)
 * and turns every expired waiver into a warning at its line in the configuration file, so
 * that an accepted risk comes back to its owner instead of being forgotten.
 *
 * A waiver applies while the date is before `expires`; `configFile` is the configuration
 * file as the report should name it.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], date: string, configFile: string): Finding[] {
  const active = waivers.filter((waiver) => date < waiver.expires)
  const out = findings.map((finding) => {
    const waiver = active.find((each) => covers(each, finding))
    return waiver ? { ...finding, waived: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires } } : finding
  })
  for (const waiver of waivers) {
    if (active.includes(waiver)) continue
    const covered = findings.filter((finding) => covers(waiver, finding)).length
    out.push({
      id: EXPIRED_WAIVER_ID,
      severity: 'warning',
      title: `Waiver for ${waiver.id} expired on ${waiver.expires}`,
      message:
        `The waiver owned by ${waiver.owner} ("${waiver.reason}") expired on ${waiver.expires}; ` +
        (covered === 1 ? 'the finding it covered is reported again.' : covered > 1 ? `the ${covered} findings it covered are reported again.` : 'it covers no finding any more.'),
      remediation: covered > 0 ? 'Fix the findings, or renew the waiver with a new expiry date and reason.' : 'Remove the waiver.',
      references: [],
      certainty: 'affected',
      file: configFile,
      line: waiver.line,
      column: 1,
      declarations: []
    })
  }
  return out
}

function covers(waiver: Waiver, finding: Finding): boolean {
  if (waiver.id !== finding.id) return false
  if (!waiver.paths) return true
  try {
    return ignore().add(waiver.paths).ignores(finding.file)
  } catch {
    // `ignore` rejects paths outside the scanned tree; a waiver never covers those.
    return false
  }
}
