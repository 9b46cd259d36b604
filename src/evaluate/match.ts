import type { Declaration, Usage } from '../model.js'

/**
 * One way a condition holds. A condition can hold several ways at once (an API used by
 * three manifests, both the host and the virtual cluster past end of life); each becomes
 * its own finding.
 */
export interface Match {
  declarations: Declaration[]
  usages: Usage[]
  /** `may-be-affected` when a declared range only overlaps the affected one. */
  certainty: 'affected' | 'may-be-affected'
  /** Sentences added to the finding's message (dates, replacements, skew). */
  details: string[]
  /** Where the finding is reported when not at the first usage or declaration. */
  anchor?: Declaration | Usage
}

export const HOLDS: Match = { declarations: [], usages: [], certainty: 'affected', details: [] }

/** Keeps combinations from multiplying without bound on a huge repository. */
const MAX_COMBINATIONS = 1000

/**
 * All ways every condition holds at once: the product of each condition's matches. Only a
 * product of many with many is cut short: one cluster version with 3,000 manifests that use
 * a removed API is 3,000 findings, every one of them reported.
 */
export function combine(partials: readonly Match[], matches: readonly Match[]): Match[] {
  // The first condition's matches combined with "holds" are those matches.
  if (partials.length === 1 && partials[0] === HOLDS) return [...matches]
  const limit = Math.max(MAX_COMBINATIONS, partials.length, matches.length)
  const out: Match[] = []
  for (const partial of partials) {
    for (const match of matches) {
      out.push(merge(partial, match))
      if (out.length >= limit) return out
    }
  }
  return out
}

function merge(a: Match, b: Match): Match {
  const anchor = a.anchor ?? b.anchor
  return {
    declarations: union(a.declarations, b.declarations),
    usages: union(a.usages, b.usages),
    certainty: a.certainty === 'may-be-affected' || b.certainty === 'may-be-affected' ? 'may-be-affected' : 'affected',
    details: union(a.details, b.details),
    ...(anchor ? { anchor } : {})
  }
}

/**
 * `a` and then what `b` adds. A match is never changed once made, so when one side is empty
 * the other is shared rather than copied: thousands of manifest lines each meet one cluster
 * version.
 */
function union<T>(a: T[], b: T[]): T[] {
  if (b.length === 0) return a
  if (a.length === 0) return b
  return [...a, ...b.filter((item) => !a.includes(item))]
}
