import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import semver from 'semver'
import { parseVersion } from '../../src/versions/parse.js'
import { affectedRangeFromFixes } from '../../src/versions/fixed.js'
import { asRange, matchRange } from '../../src/versions/range.js'

const part = fc.integer({ min: 0, max: 60 })
const core = fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`)
const prerelease = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 9 }).map((n) => `-rc.${n}`),
  fc.integer({ min: 0, max: 9 }).map((n) => `-alpha.${n}`),
  fc.integer({ min: 0, max: 9 }).map((n) => `-beta.${n}`)
)
const version = fc.tuple(core, prerelease).map(([c, p]) => `${c}${p}`)
const distroSuffix = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((n) => [`-k3s${n}`, 'k3s'] as const),
  fc.integer({ min: 1, max: 3 }).map((n) => [`+k3s${n}`, 'k3s'] as const),
  fc.integer({ min: 0, max: 2 }).map((n) => [`-k0s.${n}`, 'k0s'] as const),
  fc.constant(['-eks-bc803b4', 'eks'] as const)
)

function parsed(raw: string) {
  const result = parseVersion(raw, { allowRange: true })
  if (!result.ok) throw new Error(result.reason)
  return result.value
}

describe('the version normaliser (properties)', () => {
  it('drops a leading v and keeps the version otherwise', () => {
    fc.assert(
      fc.property(version, fc.boolean(), (v, prefixed) => {
        const value = parsed(prefixed ? `v${v}` : v)
        expect(value).toMatchObject({ kind: 'exact', version: v })
      })
    )
  })

  it('splits a distribution build off instead of reading it as a pre-release', () => {
    fc.assert(
      fc.property(core, distroSuffix, (c, [suffix, distro]) => {
        expect(parsed(`v${c}${suffix}`)).toMatchObject({ kind: 'exact', version: c, distro })
      })
    )
  })

  it('is idempotent: normalising a normalised version changes nothing', () => {
    fc.assert(
      fc.property(version, (v) => {
        const once = parsed(`v${v}+build.7`)
        expect(parsed(once.version)).toMatchObject({ version: once.version })
      })
    )
  })
})

describe('ordering and ranges (properties)', () => {
  it('a version is below exactly the versions semver orders after it, pre-releases included', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(matchRange(parsed(a), `<${b}`) === 'affected').toBe(semver.lt(a, b))
      })
    )
  })

  it('a distro build of X.Y.Z is never below X.Y.Z', () => {
    fc.assert(
      fc.property(core, distroSuffix, (c, [suffix]) => {
        expect(matchRange(parsed(`v${c}${suffix}`), `>=${c}`)).toBe('affected')
      })
    )
  })

  it('a minor-only declaration is affected by a range exactly when all its releases are', () => {
    fc.assert(
      fc.property(part, part, version, (major, minor, bound) => {
        const declared = parsed(`${major}.${minor}`)
        const result = matchRange(declared, `<${bound}`)
        const first = `${major}.${minor}.0`
        const allBelow = semver.subset(asRange(declared), `<${bound}`, { includePrerelease: true })
        if (allBelow) expect(result).toBe('affected')
        else if (semver.lt(first, bound)) expect(result).toBe('may-be-affected')
        else expect(result).toBe('not-affected')
      })
    )
  })

  it('fixes per branch: fixed from each fix on its branch, affected below it and on branches without a fix', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), part, part, part, (minors, patch, vMinor, vPatch) => {
        const fixes = minors.map((m) => `0.${m}.${patch}`)
        const v = `0.${vMinor}.${vPatch}`
        const sameBranch = fixes.find((f) => semver.minor(f) === vMinor)
        const last = fixes.reduce((a, b) => (semver.gt(a, b) ? a : b))
        const fixed = sameBranch ? semver.gte(v, sameBranch) : semver.gte(v, last)
        expect(matchRange(parsed(v), affectedRangeFromFixes(fixes))).toBe(fixed ? 'not-affected' : 'affected')
      })
    )
  })
})
