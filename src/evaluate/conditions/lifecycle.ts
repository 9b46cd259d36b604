import type { Lifecycle } from '../../db/schema.js'
import { parsedOf } from '../../versions/declared.js'
import { minorOf } from '../../versions/range.js'
import type { Match } from '../match.js'
import type { ConditionCheck } from './condition.js'

/**
 * A declared minor past a phase of its lifecycle on the evaluation date (`--date`, today
 * by default). Each Kubernetes declaration (host and virtual) is checked on its own.
 */
export const lifecycleCheck: ConditionCheck<Lifecycle> = (lifecycle, target, _entry, context) => {
  const candidates =
    lifecycle.of === 'vcluster'
      ? [target.environment.vcluster]
      : [target.environment.host, target.environment.virtual].filter(
          (declaration) => !declaration?.distro || !lifecycle.skipDistros.includes(declaration.distro)
        )
  const matches: Match[] = []
  for (const declaration of candidates) {
    if (!declaration) continue
    const minor = minorOf(parsedOf(declaration))
    if (minor === undefined) continue
    const since = phaseDate(lifecycle, minor)
    if (since === undefined || since > context.date) continue
    matches.push({
      declarations: [declaration],
      usages: [],
      certainty: 'affected',
      details: [`${lifecycle.of === 'vcluster' ? 'vcluster' : 'Kubernetes'} ${minor} reached ${lifecycle.phase} on ${since} (checked on ${context.date}).`],
      anchor: declaration
    })
  }
  return matches
}

/** The date a minor entered the phase; a minor older than every listed one takes the oldest listed minor's date. */
export function phaseDate(lifecycle: Lifecycle, minor: string): string | undefined {
  const listed = lifecycle.dates[minor]
  if (listed !== undefined) return listed
  if (!lifecycle.olderThanListed) return undefined
  const minors = Object.keys(lifecycle.dates)
  const oldest = minors.sort(compareMinors)[0]
  if (oldest === undefined || compareMinors(minor, oldest) >= 0) return undefined
  return lifecycle.dates[oldest]
}

function compareMinors(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number) as [number, number]
  const [bMajor, bMinor] = b.split('.').map(Number) as [number, number]
  return aMajor - bMajor || aMinor - bMinor
}
