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

/** Semver order (pre-releases below their release). */
export function compareVersions(a: string, b: string): number {
  return compare(a, b)
}

export function isPrerelease(version: string): boolean {
  return (parse(version)?.prerelease.length ?? 0) > 0
}

/** `MAJOR.MINOR` of a version. */
export function minorOfVersion(version: string): string | undefined {
  const parsed = parse(version)
  return parsed ? `${parsed.major}.${parsed.minor}` : undefined
}

export function isVersion(text: string): boolean {
  return parse(text) !== null
}
