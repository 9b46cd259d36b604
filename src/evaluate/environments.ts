import type { Declaration, Environment } from '../model.js'

/**
 * Groups declarations into what is deployed together. Declarations of one group (a chart
 * directory, one Application, ...) form one environment. A virtual cluster version with no
 * vcluster version beside it borrows the repository's vcluster version when there is
 * exactly one, and likewise for the host cluster.
 */
export function resolveEnvironments(declarations: readonly Declaration[]): Environment[] {
  const groups = new Map<string, Environment>()
  for (const declaration of declarations) {
    const key = declaration.group ?? `${declaration.file}`
    const environment = groups.get(key) ?? {}
    groups.set(key, environment)
    const slot = slotOf(declaration)
    // The first declaration of a slot wins; later ones (e.g. a second kind node) open their own environment.
    if (slot && environment[slot] === undefined) environment[slot] = declaration
    else if (slot) groups.set(`${key}#${declaration.file}:${declaration.line}`, { [slot]: declaration })
  }

  const environments = [...groups.values()]
  const onlyVcluster = single(declarations.filter((d) => d.component === 'vcluster'))
  const onlyHost = single(declarations.filter((d) => d.component === 'kubernetes' && d.role === 'host'))
  for (const environment of environments) {
    if (environment.virtual && !environment.vcluster && onlyVcluster) environment.vcluster = onlyVcluster
    if ((environment.virtual || environment.vcluster) && !environment.host && onlyHost) environment.host = onlyHost
  }
  // A host-only environment whose host was lent to others adds nothing of its own.
  const lent = new Set(environments.filter((e) => e.vcluster || e.virtual).map((e) => e.host))
  return environments.filter((e) => e.vcluster || e.virtual || !lent.has(e.host))
}

function slotOf(declaration: Declaration): keyof Environment | undefined {
  switch (declaration.component) {
    case 'vcluster':
      return 'vcluster'
    case 'kind':
      return 'kind'
    case 'kubectl':
      return 'kubectl'
    case 'kubernetes':
      return declaration.role === 'virtual' ? 'virtual' : 'host'
    default:
      return undefined
  }
}

/** The one declared version, when every declaration of a component agrees on it. */
function single(declarations: Declaration[]): Declaration | undefined {
  const versions = new Set(declarations.map((d) => d.version))
  return versions.size === 1 ? declarations[0] : undefined
}
