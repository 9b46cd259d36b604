import type { Component, KubernetesRole } from '../model.js'
import { cannotRead, declareVersion, requestFor, type DeclareWhat } from './declare.js'
import type { Extraction } from './extractors/extractor.js'
import { sliceTraced, textOf, type Traced } from './traced.js'

/**
 * `kubectl=1.29.3-1.1` (apt), `kubeadm-1.29.3` (yum, dnf), `kubelet=~1.29` (apk): a Kubernetes package and its
 * version as written. kubeadm and kubelet are the node's Kubernetes (what `kubeadm init` installs); kubectl the client.
 */
const PACKAGE = /^(kubectl|kubeadm|kubelet)(?:=~?(\S+)|-(\d\S*))?$/

const MEANINGS: Record<string, { component: Component; role?: KubernetesRole }> = {
  kubectl: { component: 'kubectl' },
  kubeadm: { component: 'kubernetes', role: 'host' },
  kubelet: { component: 'kubernetes', role: 'host' }
}

/** Whether a package name (with or without a version) is one of the Kubernetes packages. */
export function isKubernetesPackage(text: string): boolean {
  return PACKAGE.test(text)
}

/**
 * A Kubernetes package installed from a distribution's repository (a shell `apt-get install`, an Ansible `apt:` task):
 * a pinned package (`kubectl=1.29.3-1.1`, `kubeadm=1.29.*`) declares that version; without one the repository's newest
 * is installed, which the report names at its line (never a silent pass).
 */
export function declarePackage(out: Extraction, value: Traced, source: string, group: string, confidence?: 'inferred'): void {
  const text = textOf(value)
  const written = PACKAGE.exec(text)
  const piece = value[0]
  if (!written || !piece) return
  const name = written[1]!
  const meaning = MEANINGS[name]!
  const version = written[2] ?? written[3]
  const what: DeclareWhat = { ...meaning, what: `${name} package version` }
  if (version === undefined) {
    const location = piece.file.locate(piece.offset)
    const reason = 'installed from the package repository without a version (its newest when it is installed)'
    cannotRead(out, { ...meaning, group }, { location, raw: text }, { message: `${name} package: ${reason}; pin one (${name}=X.Y.Z-*)`, reason, cause: 'latest' })
    return
  }
  // The package's revision (`-1.1`, `-00`) and a trailing wildcard say nothing more of the version.
  const start = text.length - version.length
  const core = /^\d+\.\d+(?:\.\d+)?/.exec(version)?.[0] ?? version
  declareVersion(out, sliceTraced(value, start, start + core.length), requestFor(what, source, group, confidence))
}
