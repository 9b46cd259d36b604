import type { ApiUse, Feature } from '../../db/schema.js'
import type { Usage } from '../../model.js'
import type { Match } from '../match.js'
import type { ConditionCheck } from './condition.js'

/**
 * Features one object uses together: a container with both `resizePolicy` and an exec
 * probe, not one pod with a resizePolicy and another with an exec probe.
 */
export const usesCheck: ConditionCheck<Feature[]> = (features, target) => {
  const byObject = new Map<string, Usage[]>()
  for (const usage of target.usages) {
    const key = usage.object ?? `${usage.file}:${usage.line}`
    byObject.set(key, [...(byObject.get(key) ?? []), usage])
  }
  const matches: Match[] = []
  for (const usages of byObject.values()) {
    const found = features.map((feature) => usages.find((usage) => usage.feature === feature))
    if (found.some((usage) => usage === undefined)) continue
    matches.push({ declarations: [], usages: found as Usage[], certainty: 'affected', details: [] })
  }
  return matches
}

/** Holds unless one of the feature gates is turned on for the environment. */
export const unlessFeatureGatesCheck: ConditionCheck<string[]> = (gates, target) => {
  const enabled = target.usages.some((usage) => usage.feature === 'featureGate' && gates.includes(usage.name ?? ''))
  return enabled ? [] : [{ declarations: [], usages: [], certainty: 'affected', details: [] }]
}

/** cgroup v1 nodes, known from runtime evidence or from a kubelet told to accept them. */
export const cgroupCheck: ConditionCheck<'v1'> = (_version, target) =>
  target.usages
    .filter((usage) => usage.feature === 'cgroupV1')
    .slice(0, 1)
    .map((usage) => ({ declarations: [], usages: [usage], certainty: 'affected', details: [] }))

/** Each manifest deployed to the environment that uses one of the APIs is its own finding. */
export const apiCheck: ConditionCheck<ApiUse[]> = (apis, target) => {
  const matches: Match[] = []
  for (const usage of target.usages) {
    if (usage.feature !== 'api') continue
    const api = apis.find((each) => each.apiVersion === usage.apiVersion && each.kinds.some((kind) => kind === usage.kind))
    if (!api) continue
    matches.push({
      declarations: [],
      usages: [usage],
      certainty: 'affected',
      details: [`${usage.kind} ${usage.apiVersion} at ${usage.file}:${usage.line}: ${replacementSentence(api.replacement)}`],
      anchor: usage
    })
  }
  return matches
}

function replacementSentence(replacement: string): string {
  return /\s/.test(replacement) ? replacement : `use ${replacement}`
}
