/**
 * Which kind node image to run for a Kubernetes version: the image, pinned by digest, that the
 * installed kind release lists for that minor. kind only guarantees images built for the release
 * in use, so a tag alone is not enough (see the release notes linked from the data file).
 */
import { z } from 'zod'
import table from './data/kind-node-images.json' with { type: 'json' }
import { UsageError } from '../errors.js'

export interface KindRelease {
  kind: string
  notes: string
  images: Record<string, string>
  complete: boolean
}

const KindTable = z.object({
  releases: z.array(
    z.object({
      kind: z.string(),
      notes: z.url(),
      images: z.record(z.string(), z.string().regex(/^kindest\/node:v[\d.]+@sha256:[0-9a-f]{64}$/)),
      /** False: only the release's default image is known (no hand-checked list of its release notes). */
      complete: z.boolean().default(true)
    })
  )
})

export const KIND_RELEASES: readonly KindRelease[] = KindTable.parse(table).releases

export interface NodeImageChoice {
  image: string
  kindRelease: string
  notes: string
}

/** `kind v0.29.0 go1.24.2 linux/amd64` → `0.29.0`. */
export function parseKindVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+)\b/.exec(output)?.[1]
}

/** `1.32.0`, `v1.32`, `1.32.0-k3s1` → `1.32`. */
export function minorOf(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim())
  return match ? `${match[1]}.${match[2]}` : undefined
}

/**
 * The node image for `kubernetesVersion` under `kindVersion`. Throws a UsageError naming the
 * versions this kind release supports (or the kind releases we know) when there is none.
 */
export function kindNodeImage(kindVersion: string, kubernetesVersion: string): NodeImageChoice {
  const release = KIND_RELEASES.find((r) => r.kind === kindVersion)
  if (!release) {
    const known = KIND_RELEASES.map((r) => `v${r.kind}`).join(', ')
    throw new UsageError(`kind v${kindVersion} is not in the node image table (known: ${known}); install one of those or pass --kubeconfig`)
  }
  const minor = minorOf(kubernetesVersion)
  const image = minor ? release.images[minor] : undefined
  if (!image) {
    const supported = Object.keys(release.images).join(', ')
    throw new UsageError(
      `kind v${kindVersion} has no node image for Kubernetes ${kubernetesVersion} (it supports ${supported}); see ${release.notes}`
    )
  }
  return { image, kindRelease: release.kind, notes: release.notes }
}
