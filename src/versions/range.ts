// Each function from its own module: the package's index loads all fifty of them.
import satisfies from 'semver/functions/satisfies.js'
import intersects from 'semver/ranges/intersects.js'
import subset from 'semver/ranges/subset.js'
import validRange from 'semver/ranges/valid.js'
import type { ParsedVersion } from './parse.js'

/** How a declared version relates to a range of a database entry. */
export type RangeMatch = 'affected' | 'may-be-affected' | 'not-affected'

/** Pre-releases count: 0.23.0-rc.2 is below 0.23.0-rc.4 and must be matched by `<0.23.0-rc.4`. */
const OPTIONS = { includePrerelease: true } as const

export function isValidRange(range: string): boolean {
  try {
    return validRange(range, OPTIONS) !== null
  } catch {
    return false
  }
}

/**
 * An exact version is in or out. A minor-only declaration ("1.32") stands for every
 * release of that minor; a range declaration stands for every version it allows. Those
 * are `affected` when all of it is inside the entry's range and `may-be-affected` when
 * only part is.
 */
export function matchRange(declared: ParsedVersion, range: string): RangeMatch {
  // Every environment is checked against every entry: the same few versions meet the same
  // few ranges thousands of times, and semver parses the range anew on each call.
  const key = `${declared.kind} ${declared.version} ${range}`
  let match = MATCHES.get(key)
  if (match === undefined) {
    if (MATCHES.size >= MAX_REMEMBERED) MATCHES.clear()
    match = computeMatch(declared, range)
    MATCHES.set(key, match)
  }
  return match
}

const MATCHES = new Map<string, RangeMatch>()
const MAX_REMEMBERED = 10_000

function computeMatch(declared: ParsedVersion, range: string): RangeMatch {
  if (declared.kind === 'exact') {
    return satisfies(declared.version, range, OPTIONS) ? 'affected' : 'not-affected'
  }
  const declaredRange = asRange(declared)
  if (subset(declaredRange, range, OPTIONS)) return 'affected'
  return intersects(declaredRange, range, OPTIONS) ? 'may-be-affected' : 'not-affected'
}

/** The range a declaration stands for; a minor means its releases, not its pre-releases. */
export function asRange(declared: ParsedVersion): string {
  if (declared.kind === 'minor') {
    const [major, minor] = declared.version.split('.').map(Number) as [number, number]
    return `>=${major}.${minor}.0 <${major}.${minor + 1}.0-0`
  }
  return declared.version
}

/** The declared version as a "MAJOR.MINOR" string, when it pins one minor. */
export function minorOf(declared: ParsedVersion): string | undefined {
  if (declared.kind === 'range') return undefined
  const [major, minor] = declared.version.split('.')
  return `${major}.${minor}`
}
