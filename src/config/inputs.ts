import { FAIL_ON_LEVELS, type FailOn } from '../evaluate/gate.js'
import { UsageError } from '../errors.js'
import { parseWhatIfs, type WhatIf } from './what-if.js'

export const FAIL_SCOPES = ['new', 'all'] as const
export type FailScope = (typeof FAIL_SCOPES)[number]

export const COMMENT_MODES = ['always', 'on-findings', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export const MODES = ['auto', 'pr', 'audit'] as const
export type ModeInput = (typeof MODES)[number]

/**
 * The action's inputs, parsed once. Defaults live here; action.yml documents them and
 * leaves its own defaults empty so that the two can never disagree.
 */
export interface ActionInputs {
  path: string
  githubToken: string
  failOn: FailOn
  /** Unset means: `new` in pull requests, `all` in audits. */
  failScope: FailScope | undefined
  comment: CommentMode
  /** `.kube-compat-gate.yml` to use; unset means the one in `path`, when present. */
  configFile: string | undefined
  databaseFiles: string[]
  /** Unset means: a file in the runner's temporary directory. */
  sarifFile: string | undefined
  suggestFixes: boolean
  mode: ModeInput
  /** Fail on any version a file sets but that cannot be read. */
  strict: boolean
  /** What-if versions (`kubernetes=1.34`), one per line or separated by commas. */
  targets: WhatIf[]
}

/** Reads an input the way `core.getInput` does: trimmed, '' when unset. */
export type InputReader = (name: string) => string

export function readInputs(input: InputReader): ActionInputs {
  const failScope = input('fail-scope')
  const sarifFile = input('sarif-file')
  const configFile = input('config')
  return {
    path: input('path') || '.',
    githubToken: input('github-token'),
    failOn: oneOf('fail-on', input('fail-on') || 'error', FAIL_ON_LEVELS),
    failScope: failScope ? oneOf('fail-scope', failScope, FAIL_SCOPES) : undefined,
    comment: oneOf('comment', input('comment') || 'on-findings', COMMENT_MODES),
    configFile: configFile || undefined,
    databaseFiles: lines(input('database')),
    sarifFile: sarifFile || undefined,
    suggestFixes: boolean('suggest-fixes', input('suggest-fixes') || 'false'),
    mode: oneOf('mode', input('mode') || 'auto', MODES),
    strict: boolean('strict', input('strict') || 'false'),
    targets: parseWhatIfs(lines(input('targets')).flatMap((line) => line.split(/[,\s]+/)).filter((spec) => spec !== ''), 'input "targets"')
  }
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`input "${name}" must be one of ${allowed.join(', ')} (got "${value}")`)
}

/** The YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts them. */
function boolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UsageError(`input "${name}" must be true or false (got "${value}")`)
}
