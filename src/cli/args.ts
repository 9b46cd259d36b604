import { parseArgs, type ParseArgsConfig } from 'node:util'
import { suggestion } from '../config/did-you-mean.js'
import { UsageError } from '../errors.js'

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * `parseArgs` with the CLI's own words for every mistake: Node's messages quote unevenly and
 * suggest `--` tricks; ours name the command, the option and the nearest real one.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (error) {
    throw usageErrorOf(error, command, options)
  }
}

function usageErrorOf(error: unknown, command: string, options: Options): Error {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const names = Object.keys(options).map((name) => `--${name}`)
  const help = `(kube-compat-gate ${command} --help lists the options)`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-{1,2}[^'=\s]+)/.exec(message)?.[1] ?? message
    return new UsageError(`${command}: unknown option ${option}${suggestion(option, names)} ${help}`)
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(-{1,2}[^'\s<]+)/.exec(message)?.[1] ?? 'an option'
    const spec = options[option.replace(/^-+/, '')]
    return new UsageError(spec?.type === 'boolean' ? `${command}: ${option} takes no value` : `${command}: ${option} needs a value`)
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const value = /'([^']*)'/.exec(message)?.[1] ?? ''
    return new UsageError(`${command}: unexpected argument "${value}" ${help}`)
  }
  return error instanceof Error ? error : new UsageError(message)
}

/** `--date YYYY-MM-DD`: the day lifecycle dates and waiver expiries are checked against. */
export async function parseDateFlag(value: string): Promise<string> {
  // The schema (and zod) is loaded only when the flag is given.
  const { IsoDate } = await import('../db/iso-date.js')
  if (IsoDate.safeParse(value).success) return value
  throw new UsageError(`--date must be a calendar date like 2026-11-22 (got "${value}")`)
}
