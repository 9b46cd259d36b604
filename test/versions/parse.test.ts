import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../src/versions/parse.js'

describe('parseVersion', () => {
  it.each([
    ['v1.32.0-k3s1', { kind: 'exact', version: '1.32.0', distro: 'k3s', build: 'k3s1' }],
    ['1.32.0+k3s1', { kind: 'exact', version: '1.32.0', distro: 'k3s', build: 'k3s1' }],
    ['v1.30.2-k0s.0', { kind: 'exact', version: '1.30.2', distro: 'k0s', build: 'k0s.0' }],
    ['v1.31.6-eks-bc803b4', { kind: 'exact', version: '1.31.6', distro: 'eks', build: 'eks-bc803b4' }],
    ['v1.30.2-rc3-k3s1', { kind: 'exact', version: '1.30.2', distro: 'k3s', build: 'rc3-k3s1' }],
    ['v1.30.2-rc1+rke2r1', { kind: 'exact', version: '1.30.2', distro: 'rke2', build: 'rc1+rke2r1' }],
    ['1.20.11-do.0', { kind: 'exact', version: '1.20.11', distro: 'doks', build: 'do.0' }],
    ['v1.31.9', { kind: 'exact', version: '1.31.9' }],
    ['1.31.0-rc.1', { kind: 'exact', version: '1.31.0-rc.1' }],
    ['0.23.0-rc3-k3s1.5', { kind: 'exact', version: '0.23.0-rc3-k3s1.5' }],
    ['1.31.9', { kind: 'exact', version: '1.31.9' }],
    ['0.23.0-rc.2', { kind: 'exact', version: '0.23.0-rc.2' }],
    ['0.23.0-rc.4', { kind: 'exact', version: '0.23.0-rc.4' }],
    ['0.23.0', { kind: 'exact', version: '0.23.0' }],
    ['1.2.3+build.5', { kind: 'exact', version: '1.2.3' }],
    ['1.32', { kind: 'minor', version: '1.32' }],
    ['v1.30', { kind: 'minor', version: '1.30' }]
  ])('%s → %o', (raw, expected) => {
    expect(parseVersion(raw)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['', 'empty'],
    ['latest', 'not pinned'],
    ['${K8S_VERSION}', 'template or variable'],
    ['{{ .Values.tag }}', 'template or variable'],
    ['v', 'not a version'],
    ['1', 'not a version'],
    ['1.32.x', 'not a version'],
    ['99999999999999999999.0.0', 'too large']
  ])('rejects %j (%s)', (raw, reason) => {
    const result = parseVersion(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toContain(reason)
  })

  it.each([
    ['>=1.28.0-0', '>=1.28.0-0'],
    ['0.19.*', '0.19.*'],
    ['~0.22.0', '~0.22.0'],
    ['>= 0.22.0, < 0.23.0', '>= 0.22.0 < 0.23.0']
  ])('accepts the range %j where ranges are allowed', (raw, range) => {
    expect(parseVersion(raw, { allowRange: true })).toEqual({ ok: true, value: { kind: 'range', version: range } })
    expect(parseVersion(raw).ok).toBe(false)
  })

  it.each([
    ['v1.032.0', { kind: 'exact', version: '1.32.0' }],
    ['v1.32.01-k3s1', { kind: 'exact', version: '1.32.1', distro: 'k3s', build: 'k3s1' }],
    ['0.23.0-rc.04', { kind: 'exact', version: '0.23.0-rc.4' }]
  ])('reads leading zeros in %j as the number, so ranges still match it', (raw, expected) => {
    expect(parseVersion(raw)).toEqual({ ok: true, value: expected })
  })

  it.each([',', ' , , '])('does not read %j as the range of every version', (raw) => {
    expect(parseVersion(raw, { allowRange: true }).ok).toBe(false)
  })
})
