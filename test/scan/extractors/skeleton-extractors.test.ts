import { describe, expect, it } from 'vitest'
import { clusterApiVcluster } from '../../../src/scan/extractors/cluster-api-vcluster.js'
import { helmChart } from '../../../src/scan/extractors/helm-chart.js'
import { kindConfig } from '../../../src/scan/extractors/kind-config.js'
import { vclusterValues } from '../../../src/scan/extractors/vcluster-values.js'
import { extractFrom } from '../../helpers/source.js'

describe('vcluster-values', () => {
  it('reads the k3s image tag of an enabled k3s distro, pointing at the tag itself', () => {
    const text = [
      'controlPlane:', //                 1
      '  distro:', //                     2
      '    k3s:', //                      3
      '      enabled: true', //           4
      '      image:', //                  5
      '        tag: "v1.32.0-k3s1"' //    6: the token starts after the quote, column 15
    ].join('\n')
    const { declarations } = extractFrom(vclusterValues, 'vcluster.yaml', text)
    expect(declarations).toEqual([
      expect.objectContaining({
        component: 'kubernetes',
        role: 'virtual',
        distro: 'k3s',
        version: '1.32.0',
        raw: 'v1.32.0-k3s1',
        file: 'vcluster.yaml',
        line: 6,
        column: 15,
        source: 'vcluster-values'
      })
    ])
  })

  it.each([
    ['k8s.version', 'controlPlane:\n  distro:\n    k8s:\n      version: v1.31.1\n', 4, 16, '1.31.1'],
    ['k8s.image.tag (0.25+)', 'controlPlane:\n  distro:\n    k8s:\n      image:\n        tag: v1.33.4\n', 5, 14, '1.33.4'],
    [
      'k8s.apiServer.image.tag (0.20–0.24) wins over version',
      'controlPlane:\n  distro:\n    k8s:\n      version: v1.30.2\n      apiServer:\n        image:\n          tag: v1.32.1\n',
      7,
      16,
      '1.32.1'
    ],
    [
      'k0s',
      'controlPlane:\n  distro:\n    k0s:\n      enabled: true\n      image:\n        tag: v1.30.2-k0s.0\n',
      6,
      14,
      '1.30.2'
    ]
  ])('%s', (_name, text, line, column, version) => {
    const { declarations } = extractFrom(vclusterValues, 'values.yaml', text)
    expect(declarations.map((d) => [d.version, d.line, d.column])).toEqual([[version, line, column]])
  })

  it('reads values nested under the dependency name of an umbrella chart', () => {
    const text = 'vcluster:\n  controlPlane:\n    distro:\n      k8s:\n        version: "1.32"\n'
    const { declarations } = extractFrom(vclusterValues, 'charts/team/values.yaml', text)
    expect(declarations.map((d) => [d.version, d.line, d.column, d.group])).toEqual([['1.32', 5, 19, 'charts/team']])
  })

  it('ignores the tag of a distro that is not enabled', () => {
    const text = 'controlPlane:\n  distro:\n    k3s:\n      image:\n        tag: v1.29.0-k3s1\n'
    expect(extractFrom(vclusterValues, 'values.yaml', text).declarations).toEqual([])
  })

  it('turns a template value into a diagnostic with file and line', () => {
    const text = 'controlPlane:\n  distro:\n    k8s:\n      version: "{{ .Values.k8s }}"\n'
    const { declarations, diagnostics } = extractFrom(vclusterValues, 'values.yaml', text)
    expect(declarations).toEqual([])
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'values.yaml', line: 4, message: expect.stringContaining('template or variable') })
    ])
  })

  it('reports a YAML syntax error with its line and keeps other documents', () => {
    const text = 'controlPlane: [\n---\ncontrolPlane:\n  distro:\n    k8s:\n      version: v1.31.2\n'
    const { declarations, diagnostics } = extractFrom(vclusterValues, 'values.yaml', text)
    expect(declarations.map((d) => d.version)).toEqual(['1.31.2'])
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ file: 'values.yaml', message: expect.stringContaining('YAML does not parse') })
  })
})

describe('helm-chart', () => {
  const chart = [
    'apiVersion: v2', //                1
    'name: platform', //                2
    'version: 3.2.1', //                3: the chart's own version is not a vcluster version
    'dependencies:', //                 4
    '  - name: ingress-nginx', //       5
    '    version: 4.11.0', //           6
    '  - name: vcluster', //            7
    '    version: 0.22.1', //           8
    '    repository: https://charts.loft.sh'
  ].join('\n')

  it('reads only the vcluster dependency', () => {
    const { declarations } = extractFrom(helmChart, 'platform/Chart.yaml', chart)
    expect(declarations).toEqual([
      expect.objectContaining({ component: 'vcluster', version: '0.22.1', line: 8, column: 14, group: 'platform' })
    ])
  })

  it('keeps a range as a constraint', () => {
    const { declarations } = extractFrom(helmChart, 'Chart.yaml', chart.replace('0.22.1', '"~0.22.0"'))
    expect(declarations).toEqual([expect.objectContaining({ version: '~0.22.0', constraint: true, column: 15 })])
  })

  it('does not read files that are not Chart.yaml', () => {
    expect(extractFrom(helmChart, 'platform/values.yaml', chart).declarations).toEqual([])
  })
})

describe('kind-config', () => {
  const config = [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'nodes:',
    '  - role: control-plane',
    '    image: kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30',
    '  - role: worker',
    '    image: "kindest/node:v1.32.0"'
  ].join('\n')

  it('reads each node image, pointing at the version inside the image reference', () => {
    const { declarations } = extractFrom(kindConfig, 'kind.yaml', config)
    expect(declarations.map((d) => [d.role, d.distro, d.version, d.raw, d.line, d.column])).toEqual([
      ['host', 'kind', '1.31.4', 'v1.31.4', 5, 25],
      ['host', 'kind', '1.32.0', 'v1.32.0', 7, 26]
    ])
  })

  it('reports an unpinned node image', () => {
    const { declarations, diagnostics } = extractFrom(kindConfig, 'kind.yaml', config.replace('kindest/node:v1.32.0', 'kindest/node'))
    expect(declarations).toHaveLength(1)
    expect(diagnostics).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('unpinned') })])
  })

  it('ignores an nginx image and documents that are not kind configs', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.32.0\n# kind.x-k8s.io\n'
    expect(extractFrom(kindConfig, 'pod.yaml', text).declarations).toEqual([])
  })
})

describe('cluster-api-vcluster', () => {
  it.each([
    ['kind: VCluster', 'apiVersion: infrastructure.cluster.x-k8s.io/v1alpha1\nkind: VCluster\n'],
    ['kind: "VCluster"', 'apiVersion: infrastructure.cluster.x-k8s.io/v1alpha1\nkind: "VCluster"\n'],
    ['JSON', '{"apiVersion": "infrastructure.cluster.x-k8s.io/v1alpha1", "kind": "VCluster",\n']
  ])('reads the chart version however the kind is written (%s)', (_name, head) => {
    const json = head.startsWith('{')
    const text = json
      ? `${head} "spec": {"helmRelease": {"chart": {"name": "vcluster", "version": "0.20.4"}}}}\n`
      : `${head}spec:\n  helmRelease:\n    chart:\n      name: vcluster\n      version: 0.20.4\n`
    const versions = extractFrom(clusterApiVcluster, 'capi/vcluster.yaml', text).declarations.map((d) => `${d.component} ${d.version}`)
    expect(versions).toContain('vcluster 0.20.4')
  })
})
