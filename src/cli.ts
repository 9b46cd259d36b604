#!/usr/bin/env node
import { HELP } from './cli/help.js'
import { scanCommand } from './cli/scan.js'
import { describeError, UsageError } from './errors.js'
import { forTerminal } from './report/escape.js'
import { bundledDatabase } from './db/load.js'
import { TOOL, versionLine } from './tool.js'

/** The CLI entry: dispatches a command and turns its result into an exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP)
    return command === undefined ? 2 : 0
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(versionLine(bundledDatabase()))
    return 0
  }
  if (command === 'scan') return scanCommand(rest)
  // Loaded on demand: its validation (zod) is not needed to scan.
  if (command === 'db') return (await import('./cli/db.js')).dbCommand(rest)
  throw new UsageError(`unknown command "${command}" (try --help)`)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    // One line: an error can quote repository text (a configuration key), which must not start a line of its own.
    const message = process.env.DEBUG ? describeError(error) : forTerminal(describeError(error))
    process.stderr.write(`${TOOL.name}: ${usage ? '' : 'error: '}${message}\n`)
    process.exitCode = 2
  }
)
