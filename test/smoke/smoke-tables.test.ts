/** The pure parts of the smoke test: node image choice, vcluster values per release, signatures. */
import { describe, expect, it } from 'vitest'
import { loadDatabase } from '../../src/db/load.js'
import { KIND_RELEASES, kindNodeImage, parseKindVersion } from '../../src/smoke/kind-images.js'
import { excerptAround, matchSignatures } from '../../src/smoke/signatures.js'
import { pointKubeconfigAt, virtualVersionValues } from '../../src/smoke/vcluster.js'

describe('kind node images', () => {
  it.each([
    ['kind v0.26.0 go1.23.4 linux/amd64', '0.26.0'],
    ['kind v0.20.0 go1.20.4 darwin/arm64', '0.20.0'],
    ['kind version 0.29.0', '0.29.0']
  ])('reads the version from "%s"', (output, version) => {
    expect(parseKindVersion(output)).toBe(version)
  })

  it.each([
    ['0.26.0', '1.32.0', 'kindest/node:v1.32.0@sha256:c48c62eac5da28cdadcf560d1d8616cfa6783b58f0d94cf63ad1bf49600cb027'],
    ['0.26.0', 'v1.31', 'kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30'],
    ['0.30.0', '1.34.0', 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a'],
    ['0.29.0', 'v1.30', 'kindest/node:v1.30.13@sha256:397209b3d947d154f6641f2d0ce8d473732bd91c87d9575ade99049aa33cd648'],
    ['0.27.0', '1.32.2', 'kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f'],
    ['0.25.0', '1.32.0', 'kindest/node:v1.32.0@sha256:2458b423d635d7b01637cac2d6de7e1c1dca1148a2ba2e90975e214ca849e7cb'],
    ['0.20.0', '1.21.14', 'kindest/node:v1.21.14@sha256:8a4e9bb3f415d2bb81629ce33ef9c76ba514c14d707f9797a01e3216376ba093']
  ])('kind v%s runs Kubernetes %s on %s', (kind, kubernetes, image) => {
    expect(kindNodeImage(kind, kubernetes).image).toBe(image)
  })

  it('has a release-notes link and digest-pinned images on every row', () => {
    for (const release of KIND_RELEASES) {
      expect(release.notes).toBe(`https://github.com/kubernetes-sigs/kind/releases/tag/v${release.kind}`)
      for (const [minor, image] of Object.entries(release.images)) expect(image).toMatch(new RegExp(`^kindest/node:v${minor.replace('.', '\\.')}\\.\\d+@sha256:`))
    }
  })
})

describe('virtual Kubernetes version per vcluster chart layout', () => {
  it.each([
    ['0.19.7', 'k3s', ['vcluster.image=rancher/k3s:v1.32.0-k3s1']],
    ['0.22.1', 'k3s', ['controlPlane.distro.k3s.enabled=true', 'controlPlane.distro.k3s.image.tag=v1.32.0-k3s1']],
    ['0.23.0', 'k8s', ['controlPlane.distro.k8s.enabled=true', 'controlPlane.distro.k8s.version=v1.32.0-k3s1']],
    ['0.26.0', 'k8s', ['controlPlane.distro.k8s.enabled=true', 'controlPlane.distro.k8s.image.tag=v1.32.0-k3s1']]
  ])('vcluster %s, distro %s', (vcluster, distro, expected) => {
    expect(virtualVersionValues(vcluster, { raw: 'v1.32.0-k3s1', version: '1.32.0', distro })).toEqual(expected)
  })

  it('points the vcluster kubeconfig at the forwarded port and keeps localhost for TLS', () => {
    const out = pointKubeconfigAt('clusters:\n- name: vc\n  cluster:\n    server: https://localhost:8443\n', 'https://127.0.0.1:40123')
    expect(out).toContain('server: https://127.0.0.1:40123')
    expect(out).toContain('tls-server-name: localhost')
  })
})

describe('signatures', () => {
  it('matches the syncer log line of loft-sh/vcluster#2472 (JSON-escaped quotes) to both qosClass entries', async () => {
    const database = await loadDatabase([])
    const line =
      '2025-02-11 15:41:55\tERROR\tcontroller/controller.go:316\tReconciler error\t{"component": "vcluster", "error": "patch host object: update object status: Pod \\"x\\" is invalid: status.qosClass: Invalid value: \\"Burstable\\": field is immutable"}'
    const ids = (await matchSignatures(database, [{ source: 'vcluster-syncer', text: `noise\n${line}\nmore` }])).map((m) => m.entry.id)
    expect(ids).toEqual(expect.arrayContaining(['vcluster-qosclass-immutable-k8s-1.32', 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready']))
  })

  it('matches the Event text of loft-sh/vcluster#2472 (plain quotes) to the 1.32 entry', async () => {
    const database = await loadDatabase([])
    const message = 'Error syncing: Pod "x" is invalid: status.qosClass: Invalid value: "Burstable": field is immutable'
    const ids = (await matchSignatures(database, [{ source: 'events/x', text: message }])).map((m) => m.entry.id)
    expect(ids).toContain('vcluster-qosclass-immutable-k8s-1.32')
  })

  it('keeps long lines readable around the match', () => {
    const line = `${'a'.repeat(600)}MATCH${'b'.repeat(600)}`
    const excerpt = excerptAround(line, 600)
    expect(excerpt.startsWith('…')).toBe(true)
    expect(excerpt).toContain('MATCH')
    expect(excerpt.length).toBeLessThan(410)
  })
})
