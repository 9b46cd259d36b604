/**
 * A container image reference split the way the distribution spec does:
 * `[registry[:port]/]path[:tag][@digest]`. Only the parts the extractors need.
 */
export interface ImageRef {
  /** Everything before the tag, registry included (`docker.io/rancher/k3s`). */
  repository: string
  tag?: string
  /** Index of the tag in the reference text. */
  tagStart?: number
  digest?: string
}

/** References longer than this are not image names; also bounds the work on hostile input. */
const MAX_REFERENCE_LENGTH = 512

export function parseImageRef(reference: string): ImageRef | undefined {
  if (reference.length > MAX_REFERENCE_LENGTH || /\s/.test(reference.trim())) return undefined
  const text = reference.trim()
  const at = text.indexOf('@')
  const name = at === -1 ? text : text.slice(0, at)
  const digest = at === -1 ? undefined : text.slice(at + 1)
  const lastSlash = name.lastIndexOf('/')
  const colon = name.indexOf(':', lastSlash + 1)
  if (colon === -1) return { repository: name, ...(digest ? { digest } : {}) }
  return {
    repository: name.slice(0, colon),
    tag: name.slice(colon + 1),
    tagStart: reference.indexOf(text) + colon + 1,
    ...(digest ? { digest } : {})
  }
}

/** `kindest/node`, from Docker Hub or a mirror. */
export function isKindNodeImage(repository: string): boolean {
  return repository === 'kindest/node' || repository.endsWith('/kindest/node')
}

export function isK3sImage(repository: string): boolean {
  return repository === 'rancher/k3s' || repository.endsWith('/rancher/k3s')
}

export function isK0sImage(repository: string): boolean {
  return repository === 'k0sproject/k0s' || repository.endsWith('/k0sproject/k0s')
}

/** The API server image of upstream Kubernetes or EKS Distro (vcluster ≤ 0.19 `api.image`). */
export function isApiServerImage(repository: string): boolean {
  return repository.endsWith('/kube-apiserver')
}
