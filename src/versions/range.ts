// Each function from its own module: the package's index loads all fifty of them.
import satisfies from 'semver/functions/satisfies.js'
import intersects from 'semver/ranges/intersects.js'
import minVersion from 'semver/ranges/min-version.js'
import subset from 'semver/ranges/subset.js'
import validRange from 'semver/ranges/valid.js'
import Range from 'semver/classes/range.js'
import type Comparator from 'semver/classes/comparator.js'
import type { ParsedVersion } from './parse.js'

/** How a declared version relates to a range of a database entry. */
export type RangeMatch = 'affected' | 'may-be-affected' | 'not-affected'

/** Pre-releases count: 0.23.0-rc.2 is below 0.23.0-rc.4 and must be matched by `<0.23.0-rc.4`. */
const OPTIONS: { includePrerelease: boolean } = { includePrerelease: true }

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
  // A range nothing resolves to (`<0.0.0`) is in every range and meets none: not affected.
  const pieces = resolvablePieces(asRange(declared)).filter((piece) =>
    // Pre-releases lie densely: a piece whose bounds meet pairwise holds some. Releases do
    // not, and node-semver's interval view cannot tell; minVersion finds one or none.
    piece.releasesOnly ? !noRelease(piece.range) : intersects(piece.range, '*', OPTIONS)
  )
  const releases = releasesOf(range)
  const inside = (piece: Piece): boolean =>
    piece.releasesOnly ? releases !== undefined && subset(piece.range, releases, RELEASES) : subset(piece.range, range, OPTIONS)
  const meets = (piece: Piece): boolean =>
    piece.releasesOnly ? releases !== undefined && intersects(piece.range, releases, RELEASES) : intersects(piece.range, range, OPTIONS)
  if (pieces.length === 0) return 'not-affected'
  if (pieces.every(inside)) return 'affected'
  return pieces.some(meets) ? 'may-be-affected' : 'not-affected'
}

/** Releases only: node-semver's default, where pre-releases match only a comparator naming one. */
const RELEASES: { includePrerelease: boolean } = { includePrerelease: false }

/**
 * A part of a declared range: either the releases it allows (`releasesOnly`, to be compared
 * with pre-releases left out) or the pre-releases of one version it names (compared with
 * pre-releases included).
 */
interface Piece {
  range: string
  releasesOnly: boolean
}

/**
 * What a declared range can resolve to, the way Helm and npm resolve it: releases, plus
 * pre-releases only of a version the range itself names with a pre-release
 * (`>=0.35.3-rc.1 <0.36.0` can pick 0.35.3-rc.2 but never 0.36.0-rc.1). Read with
 * pre-releases included, `<1.32.0` would stand for 1.32.0-rc.1 too and be "may be
 * affected" by an entry for `>=1.32.0-0` although no resolver ever picks that.
 */
function resolvablePieces(declared: string): Piece[] {
  const pieces: Piece[] = []
  for (const set of new Range(declared).set) {
    const releases = releasesOfSet(set)
    if (releases !== undefined) pieces.push({ range: releases, releasesOnly: true })
    const named = new Set(set.flatMap((comparator) => (hasPrerelease(comparator) ? [tupleOf(comparator)] : [])))
    for (const tuple of named) {
      pieces.push({ range: `${set.map(text).join(' ')} >=${tuple}-0 <${tuple}`, releasesOnly: false })
    }
  }
  return pieces
}

/** The releases of a range, written without pre-release comparators (see releasesOfSet); undefined when it has none. */
function releasesOf(range: string): string | undefined {
  if (!RELEASES_OF.has(range)) {
    const sets = new Range(range, OPTIONS).set
      .flatMap((set) => releasesOfSet(set) ?? [])
      .filter((set) => !noRelease(set))
    RELEASES_OF.set(range, sets.length === 0 ? undefined : sets.join(' || '))
  }
  return RELEASES_OF.get(range)
}

const RELEASES_OF = new Map<string, string | undefined>()

/**
 * The same releases, written as half-open intervals between releases so that node-semver,
 * which compares intervals, cannot see a pre-release in them: no release lies between
 * 1.32.0-rc.1 and 1.32.0, so `<1.32.0-rc.1` holds the releases of `<1.32.0`; `>1.32.0`
 * holds those of `>=1.32.1`, and `<=1.32.0` those of `<1.32.1`. `=1.32.0-rc.1` holds
 * none (undefined).
 */
function releasesOfSet(set: readonly Comparator[]): string | undefined {
  const parts: string[] = []
  for (const comparator of set) {
    if (typeof comparator.semver === 'symbol') {
      parts.push('*')
      continue
    }
    const { operator } = comparator
    const release = tupleOf(comparator)
    const next = `${comparator.semver.major}.${comparator.semver.minor}.${comparator.semver.patch + 1}`
    if (hasPrerelease(comparator)) {
      if (operator === '<' || operator === '<=') parts.push(`<${release}`)
      else if (operator === '>' || operator === '>=') parts.push(`>=${release}`)
      else return undefined
    } else if (operator === '>') parts.push(`>=${next}`)
    else if (operator === '<=') parts.push(`<${next}`)
    else parts.push(text(comparator))
  }
  return parts.join(' ')
}

/** No release satisfies a range written with release bounds only (see releasesOfSet). */
function noRelease(range: string): boolean {
  return minVersion(range) === null
}

function hasPrerelease(comparator: Comparator): boolean {
  return typeof comparator.semver !== 'symbol' && comparator.semver.prerelease.length > 0
}

function tupleOf(comparator: Comparator): string {
  const { major, minor, patch } = comparator.semver
  return `${major}.${minor}.${patch}`
}

/** A comparator as range text; the "any version" comparator is written `*`. */
function text(comparator: Comparator): string {
  return comparator.value === '' ? '*' : comparator.value
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
