import { describe, expect, it } from 'vitest'
import { compareVersions, minorOfVersion } from '../../src/versions/boundaries.js'

describe('compareVersions: a total order over what declarations hold', () => {
  it.each([
    ['0.13', '0.13.0', 0],
    ['0.13', '0.13.5', -1],
    ['0.13', '0.12.9', 1],
    ['0.23.0-rc.4', '0.23.0', -1],
    ['1', '0.99.0', 1],
    ['not-a-version', '0.1.0', -1],
    ['0.1.0', 'not-a-version', 1],
    ['x', 'y', -1]
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign)
  })

  it('gives partial versions their minor', () => {
    expect(minorOfVersion('0.13')).toBe('0.13')
    expect(minorOfVersion('v0.21.1')).toBe('0.21')
    expect(minorOfVersion('latest')).toBeUndefined()
  })
})
