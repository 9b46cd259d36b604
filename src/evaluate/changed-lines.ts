import { diffLines } from 'diff'

/**
 * The 1-based line numbers of `head` that are added or changed relative to `base` (a
 * missing base file means every line is new). Annotations on these lines are shown first,
 * and only these lines can carry a review suggestion.
 */
export function changedLines(base: string | undefined, head: string): Set<number> {
  const changed = new Set<number>()
  if (base === undefined) {
    const count = head.split('\n').length
    for (let line = 1; line <= count; line++) changed.add(line)
    return changed
  }
  let line = 1
  for (const part of diffLines(base, head)) {
    const count = part.count ?? 0
    if (part.removed) continue
    if (part.added) for (let i = 0; i < count; i++) changed.add(line + i)
    line += count
  }
  return changed
}
