import type { Declaration, Usage } from '../model.js'

/** "virtual Kubernetes v1.32.0-k3s1 (k3s)", "vcluster 0.22.1": how messages name a declaration. */
export function describeDeclaration(declaration: Declaration): string {
  const what =
    declaration.component === 'kubernetes'
      ? `${declaration.role === 'virtual' ? 'virtual' : 'host'} Kubernetes`
      : declaration.component
  const distro = declaration.distro && declaration.component === 'kubernetes' ? ` (${declaration.distro})` : ''
  return `${what} ${declaration.raw}${distro}`
}

/** "resizePolicy", "apps/v1beta1 Deployment": how messages name a usage. */
export function describeUsage(usage: Usage): string {
  if (usage.feature === 'api') return `${usage.apiVersion} ${usage.kind}`
  if (usage.feature === 'featureGate') return `feature gate ${usage.name}`
  return usage.feature
}
