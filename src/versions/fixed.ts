// Each function from its own module: the package's index loads all fifty of them.
import compareVersions from 'semver/functions/compare.js'
import parseVersion from 'semver/functions/parse.js'

/**
 * The versions still affected when a problem was fixed separately on several release
 * branches. `["0.35.3", "0.36.1", "0.37.0-rc.1"]` means: on 0.35 from 0.35.3 on, on 0.36
 * from 0.36.1 on, and everything from 0.37.0-rc.1 on is fixed; every other version below
 * the last fix (0.34.x, 0.35.0–0.35.2, 0.36.0, 0.37.0-alpha.x) is affected. Branches
 * without a fix of their own (0.34) stay affected, as backports are named explicitly.
 *
 * Returns a node-semver range (evaluated with pre-releases included).
 */
export function affectedRangeFromFixes(fixes: readonly string[]): string {
  // An entry's fixes are checked for every environment: worked out once per list.
  let range = FROM_FIXES.get(fixes)
  if (range === undefined) {
    range = rangeFromFixes(fixes)
    FROM_FIXES.set(fixes, range)
  }
  return range
}

const FROM_FIXES = new WeakMap<readonly string[], string>()

function rangeFromFixes(fixes: readonly string[]): string {
  const sorted = [...fixes].sort(compareVersions)
  const parts: string[] = []
  let from: string | undefined
  for (const fix of sorted) {
    parts.push(from === undefined ? `<${fix}` : `>=${from} <${fix}`)
    from = `${nextMinor(fix)}-0`
  }
  return parts.join(' || ')
}

/** The first version of the next minor: 0.35.3 → 0.36.0, 0.37.0-rc.1 → 0.38.0. */
function nextMinor(version: string): string {
  const parsed = parseVersion(version)
  if (!parsed) throw new Error(`not a version: ${version}`)
  return `${parsed.major}.${parsed.minor + 1}.0`
}
