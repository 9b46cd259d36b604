import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import semver from 'semver'
import { parseVersion } from '../../src/versions/parse.js'
import { affectedRangeFromFixes } from '../../src/versions/fixed.js'
import { asRange, matchRange } from '../../src/versions/range.js'
import { fuzzParameters } from '../helpers/fuzz.js'

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

/** Any text at all, and text made of the characters versions and ranges are written with. */
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
const versionish = fc
  .array(fc.constantFrom('0', '1', '9', '00', '01', '32', '.', '-', '+', 'v', 'V', 'x', '*', 'k3s', 'rc', ' ', '>=', '<', '~', '^', '||', ',', '${', '}', '{{', '$('), { maxLength: 14 })
  .map((parts) => parts.join(''))

describe('the version normaliser on any text (properties)', () => {
  it('never throws, and what it accepts has the shape the JSON report promises', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, versionish), fc.boolean(), (raw, allowRange) => {
        const result = parseVersion(raw, { allowRange })
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(0)
          return
        }
        const { kind, version: v } = result.value
        if (kind === 'exact') expect(semver.valid(v)).toBe(v)
        else if (kind === 'minor') expect(v).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)$/)
        else expect(allowRange && semver.validRange(v, { includePrerelease: true })).not.toBeNull()
      }),
      fuzzParameters(2000)
    )
  })

  it('ignores surrounding whitespace', () => {
    fc.assert(
      fc.property(fc.oneof(version, versionish), fc.constantFrom(' ', '\t', '\n', '\r\n'), (raw, space) => {
        expect(parseVersion(`${space}${raw}${space}`, { allowRange: true })).toEqual(parseVersion(raw, { allowRange: true }))
      }),
      fuzzParameters(100)
    )
  })

  it('never accepts a template or a variable, wherever it sits', () => {
    fc.assert(
      fc.property(fc.constantFrom('${K8S}', '{{ .Values.tag }}', '$(VERSION)', '${{ matrix.k8s }}'), version, fc.boolean(), (template, v, before) => {
        expect(parseVersion(before ? `${template}${v}` : `v${v}${template}`, { allowRange: true }).ok).toBe(false)
      }),
      fuzzParameters(100)
    )
  })

  it('rejects a number too large to compare instead of rounding it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 40n }), fc.integer({ min: 0, max: 2 }), (huge, at) => {
        const parts = ['1', '32', '0']
        parts[at] = huge.toString()
        expect(parseVersion(parts.join('.'))).toMatchObject({ ok: false, reason: expect.stringContaining('too large') })
      }),
      fuzzParameters(100)
    )
  })

  it('reads leading zeros as the number they write, so the version can still be compared', () => {
    fc.assert(
      fc.property(core, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), (c, zeros, at) => {
        const parts = c.split('.')
        parts[at] = `${'0'.repeat(zeros)}${parts[at]}`
        expect(parsed(parts.join('.'))).toMatchObject({ kind: 'exact', version: c })
      }),
      fuzzParameters(100)
    )
  })

  it('is a fixed point on every version it produces (minors, distro builds and ranges too)', () => {
    fc.assert(
      fc.property(fc.oneof(version, versionish, core.map((c) => `v${c}-k3s1`), fc.tuple(part, part).map(([a, b]) => `${a}.${b}`)), (raw) => {
        const once = parseVersion(raw, { allowRange: true })
        if (!once.ok) return
        const twice = parseVersion(once.value.version, { allowRange: true })
        expect(twice).toMatchObject({ ok: true, value: { version: once.value.version } })
        // A range may read back as the minor or version it stands for ("0.0," is the range 0.0): no more versions.
        if (twice.ok && twice.value.kind !== once.value.kind) {
          expect(semver.subset(asRange(twice.value), asRange(once.value), { includePrerelease: true })).toBe(true)
        }
      }),
      fuzzParameters(100)
    )
  })
})

/** Ranges as database entries write them: comparators joined by spaces and `||`. */
const comparator = fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '='), version).map(([op, v]) => `${op}${v}`)
const dbRange = fc
  .array(fc.array(comparator, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
  .map((sets) => sets.map((set) => set.join(' ')).join(' || '))
/** Releases of one minor that a person could deploy (patches and pre-releases of it). */
const releasesOf = (major: number, minor: number): string[] => [
  `${major}.${minor}.0-alpha.0`,
  `${major}.${minor}.0-rc.1`,
  ...Array.from({ length: 61 }, (_, patch) => `${major}.${minor}.${patch}`)
]

describe('the range engine on database-shaped ranges (properties)', () => {
  it('an exact version is affected exactly when semver says it satisfies the range', () => {
    fc.assert(
      fc.property(version, dbRange, (v, range) => {
        expect(matchRange(parsed(v), range)).toBe(semver.satisfies(v, range, { includePrerelease: true }) ? 'affected' : 'not-affected')
      }),
      fuzzParameters(500)
    )
  })

  it('a minor is affected only if all its releases are, and not affected only if none is', () => {
    fc.assert(
      fc.property(part, part, dbRange, (major, minor, range) => {
        const result = matchRange(parsed(`${major}.${minor}`), range)
        const inRange = releasesOf(major, minor)
          .filter((r) => !r.includes('-'))
          .map((r) => semver.satisfies(r, range, { includePrerelease: true }))
        if (result === 'affected') expect(inRange.every(Boolean)).toBe(true)
        if (result === 'not-affected') expect(inRange.some(Boolean)).toBe(false)
      }),
      fuzzParameters(500)
    )
  })

  it('a declared range is not affected only if no version it allows is in the entry range', () => {
    fc.assert(
      fc.property(part, part, dbRange, dbRange, (major, minor, declared, range) => {
        const result = matchRange({ kind: 'range', version: declared }, range)
        const both = releasesOf(major, minor).filter(
          (r) => semver.satisfies(r, declared, { includePrerelease: true }) && semver.satisfies(r, range, { includePrerelease: true })
        )
        if (result === 'not-affected') expect(both).toEqual([])
      }),
      fuzzParameters(500)
    )
  })
})
