import { diffArrays } from 'diff'

/**
 * How many lines may differ between a file's base and head before the gate stops looking for
 * which lines changed. The diff (Myers) costs about (lines + limit) × limit steps at most, so this
 * bounds it: a 40,000-line rewrite used to take minutes, quadratically; now it costs about a
 * second and is reported as not computed.
 */
export const MAX_DIFFERING_LINES = 1000

/** Over all files of one run: many large rewrites together stay bounded too. */
export const MAX_DIFFERING_LINES_PER_RUN = 10_000

export type ChangedLines = { computed: true; lines: Set<number>; differing: number } | { computed: false }

/**
 * The 1-based line numbers of `head` that are added or changed relative to `base` (a missing base
 * file means every line is new), or `computed: false` when more than `limit` lines differ.
 * Annotations on these lines are shown first, and only these lines can carry a review suggestion.
 * The common start and end are matched in linear time before the diff sees the rest.
 */
export function changedLines(base: string | undefined, head: string, limit = MAX_DIFFERING_LINES): ChangedLines {
  const headLines = head.split('\n')
  if (base === undefined) return { computed: true, lines: new Set(headLines.map((_, index) => index + 1)), differing: headLines.length }
  const baseLines = base.split('\n')
  let start = 0
  while (start < baseLines.length && start < headLines.length && baseLines[start] === headLines[start]) start++
  let end = 0
  while (end < baseLines.length - start && end < headLines.length - start && baseLines[baseLines.length - 1 - end] === headLines[headLines.length - 1 - end]) end++
  const baseMiddle = baseLines.slice(start, baseLines.length - end)
  const headMiddle = headLines.slice(start, headLines.length - end)
  const lines = new Set<number>()
  if (headMiddle.length === 0) return { computed: true, lines, differing: baseMiddle.length }
  if (baseMiddle.length === 0) {
    headMiddle.forEach((_, index) => lines.add(start + index + 1))
    return { computed: true, lines, differing: headMiddle.length }
  }
  // Each differing line is at least one edit, so a difference in length alone can exceed the limit.
  if (Math.abs(baseMiddle.length - headMiddle.length) > limit) return { computed: false }
  const parts = diffArrays(baseMiddle, headMiddle, { maxEditLength: limit })
  if (parts === undefined) return { computed: false }
  let line = start + 1
  let differing = 0
  for (const part of parts) {
    const count = part.count ?? part.value.length
    if (part.removed || part.added) differing += count
    if (part.removed) continue
    if (part.added) for (let i = 0; i < count; i++) lines.add(line + i)
    line += count
  }
  return { computed: true, lines, differing }
}
