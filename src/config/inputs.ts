import { FAIL_ON_LEVELS, type FailOn } from '../evaluate/gate.js'
import { UsageError } from '../errors.js'

/** The action's inputs, parsed once. Defaults live here; action.yml documents them. */
export interface ActionInputs {
  path: string
  failOn: FailOn
  githubToken: string
  databaseFiles: string[]
}

/** Reads an input the way `core.getInput` does: '' when unset. */
export type InputReader = (name: string) => string

export function readInputs(input: InputReader): ActionInputs {
  return {
    path: input('path') || '.',
    failOn: oneOf('fail-on', input('fail-on') || 'error', FAIL_ON_LEVELS),
    githubToken: input('github-token'),
    databaseFiles: input('database')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`input "${name}" must be one of ${allowed.join(', ')} (got "${value}")`)
}
