import type { Skew } from '../../db/schema.js'
import { describeDeclaration } from '../describe.js'
import { parsedOf } from '../../versions/declared.js'
import { minorOf } from '../../versions/range.js'
import type { ConditionCheck } from './condition.js'
import { declarationIn } from './versions.js'

/**
 * Holds when a component is further from the cluster than the skew policy allows, in
 * minor versions (kubectl 1.29 against a 1.32 cluster is three minors older).
 */
export const skewCheck: ConditionCheck<Skew> = (skew, target) => {
  const component = declarationIn(target, skew.of)
  const cluster = declarationIn(target, skew.against)
  if (!component || !cluster) return []
  const a = minorOf(parsedOf(component))
  const b = minorOf(parsedOf(cluster))
  if (a === undefined || b === undefined) return []
  const [aMajor, aMinor] = a.split('.').map(Number) as [number, number]
  const [bMajor, bMinor] = b.split('.').map(Number) as [number, number]
  const distance = aMajor === bMajor ? aMinor - bMinor : Number.POSITIVE_INFINITY * Math.sign(aMajor - bMajor)
  if (distance >= -skew.older && distance <= skew.newer) return []
  const relation = distance < 0 ? `${-distance} minor versions older than` : `${distance} minor versions newer than`
  return [
    {
      declarations: [component, cluster],
      usages: [],
      certainty: 'affected',
      details: [`${describeDeclaration(component)} is ${relation} ${describeDeclaration(cluster)} (supported: ${skew.older} older to ${skew.newer} newer).`],
      anchor: component
    }
  ]
}
