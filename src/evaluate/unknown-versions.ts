import type { Declaration, Environment, EnvironmentSlot, UnknownVersion } from '../model.js'
import { slotOf } from '../resolve/releases.js'

/** Every version: a version that cannot be read may be any of them. */
const ANY_VERSION = '>=0.0.0-0'

const BEHIND = new WeakMap<Declaration, UnknownVersion>()

/**
 * The environment as the conditions see it: a slot whose version cannot be read holds a
 * stand-in that allows every version, so an entry that needs that version matches as "may
 * be affected" and its finding can say that it cannot be decided (qualify.ts).
 */
export function withUnknownVersions(environment: Environment): Environment {
  if (!environment.unknown?.length) return environment
  const filled: Environment = { ...environment }
  for (const unknown of environment.unknown) {
    const slot = slotOf(unknown) as EnvironmentSlot | undefined
    if (slot === undefined || filled[slot] !== undefined) continue
    const standIn: Declaration = {
      component: unknown.component,
      ...(unknown.role ? { role: unknown.role } : {}),
      version: ANY_VERSION,
      constraint: true,
      raw: unknown.raw,
      file: unknown.file,
      line: unknown.line,
      column: unknown.column,
      source: 'unknown',
      group: unknown.group
    }
    BEHIND.set(standIn, unknown)
    filled[slot] = standIn
  }
  return filled
}

/** The unknown version a stand-in declaration takes the place of. */
export function unknownBehind(declaration: Declaration): UnknownVersion | undefined {
  return BEHIND.get(declaration)
}
