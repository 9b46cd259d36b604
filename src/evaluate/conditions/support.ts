import type { SupportRow } from '../../db/schema.js'
import { parsedOf } from '../../versions/declared.js'
import { matchRange } from '../../versions/range.js'
import { describeRange } from '../describe.js'
import type { Match } from '../match.js'
import type { ConditionCheck } from './condition.js'

/**
 * The host or virtual Kubernetes version is outside what the vcluster release in use is
 * built and tested for. Releases without a row (newer than the table) are not judged.
 */
export const outsideSupportCheck: ConditionCheck<SupportRow[]> = (rows, target) => {
  const vcluster = target.environment.vcluster
  if (!vcluster) return []
  const row = rows.find((each) => matchRange(parsedOf(vcluster), each.vcluster) === 'affected')
  if (!row) return []
  const matches: Match[] = []
  for (const kubernetes of [target.environment.host, target.environment.virtual]) {
    if (!kubernetes) continue
    const inside = matchRange(parsedOf(kubernetes), row.kubernetes)
    if (inside === 'affected') continue
    matches.push({
      declarations: [kubernetes, vcluster],
      usages: [],
      certainty: inside === 'may-be-affected' ? 'may-be-affected' : 'affected',
      details: [`vcluster ${vcluster.raw} is built and tested for Kubernetes ${describeRange(row.kubernetes)}.`],
      anchor: kubernetes
    })
  }
  return matches
}

/**
 * kind only guarantees the node images published with its release. Holds when the kind
 * release is in the table and the node image version is not listed for it.
 */
export const kindNodeImagesCheck: ConditionCheck<Record<string, string[]>> = (table, target) => {
  const kind = target.environment.kind
  const node = target.environment.host
  if (!kind || !node || node.distro !== 'kind') return []
  const release = parsedOf(kind)
  if (release.kind !== 'exact') return []
  const images = table[release.version]
  if (!images || images.includes(node.version)) return []
  return [
    {
      declarations: [node, kind],
      usages: [],
      certainty: 'affected',
      details: [`kind ${kind.raw} was released with node images ${images.map((v) => `v${v}`).join(', ')}; ${node.raw} is not one of them.`],
      anchor: node
    }
  ]
}
