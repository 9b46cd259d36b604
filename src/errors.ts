/** The user asked for something the tool cannot do (bad flag, bad input value). Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A message for people from anything thrown; stack traces only when DEBUG is set. */
export function describeError(error: unknown): string {
  if (process.env.DEBUG && error instanceof Error && error.stack) return error.stack
  return error instanceof Error ? error.message : String(error)
}
