import type { Entry } from '../../db/schema.js'
import type { Match } from '../match.js'
import type { Target } from '../targets.js'

export interface EvaluationContext {
  /** The day to evaluate lifecycle dates against, `YYYY-MM-DD`. */
  date: string
}

/** Checks one condition of an entry on one target; an empty list means it does not hold. */
export type ConditionCheck<T> = (value: T, target: Target, entry: Entry, context: EvaluationContext) => Match[]
