import { describe, expect, it } from 'vitest'
import { vclusterValues } from '../../../src/scan/extractors/vcluster-values.js'
import { mayHoldKey } from '../../../src/scan/extractors/written-key.js'

describe('pre-filters that look for a key', () => {
  it.each([
    ['a block key', 'controlPlane:\n  distro: {}\n'],
    ['a space before the colon', 'controlPlane :\n'],
    ['a JSON key', '{"controlPlane": {"distro": {}}}'],
    ['a single-quoted key', "'controlPlane': {}"],
    ['JSON inside a double-quoted string', 'values: "{\\"controlPlane\\": {}}"'],
    ['a flow mapping', 'vcluster: {controlPlane: {distro: {}}}'],
    ['an explicit key', '? controlPlane\n: {}\n'],
    ['the end of the text', 'x: 1\n? controlPlane']
  ])('finds %s', (_name, text) => {
    expect(mayHoldKey('controlPlane')(text)).toBe(true)
  })

  it('does not take a longer word for the key (Cluster API, distroless images)', () => {
    const capi = 'spec:\n  controlPlaneRef:\n    kind: KubeadmControlPlane\n  image: gcr.io/distroless/static\n'
    expect(mayHoldKey('controlPlane')(capi)).toBe(false)
    expect(vclusterValues.mightDeclare(capi)).toBe(false)
  })
})
