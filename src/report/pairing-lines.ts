import type { EnvironmentReport } from './report.js'

/**
 * Why the environment was put together, leaving out what a release declares itself: the
 * values it references, a host in its subtree or at repository level, a release default, an
 * unknown version and where it is written.
 */
export function pairingNote(environment: EnvironmentReport): string {
  return environment.evidence
    .filter((evidence) => evidence.kind !== 'same-release' || environment.unknown?.some((u) => u.file === evidence.file && u.line === evidence.line))
    .map((evidence) => evidence.text)
    .join('; ')
}
