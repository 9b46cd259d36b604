import type { ApiUse, Feature } from '../../db/schema.js'
import type { Usage } from '../../model.js'
import type { Match } from '../match.js'
import { objectOf } from '../usage-set.js'
import type { ConditionCheck } from './condition.js'

/**
 * Features one object uses together: a container with both `resizePolicy` and an exec
 * probe, not one pod with a resizePolicy and another with an exec probe.
 */
export const usesCheck: ConditionCheck<Feature[]> = (features, target) => {
  const [first] = features
  if (first === undefined) return []
  const matches: Match[] = []
  // An object's usages come from one manifest, so they are all in the same set. Only objects
  // that use the first feature can use them all.
  for (const set of target.usages) {
    const objects = new Set(set.ofFeature(first).map(objectOf))
    for (const object of objects) {
      const usages = set.byObject().get(object) ?? []
      const found = features.map((feature) => usages.find((usage) => usage.feature === feature))
      if (found.some((usage) => usage === undefined)) continue
      matches.push({ declarations: [], usages: found as Usage[], certainty: 'affected', details: [] })
    }
  }
  return matches
}

/** Holds unless one of the feature gates is turned on for the environment. */
export const unlessFeatureGatesCheck: ConditionCheck<string[]> = (gates, target) => {
  const enabled = target.usages.some((set) => set.ofFeature('featureGate').some((usage) => gates.includes(usage.name ?? '')))
  return enabled ? [] : [{ declarations: [], usages: [], certainty: 'affected', details: [] }]
}

/** cgroup v1 nodes, known from runtime evidence or from a kubelet told to accept them. */
export const cgroupCheck: ConditionCheck<'v1'> = (_version, target) =>
  target.usages
    .flatMap((set) => set.ofFeature('cgroupV1'))
    .slice(0, 1)
    .map((usage) => ({ declarations: [], usages: [usage], certainty: 'affected', details: [] }))

/**
 * The systemd cgroup driver is or may be in use: holds unless the environment's kubelet or
 * containerd configuration chooses cgroupfs. (kubeadm defaults to systemd since 1.22, so an
 * unknown driver counts as systemd.)
 */
export const cgroupDriverCheck: ConditionCheck<'systemd'> = (_driver, target) => {
  const cgroupfs = target.usages.some((set) => set.ofFeature('cgroupfsDriver').length > 0)
  return cgroupfs ? [] : [{ declarations: [], usages: [], certainty: 'affected', details: [] }]
}

/** Each manifest deployed to the environment that uses one of the APIs is its own finding. */
export const apiCheck: ConditionCheck<ApiUse[]> = (apis, target) => {
  const matches: Match[] = []
  const usages = target.usages.flatMap((set) => apis.flatMap((api) => set.ofApiVersion(api.apiVersion)))
  for (const usage of new Set(usages)) {
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
