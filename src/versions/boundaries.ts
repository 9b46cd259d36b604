// Each function from its own module: the package's index loads all fifty of them.
import compare from 'semver/functions/compare.js'
import parse from 'semver/functions/parse.js'
import Range from 'semver/classes/range.js'

/**
 * The versions where a range starts or stops holding: `<0.23.0-rc.4` gives 0.23.0-rc.4,
 * `>=0.33.0-0` gives 0.33.0 (the `-0` only makes pre-releases count). These are the release
 * boundaries the database knows of, and so the versions worth proposing.
 */
export function rangeBoundaries(range: string): string[] {
  const out: string[] = []
  try {
    for (const set of new Range(range, { includePrerelease: true }).set) {
      for (const comparator of set) {
        const version = comparator.semver.version
        if (version === '' || comparator.operator === '') continue
        out.push(version.endsWith('-0') ? version.slice(0, -2) : version)
      }
    }
  } catch {
    return []
  }
  return out
}

/**
 * Semver order (pre-releases below their release). A declared version may be partial (an image
 * tag `v0.13` is vcluster 0.13): it sorts as its first release, `0.13.0`. A text that is no
 * version at all sorts below every version rather than throwing (the whole report was lost to
 * one `loftsh/vcluster:v0.13` image).
 */
export function compareVersions(a: string, b: string): number {
  const left = parse(asRelease(a))
  const right = parse(asRelease(b))
  if (left && right) return compare(left, right)
  return left ? 1 : right ? -1 : a < b ? -1 : a > b ? 1 : 0
}

export function isPrerelease(version: string): boolean {
  return (parse(version)?.prerelease.length ?? 0) > 0
}

/** `MAJOR.MINOR` of a version, partial ones (`0.13`) included. */
export function minorOfVersion(version: string): string | undefined {
  const parsed = parse(asRelease(version))
  return parsed ? `${parsed.major}.${parsed.minor}` : undefined
}

/** `0.13` as `0.13.0`, `1` as `1.0.0`; anything else as it is. */
function asRelease(version: string): string {
  if (!/^\d+(?:\.\d+)?$/.test(version)) return version
  return version.includes('.') ? `${version}.0` : `${version}.0.0`
}

export function isVersion(text: string): boolean {
  return parse(text) !== null
}
