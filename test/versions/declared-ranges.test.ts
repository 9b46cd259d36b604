import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import semver from 'semver'
import { parseVersion } from '../../src/versions/parse.js'
import { matchRange } from '../../src/versions/range.js'
import { fuzzParameters } from '../helpers/fuzz.js'

function match(raw: string, range: string): string {
  const parsed = parseVersion(raw, { allowRange: true })
  if (!parsed.ok) throw new Error(parsed.reason)
  return matchRange(parsed.value, range)
}

/**
 * A declared range (a chart dependency, `kubeVersion`) stands for what Helm or npm can
 * resolve it to: releases, and pre-releases only of a version the range names with one.
 */
describe('matchRange: declared ranges resolve the way Helm and npm resolve them', () => {
  const fixed = '<0.35.3-rc.1 || >=0.36.0-0 <0.36.1-rc.1 || >=0.37.0-0 <0.37.0-alpha.1'
  it.each([
    // `<1.32.0` can never resolve to 1.32.0-rc.1, so it is outside `>=1.32.0-0`.
    ['<1.32.0', '>=1.32.0-0', 'not-affected'],
    ['<=1.31.14', '>=1.32.0-0', 'not-affected'],
    ['1.31.x', '>=1.32.0-0', 'not-affected'],
    ['~1.31.0', '>=1.32.0-0', 'not-affected'],
    ['^1.31.0', '>=1.32.0-0', 'may-be-affected'],
    ['>=1.32.0', '>=1.32.0-0', 'affected'],
    ['>=1.32.0-rc.1', '>=1.32.0-0', 'affected'],
    ['>=1.31.0 <1.32.0', '>=1.32.0-0', 'not-affected'],
    // 0.35.3 and its later 0.35 patches are fixed; 0.36.0-rc.1 is not a resolution of `<0.36.0`.
    ['>=0.35.3 <0.36.0', fixed, 'not-affected'],
    ['~0.35.3', fixed, 'not-affected'],
    ['~0.35.2', fixed, 'may-be-affected'],
    ['>=0.35.3-rc.1 <0.36.0', fixed, 'not-affected'],
    ['>=0.35.3-rc.0 <0.36.0', fixed, 'may-be-affected'],
    ['0.35.3-rc.0 - 0.35.3-rc.0', fixed, 'affected'],
    ['^0.36.0', fixed, 'may-be-affected'],
    ['~0.36.1', fixed, 'not-affected'],
    ['>=0.37.0-alpha.0 <0.37.0-alpha.1', fixed, 'affected'],
    ['>=0.37.0-alpha.1', fixed, 'not-affected'],
    ['<0.23.0', '<0.23.0-rc.3', 'affected'],
    ['<0.23.0-rc.3', '<0.23.0-rc.3', 'affected'],
    ['<=0.23.0-rc.3', '<0.23.0-rc.3', 'may-be-affected'],
    ['>=0.23.0-rc.3 <0.24.0', '<0.23.0-rc.3', 'not-affected'],
    ['>=0.23.0', '<0.23.0-rc.3', 'not-affected'],
    ['0.22.x || 0.23.x', '<0.23.0-rc.3', 'may-be-affected']
  ])('%s against %s is %s', (declared, range, expected) => {
    expect(match(declared, range)).toBe(expected)
  })

  it('a minor stands for its releases only', () => {
    expect(match('1.31', '>=1.32.0-0')).toBe('not-affected')
    expect(match('0.23', '<0.23.0-rc.3')).toBe('not-affected')
    expect(match('0.22', '<0.23.0-rc.3')).toBe('affected')
    expect(match('0.35', fixed)).toBe('may-be-affected')
  })
})

/** Every version the generated ranges below can tell apart: releases and pre-releases around each bound. */
const TAGS = ['', '-0', '-alpha.0', '-alpha.1', '-next.internal.7', '-rc.1', '-rc.2', '-rc1']
const versionsUpTo = (top: number): string[] =>
  Array.from({ length: top + 1 }, (_, major) => major).flatMap((major) =>
    Array.from({ length: top + 1 }, (_, minor) => minor).flatMap((minor) =>
      Array.from({ length: top + 1 }, (_, patch) => patch).flatMap((patch) => TAGS.map((tag) => `${major}.${minor}.${patch}${tag}`))
    )
  )
/** Bounds come from 0–1.2.2; the versions counted reach one step further, past what `^` and `~` add. */
const UNIVERSE = versionsUpTo(3)
const bound = fc.constantFrom(...versionsUpTo(2).filter((v) => !v.startsWith('2.')))
const comparator = fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '', '^', '~'), bound).map(([op, v]) => `${op}${v}`)
const rangeOf = (parts: fc.Arbitrary<string>) =>
  fc
    .array(fc.array(parts, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })
    .map((sets) => sets.map((set) => set.join(' ')).join(' || '))
const entryComparator = fc.tuple(fc.constantFrom('<', '<=', '>', '>='), bound).map(([op, v]) => `${op}${v}`)

describe('matchRange on declared ranges agrees with counting versions (properties)', () => {
  it('affected: every resolvable version is in the entry range; not affected: none is', () => {
    fc.assert(
      fc.property(rangeOf(comparator), rangeOf(entryComparator), (declared, entry) => {
        const resolvable = UNIVERSE.filter((v) => semver.satisfies(v, declared))
        const inEntry = resolvable.filter((v) => semver.satisfies(v, entry, { includePrerelease: true }))
        const result = matchRange({ kind: 'range', version: declared }, entry)
        if (result === 'affected') expect(inEntry).toEqual(resolvable)
        if (result === 'not-affected') expect(inEntry).toEqual([])
      }),
      fuzzParameters(300)
    )
  })

  // Between two pre-releases lie infinitely many others, so only ranges of releases can be
  // counted out for "may be affected": a release in the entry range and one outside it.
  it('a range of releases is "may be affected" only when it has releases inside and outside', () => {
    const release = fc.constantFrom(...versionsUpTo(2).filter((v) => !v.includes('-') && !v.startsWith('2.')))
    const releaseComparator = fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '', '^', '~'), release).map(([op, v]) => `${op}${v}`)
    fc.assert(
      fc.property(rangeOf(releaseComparator), rangeOf(entryComparator), (declared, entry) => {
        const resolvable = UNIVERSE.filter((v) => semver.satisfies(v, declared))
        const inEntry = resolvable.filter((v) => semver.satisfies(v, entry, { includePrerelease: true }))
        const result = matchRange({ kind: 'range', version: declared }, entry)
        if (result === 'may-be-affected') expect(inEntry.length).toBeGreaterThan(0)
        if (inEntry.length === 0) expect(result).toBe('not-affected')
      }),
      fuzzParameters(300)
    )
  })
})
