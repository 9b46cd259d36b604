import type { Declaration, Usage } from '../model.js'
import { unknownBehind } from './unknown-versions.js'

/** "virtual Kubernetes v1.32.0-k3s1 (k3s)", "vcluster 0.22.1": how messages name a declaration. */
export function describeDeclaration(declaration: Declaration): string {
  const what =
    declaration.component === 'kubernetes'
      ? `${declaration.role === 'virtual' ? 'virtual' : 'host'} Kubernetes`
      : declaration.component
  const unknown = unknownBehind(declaration)
  if (unknown) return `${what} unknown${unknown.raw ? ` ("${unknown.raw}")` : ''}`
  const notes = [
    declaration.distro && declaration.component === 'kubernetes' ? declaration.distro : undefined,
    // Nothing is written at its line: the finding would otherwise point at a version nobody wrote.
    declaration.implied ? "the vcluster release's default, not written in the repository" : undefined
  ].filter((note) => note !== undefined)
  return `${what} ${declaration.raw}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`
}

/** "resizePolicy", "apps/v1beta1 Deployment": how messages name a usage. */
export function describeUsage(usage: Usage): string {
  if (usage.feature === 'api') return `${usage.apiVersion} ${usage.kind}`
  if (usage.feature === 'featureGate') return `feature gate ${usage.name}`
  return usage.feature
}

/** ">=1.27.0-0 <1.32.0-0" reads as "1.27 to 1.31"; other ranges are shown as written. */
export function describeRange(range: string): string {
  const minors = /^>=(\d+)\.(\d+)\.0-0 <(\d+)\.(\d+)\.0-0$/.exec(range)
  if (!minors) return range
  const [, fromMajor, fromMinor, toMajor, toMinor] = minors.map(Number) as [number, number, number, number, number]
  if (fromMajor !== toMajor || toMinor <= fromMinor) return range
  return `${fromMajor}.${fromMinor} to ${toMajor}.${toMinor - 1}`
}
