import type { Declaration, GroupLink } from '../model.js'

export interface Membership {
  /** Each group's own declarations plus what the files and groups it links to declare. */
  members: Map<string, Declaration[]>
  /** Declarations that a release took through a link: they belong to it, not to their own group. */
  linked: Set<Declaration>
  /**
   * Of those, the ones that a release took only by naming their file (`-f values.yaml`,
   * `valueFiles:`): naming a file adds a pairing but does not move the file out of its folder,
   * whose release (a chart applies its own values.yaml) still deploys it.
   */
  namedOnly: Set<Declaration>
}

export function groupMembership(declarations: readonly Declaration[], links: readonly GroupLink[]): Membership {
  const byGroup = new Map<string, Declaration[]>()
  const byFile = new Map<string, Declaration[]>()
  for (const declaration of declarations) {
    const group = declaration.group ?? declaration.file
    pushTo(byGroup, group, declaration)
    pushTo(byFile, declaration.file, declaration)
  }
  const members = new Map<string, Declaration[]>()
  for (const [group, own] of byGroup) members.set(group, [...own])
  const linked = new Set<Declaration>()
  const takenWhole = new Set<Declaration>()
  const named = new Set<Declaration>()
  for (const link of links) {
    const taken = [
      ...(link.file !== undefined ? (byFile.get(link.file) ?? []) : []),
      ...(link.memberGroup !== undefined ? (byGroup.get(link.memberGroup) ?? []) : [])
    ].filter((d) => (d.group ?? d.file) !== link.group)
    const list = members.get(link.group) ?? []
    for (const declaration of taken) {
      if (!list.includes(declaration)) list.push(declaration)
      linked.add(declaration)
      if (link.memberGroup !== undefined && (declaration.group ?? declaration.file) === link.memberGroup) takenWhole.add(declaration)
      else named.add(declaration)
    }
    members.set(link.group, list)
  }
  const namedOnly = new Set([...named].filter((declaration) => !takenWhole.has(declaration)))
  return { members, linked, namedOnly }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
