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
  if (distance >= -(skew.older ?? Infinity) && distance <= (skew.newer ?? Infinity)) return []
  return [
    {
      declarations: [component, cluster],
      usages: [],
      certainty: 'affected',
      details: [`${describeDeclaration(component)} is ${describeDistance(distance)} than ${describeDeclaration(cluster)} (supported: ${describeSkewPolicy(skew)}).`],
      anchor: component
    }
  ]
}

/** "1 minor older", "3 minors newer", "a different major". */
export function describeDistance(distance: number): string {
  if (!Number.isFinite(distance)) return `a major version ${distance < 0 ? 'older' : 'newer'}`
  const minors = Math.abs(distance)
  return `${minors} ${minors === 1 ? 'minor' : 'minors'} ${distance < 0 ? 'older' : 'newer'}`
}

/** What the policy allows, in words: "at most 1 minor older or newer", "the same minor or older". */
export function describeSkewPolicy(skew: Pick<Skew, 'older' | 'newer'>): string {
  const minors = (n: number): string => `${n} ${n === 1 ? 'minor' : 'minors'}`
  const { older, newer } = skew
  if (older === 0 && newer === 0) return 'the same minor only'
  if (older === undefined && newer === undefined) return 'any minor'
  if (older === undefined) return newer === 0 ? 'the same minor or older' : `any minor older, at most ${minors(newer!)} newer`
  if (newer === undefined) return older === 0 ? 'the same minor or newer' : `at most ${minors(older)} older, any minor newer`
  if (older === newer) return `at most ${minors(older)} older or newer`
  if (older === 0) return `the same minor or at most ${minors(newer)} newer`
  if (newer === 0) return `the same minor or at most ${minors(older)} older`
  return `at most ${minors(older)} older or ${minors(newer)} newer`
}
