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
      : [target.environment.host, target.environment.virtual].filter((declaration) => judgesDistro(lifecycle, declaration?.distro))
  const matches: Match[] = []
  for (const declaration of candidates) {
    if (!declaration) continue
    const minor = minorOf(parsedOf(declaration))
    if (minor === undefined) continue
    const since = phaseDate(lifecycle, minor)
    if (since === undefined || since.date > context.date) continue
    const when = since.before ? `before ${since.date}` : `on ${since.date}`
    matches.push({
      declarations: [declaration],
      usages: [],
      certainty: 'affected',
      details: [`${lifecycle.of === 'vcluster' ? 'vcluster' : 'Kubernetes'} ${minor} reached ${lifecycle.phase} ${when} (checked on ${context.date}).`],
      anchor: declaration
    })
  }
  return matches
}

/** A Kubernetes declaration without a distro is plain upstream Kubernetes. */
function judgesDistro(lifecycle: Lifecycle, distro: string | undefined): boolean {
  if (lifecycle.distros) return distro !== undefined && lifecycle.distros.includes(distro)
  return distro === undefined || !lifecycle.skipDistros.includes(distro)
}

/** When a minor entered the phase: on a listed date, or `before` a date that bounds it. */
export interface PhaseDate {
  date: string
  before: boolean
}

/**
 * The date a minor entered the phase. A minor older than every listed one ended before the
 * oldest listed minor did (or before `olderEndedBefore`, when a source says so): its date
 * is a bound, never the other minor's own date.
 */
export function phaseDate(lifecycle: Lifecycle, minor: string): PhaseDate | undefined {
  const listed = lifecycle.dates[minor]
  if (listed !== undefined) return { date: listed, before: false }
  if (!lifecycle.olderThanListed) return undefined
  const oldest = oldestListed(lifecycle)
  if (oldest === undefined || compareMinors(minor, oldest) >= 0) return undefined
  return { date: lifecycle.olderEndedBefore ?? lifecycle.dates[oldest]!, before: true }
}

/**
 * The oldest minor a lifecycle lists. Fast path: worked out once per lifecycle instead of sorting
 * its dates on every check of every environment (the advisor alone asks thousands of times).
 */
function oldestListed(lifecycle: Lifecycle): string | undefined {
  if (!OLDEST.has(lifecycle)) OLDEST.set(lifecycle, Object.keys(lifecycle.dates).sort(compareMinors)[0])
  return OLDEST.get(lifecycle)
}

const OLDEST = new WeakMap<Lifecycle, string | undefined>()

function compareMinors(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number) as [number, number]
  const [bMajor, bMinor] = b.split('.').map(Number) as [number, number]
  return aMajor - bMajor || aMinor - bMinor
}
