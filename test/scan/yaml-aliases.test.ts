import { describe, expect, it } from 'vitest'
import { compose } from '../../src/scan/extractors/compose.js'
import { kindConfig } from '../../src/scan/extractors/kind-config.js'
import { vclusterValues } from '../../src/scan/extractors/vcluster-values.js'
import { extractFrom, positions } from '../helpers/source.js'

describe('YAML anchors, aliases and merge keys', () => {
  it('reads a version written through an alias, at the line of its anchor', () => {
    const text = 'k3sTag: &k3s v1.32.0-k3s1\ncontrolPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: *k3s\n'
    expect(positions(extractFrom(vclusterValues, 'values.yaml', text).declarations)).toEqual([
      { component: 'kubernetes', version: '1.32.0', line: 1, column: 14 }
    ])
  })

  it('follows an alias to a whole map of values', () => {
    const text = 'base: &base\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: v1.31.4-k3s1\ncontrolPlane: *base\n'
    expect(positions(extractFrom(vclusterValues, 'values.yaml', text).declarations)).toEqual([
      { component: 'kubernetes', version: '1.31.4', line: 6, column: 14 }
    ])
  })

  it('takes the last anchor of a name before the alias, as YAML does', () => {
    const text = 'a: &v v1.30.0-k3s1\nb: &v v1.31.0-k3s1\ncontrolPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: *v\nc: &v v1.29.0-k3s1\n'
    expect(extractFrom(vclusterValues, 'values.yaml', text).declarations.map((d) => d.version)).toEqual(['1.31.0'])
  })

  it('reads an image a Compose service merges from an extension field', () => {
    const text = 'x-k3s: &k3s\n  image: rancher/k3s:v1.31.2-k3s1\n  privileged: true\nservices:\n  server:\n    <<: *k3s\n    command: server\n'
    expect(positions(extractFrom(compose, 'docker-compose.yaml', text).declarations)).toEqual([
      { component: 'kubernetes', version: '1.31.2', line: 2, column: 22 }
    ])
  })

  it('prefers a key of the map itself over one it merges, and the first of several merges', () => {
    const text =
      'x-a: &a {image: "rancher/k3s:v1.29.0-k3s1"}\nx-b: &b {image: "rancher/k3s:v1.30.0-k3s1"}\nservices:\n  own:\n    <<: *a\n    image: rancher/k3s:v1.31.0-k3s1\n  merged:\n    <<: [*b, *a]\n'
    expect(extractFrom(compose, 'docker-compose.yaml', text).declarations.map((d) => d.version)).toEqual(['1.31.0', '1.30.0'])
  })

  it('stops at a merge that merges itself', () => {
    const text = 'services:\n  server: &s\n    <<: *s\n    command: server\n'
    expect(extractFrom(compose, 'docker-compose.yaml', `# rancher/k3s\n${text}`)).toMatchObject({ declarations: [] })
  })

  it.each([
    ['a list written in place', 'controlPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: [v1.32.0-k3s1]\n', 6, 14, 'a list'],
    ['an alias to a map', 'x: &x {a: 1}\ncontrolPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: *x\n', 1, 7, 'a map']
  ])('names %s where the version belongs instead of taking the distro default: the version is unknown', (_name, text, line, column, kind) => {
    expect(extractFrom(vclusterValues, 'values.yaml', text)).toMatchObject({
      declarations: [],
      diagnostics: [{ file: 'values.yaml', line, column, message: expect.stringMatching(`^virtual cluster Kubernetes version \\(controlPlane.distro.k3s.image.tag\\): ${kind}, not a version`) }],
      unknowns: [{ component: 'kubernetes', role: 'virtual', file: 'values.yaml', line, column }]
    })
  })

  it('reads a billion-laughs alias bomb without expanding it', () => {
    const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i <= 30; i++) laughs.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`)
    const text = `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${laughs.join('\n')}\nnodes: *a30\n`
    // 9^30 nodes if expanded: finishing at all is the assertion; nothing here is an image.
    expect(extractFrom(kindConfig, 'kind.yaml', text)).toMatchObject({ declarations: [], diagnostics: [] })
  })
})
