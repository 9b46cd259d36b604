import { ENVIRONMENT_SLOTS, type Declaration, type Environment, type EnvironmentSlot, type Finding, type Severity } from '../model.js'
import { unknownBehind } from './unknown-versions.js'

/**
 * A finding is only as strong as the pairing under it (docs/pairing.md):
 * - one that needed a version that cannot be read cannot be decided: a warning that names the
 *   file and line where the version is written;
 * - one on values that no release deploys is a notice;
 * - one that rests on an inferred pairing (a repository-level host among several) is at most
 *   a warning, and says how to state the pairing.
 */
export function qualifyFinding(finding: Finding, environment: Environment): Finding {
  const unknown = finding.declarations.flatMap((d) => unknownBehind(d) ?? [])
  if (unknown.length > 0) {
    const named = unknown.map((u) => `${u.component === 'kubernetes' ? `${u.role ?? 'host'} Kubernetes` : u.component} version at ${u.file}:${u.line} cannot be read (${u.reason})`)
    return {
      ...finding,
      severity: atMost(finding.severity, 'warning'),
      certainty: 'may-be-affected',
      message: `Cannot be decided: the ${named.join('; the ')}. ${finding.message.replace(MAY_BE, '')} Make the version readable, or run with --strict to fail on unknown versions.`
    }
  }
  if (environment.unpaired) {
    const values = environment.valuesFiles?.[0]
    return {
      ...finding,
      severity: atMost(finding.severity, 'notice'),
      message: `${finding.message} Checked alone: no release references ${values ?? 'these values'} and it lies in no release's directory; name the release that reads it in .kube-compat-gate.yml environments: if it is deployed.`
    }
  }
  const slots = slotsOf(finding.declarations, environment)
  const inferred = (environment.evidence ?? []).filter((e) => e.kind === 'repository-level' && slots.has(e.slot))
  if (inferred.length > 0 && slots.size > 1 && finding.severity === 'error') {
    return {
      ...finding,
      severity: 'warning',
      message: `${finding.message} The pairing was inferred: ${inferred.map((e) => e.text.replace(/; pairing inferred, state it in \.kube-compat-gate\.yml environments:\)$/, ')')).join('; ')}. State which release runs where in .kube-compat-gate.yml environments: to make this an error.`
    }
  }
  return finding
}

function slotsOf(declarations: readonly Declaration[], environment: Environment): Set<EnvironmentSlot> {
  const slots = new Set<EnvironmentSlot>()
  for (const slot of ENVIRONMENT_SLOTS) if (environment[slot] && declarations.includes(environment[slot])) slots.add(slot)
  return slots
}

const MAY_BE = /^May be affected: the declared range includes affected versions\. /

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

function atMost(severity: Severity, cap: Severity): Severity {
  return RANK[severity] < RANK[cap] ? cap : severity
}
