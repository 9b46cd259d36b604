/**
 * The kind node-image table shared by the smoke runner (src/smoke/data/kind-node-images.json)
 * and the database rule `kind-node-image-not-built-for-release`. Each kind release tag's own
 * default image (pkg/apis/config/defaults/image.go, pinned by digest) is read from the
 * snapshot; the full image lists come from the release notes, which are not in the
 * repository: they stay as hand-verified rows, and the generator checks that each release's
 * default image is one of them. A release with no checked list has its default image only
 * and `complete: false`, so the rule does not judge it and the smoke runner can still use it.
 */
import type { SourceRef } from './lifecycle.js'
import type { SourceReader } from './snapshot.js'

export const KIND_IMAGE_FILE = 'pkg/apis/config/defaults/image.go'
const IMAGE = /kindest\/node:v(\d+)\.(\d+)\.(\d+)@sha256:[0-9a-f]{64}/

export interface KindRow {
  kind: string
  notes: string
  images: Record<string, string>
  /** Every image the release notes list is in `images` (checked by hand): the rule judges it. */
  complete: boolean
  /** The release's default node image, as its image.go says. */
  default: string
  source: SourceRef
}

export interface KindTable {
  $comment: string
  releases: KindRow[]
}

/** GA kind releases from 0.17 on, newest first. */
export function kindReleases(reader: SourceReader): string[] {
  return reader
    .tags(/^v0\.(1[7-9]|[2-9]\d)\.\d+$/)
    .map((tag) => tag.slice(1))
    .sort((a, b) => compare(b, a))
}

export function kindTable(reader: SourceReader, current: KindTable): KindTable {
  const hand = new Map(current.releases.map((row) => [row.kind, row]))
  const releases = kindReleases(reader).map((kind): KindRow => {
    const tag = `v${kind}`
    const text = reader.read(KIND_IMAGE_FILE, tag)
    const match = text === undefined ? null : IMAGE.exec(text)
    if (!match) throw new Error(`kubernetes-sigs/kind ${tag}: no pinned node image in ${KIND_IMAGE_FILE}`)
    const image = match[0]
    const minor = `${match[1]}.${match[2]}`
    const known = hand.get(kind)
    const checked = known?.complete !== false && known !== undefined
    if (checked && !Object.values(known.images).includes(image)) {
      throw new Error(`kind ${tag}: its default image ${image} is not in the hand-checked list of src/smoke/data/kind-node-images.json`)
    }
    return {
      kind,
      notes: `https://github.com/kubernetes-sigs/kind/releases/tag/${tag}`,
      images: checked ? known.images : { [minor]: image },
      complete: checked,
      default: image,
      source: reader.origin(KIND_IMAGE_FILE, tag)
    }
  })
  return { $comment: current.$comment, releases }
}

/** The rule's table: Kubernetes versions of every node image of each fully listed release. */
export function kindRuleLines(table: KindTable): string[] {
  return table.releases
    .filter((row) => row.complete)
    .map((row) => {
      const versions = Object.values(row.images).map((image) => IMAGE.exec(image)!.slice(1, 4).join('.'))
      return `"${row.kind}": [${versions.map((version) => `"${version}"`).join(', ')}]`
    })
}

function compare(a: string, b: string): number {
  const left = a.split('.').map(Number)
  const right = b.split('.').map(Number)
  return left[0]! - right[0]! || left[1]! - right[1]! || left[2]! - right[2]!
}
