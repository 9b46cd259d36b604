import { dirnameOf } from './paths.js'

/**
 * Group keys say what is deployed together (the scan writes them, the resolve stage reads them). A directory (`clusters/dev`: an umbrella chart,
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
