import type { Declaration, GroupLink } from '../model.js'
import { dirnameOf } from './paths.js'

/**
 * Group keys say what is deployed together. A directory (`clusters/dev`: an umbrella chart,
 * a Terraform module, a kind config beside it) or a place inside a file, written
 * `file#part#part` (`apps.yaml#0`, `.github/workflows/e2e.yml#e2e#include.1`). A part
 * inherits what its parents declare: a matrix entry runs with the job's fixed versions.
 */
export function fileGroup(path: string, ...parts: Array<string | number>): string {
  return [path, ...parts.map(String)].join('#')
}

/** The directory a group lives in. */
export function groupDirectory(group: string): string {
  const hash = group.indexOf('#')
  return hash === -1 ? group : dirnameOf(group.slice(0, hash))
}

/** The group's `#` parents, nearest first (`f#a#b` → `f#a`, `f`), without directories. */
export function parentGroups(group: string): string[] {
  const parents: string[] = []
  for (let hash = group.lastIndexOf('#'); hash !== -1; hash = group.lastIndexOf('#', hash - 1)) {
    parents.push(group.slice(0, hash))
  }
  return parents
}

/** The directory of a group and every directory above it, nearest first, ending with `.`. */
export function directoriesAbove(group: string): string[] {
  const out: string[] = []
  let dir = groupDirectory(group)
  for (;;) {
    out.push(dir)
    if (dir === '.' || dir === '') break
    dir = dirnameOf(dir)
  }
  return out
}

export interface Membership {
  /** Each group's own declarations plus what the files and groups it links to declare. */
  members: Map<string, Declaration[]>
  /** Declarations that a release took through a link: they belong to it, not to their own group. */
  linked: Set<Declaration>
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
  for (const link of links) {
    const taken = [
      ...(link.file !== undefined ? (byFile.get(link.file) ?? []) : []),
      ...(link.memberGroup !== undefined ? (byGroup.get(link.memberGroup) ?? []) : [])
    ].filter((d) => (d.group ?? d.file) !== link.group)
    const list = members.get(link.group) ?? []
    for (const declaration of taken) {
      if (!list.includes(declaration)) list.push(declaration)
      linked.add(declaration)
    }
    members.set(link.group, list)
  }
  return { members, linked }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
