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
    declarations: [...a.declarations, ...b.declarations.filter((d) => !a.declarations.includes(d))],
    usages: [...a.usages, ...b.usages.filter((u) => !a.usages.includes(u))],
    certainty: a.certainty === 'may-be-affected' || b.certainty === 'may-be-affected' ? 'may-be-affected' : 'affected',
    details: [...a.details, ...b.details.filter((d) => !a.details.includes(d))],
    ...(anchor ? { anchor } : {})
  }
}
