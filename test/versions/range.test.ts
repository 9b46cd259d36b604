import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../src/versions/parse.js'
import { matchRange } from '../../src/versions/range.js'

function match(raw: string, range: string): string {
  const parsed = parseVersion(raw, { allowRange: true })
  if (!parsed.ok) throw new Error(parsed.reason)
  return matchRange(parsed.value, range)
}

describe('matchRange: the qosClass boundary', () => {
  it.each([
    ['0.22.1', 'affected'],
    ['0.22.6', 'affected'],
    ['0.23.0-alpha.1', 'affected'],
    ['0.23.0-rc.2', 'affected'],
    ['0.23.0-rc.3', 'affected'],
    ['0.23.0-rc.4', 'not-affected'],
    ['0.23.0', 'not-affected'],
    ['v0.24.2', 'not-affected']
  ])('vcluster %s with <0.23.0-rc.4 is %s', (version, expected) => {
    expect(match(version, '<0.23.0-rc.4')).toBe(expected)
  })

  it.each([
    ['v1.32.0-k3s1', 'affected'],
    ['1.32.0+k3s1', 'affected'],
    ['v1.33.1', 'affected'],
    ['1.31.9', 'not-affected'],
    ['v1.31.1-k3s1', 'not-affected'],
    ['1.32', 'affected'],
    ['1.31', 'not-affected'],
    ['>=1.31.0', 'may-be-affected'],
    ['>=1.33.0', 'affected'],
    ['<1.32.0-0', 'not-affected']
  ])('virtual Kubernetes %s with >=1.32.0-0 is %s', (version, expected) => {
    expect(match(version, '>=1.32.0-0')).toBe(expected)
  })

  it('a minor-only declaration does not stand for its pre-releases', () => {
    expect(match('0.23', '<0.23.0-rc.4')).toBe('not-affected')
  })
})
