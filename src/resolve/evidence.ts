import type { EnvironmentSlot } from '../model.js'
import type { Candidate } from './releases.js'

const WHAT: Record<EnvironmentSlot, string> = {
  vcluster: 'vcluster',
  virtual: 'virtual version',
  host: 'host',
  kind: 'kind',
  kubectl: 'kubectl'
}

/**
 * One line that says why a slot holds what it holds, for every report format:
 * `values from x/values.yaml (referenced by apps/dev.yaml:12)`,
 * `host from infra/eks.tf:3 (repository-level host)`.
 */
export function describeEvidence(slot: EnvironmentSlot, candidate: Candidate): string {
  const at = candidate.declaration ?? candidate.unknown!
  const where = `${at.file}:${at.line}`
  const what = slot === 'virtual' ? (candidate.unknown ? 'virtual version' : 'values') : WHAT[slot]
  const subject = candidate.unknown ? `${what} unknown at ${where} (${candidate.unknown.reason})` : `${what} from ${where}`
  switch (candidate.kind) {
    case 'same-release':
      return `${subject} (the release's own file)`
    case 'explicit-reference':
      return `${subject} (referenced by ${candidate.via ? `${candidate.via.file}:${candidate.via.line}` : 'the release'})`
    case 'same-subtree':
      return `${subject} (same directory or subtree as the release)`
    case 'only-candidate':
      return `${subject} (the repository's only ${WHAT[slot]} for its only release)`
    case 'repository-level':
      return `${subject} (repository-level ${WHAT[slot]}; pairing inferred, state it in .kube-compat-gate.yml environments:)`
    case 'release-default':
      return `virtual version ${candidate.declaration?.raw ?? ''} is the release default of the vcluster at ${where} (nothing in the repository sets it)`
    case 'unpaired':
      return slot === 'vcluster'
        ? `${subject} could read these values (no release references them: checked alone, findings are notices)`
        : `${subject} (no release references it and it lies in no release's directory: checked alone, findings are notices)`
    case 'configuration':
      return `${subject} (${candidate.via ? `${candidate.via.file}:${candidate.via.line}` : '.kube-compat-gate.yml'} environments:)`
    case 'what-if':
      return `${WHAT[slot]} ${candidate.declaration?.version ?? ''} (--target what-if${candidate.declaration && candidate.declaration.file !== '' ? `, in place of ${where}` : ''})`
  }
}
