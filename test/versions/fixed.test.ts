import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../src/versions/parse.js'
import { affectedRangeFromFixes } from '../../src/versions/fixed.js'
import { matchRange } from '../../src/versions/range.js'

function match(raw: string, range: string): string {
  const parsed = parseVersion(raw, { allowRange: true })
  if (!parsed.ok) throw new Error(parsed.reason)
  return matchRange(parsed.value, range)
}

describe('affectedRangeFromFixes: one fix per release branch', () => {
  const range = affectedRangeFromFixes(['0.36.1', '0.35.3', '0.37.0-rc.1'])

  it.each([
    ['0.34.7', 'affected'],
    ['0.35.0', 'affected'],
    ['0.35.2', 'affected'],
    ['0.35.3', 'not-affected'],
    ['0.35.9', 'not-affected'],
    ['0.36.0-rc.2', 'affected'],
    ['0.36.0', 'affected'],
    ['0.36.1', 'not-affected'],
    ['0.36.4', 'not-affected'],
    ['0.37.0-alpha.3', 'affected'],
    ['0.37.0-rc.1', 'not-affected'],
    ['0.37.0', 'not-affected'],
    ['0.40.0', 'not-affected'],
    ['0.19.10', 'affected']
  ])('vcluster %s is %s', (version, expected) => {
    expect(match(version, range)).toBe(expected)
  })

  it('a declared range is may-be-affected when it spans a fix', () => {
    expect(match('>=0.35.0 <0.36.0', range)).toBe('may-be-affected')
    expect(match('0.36.*', range)).toBe('may-be-affected')
    expect(match('>=0.37.0', range)).toBe('not-affected')
  })

  it('one fix is the plain "below the fix" range', () => {
    expect(affectedRangeFromFixes(['0.23.0-rc.4'])).toBe('<0.23.0-rc.4')
  })
})
