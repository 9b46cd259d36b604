import type { Declaration } from '../../model.js'
import { parsedOf } from '../../versions/declared.js'
import { affectedRangeFromFixes } from '../../versions/fixed.js'
import { matchRange } from '../../versions/range.js'
import type { Match } from '../match.js'
import type { Target } from '../targets.js'
import type { ConditionCheck } from './condition.js'

export const VERSION_SLOTS = ['vcluster', 'virtual', 'host', 'cluster', 'kind', 'kubectl', 'helm', 'runc', 'containerd'] as const
export type VersionSlot = (typeof VERSION_SLOTS)[number]

export function declarationIn(target: Target, slot: VersionSlot): Declaration | undefined {
  switch (slot) {
    case 'cluster':
      return target.cluster
    case 'helm':
    case 'runc':
    case 'containerd':
      return target.runtime[slot]
    default:
      return target.environment[slot]
  }
}

/**
 * A declared version inside the entry's range, and (when the entry names fixes per
 * release branch for this component) not on a fixed branch.
 */
export function versionCheck(slot: VersionSlot): ConditionCheck<string> {
  return (range, target, entry) => {
    const declaration = declarationIn(target, slot)
    if (!declaration) return []
    const parsed = parsedOf(declaration)
    const ranges = [range]
    const fixes = (entry.fixedIn as Partial<Record<string, string[]>>)[slot]
    if (fixes) ranges.push(affectedRangeFromFixes(fixes))
    let certainty: Match['certainty'] = 'affected'
    for (const each of ranges) {
      const match = matchRange(parsed, each)
      if (match === 'not-affected') return []
      if (match === 'may-be-affected') certainty = match
    }
    return [{ declarations: [declaration], usages: [], certainty, details: [] }]
  }
}

export function distroCheck(slot: 'host' | 'virtual'): ConditionCheck<string[]> {
  return (distros, target) => {
    const declaration = target.environment[slot]
    if (!declaration?.distro || !distros.includes(declaration.distro)) return []
    return [{ declarations: [declaration], usages: [], certainty: 'affected', details: [] }]
  }
}
