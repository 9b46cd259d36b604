#!/usr/bin/env node
import { HELP } from './cli/help.js'
import { suggestion } from './config/did-you-mean.js'
import { scanCommand } from './cli/scan.js'
import { describeError, UsageError } from './errors.js'
import { forTerminal } from './report/escape.js'
import { bundledDatabase } from './db/load.js'
import { TOOL, versionLine } from './tool.js'

/** The CLI entry: dispatches a command and turns its result into an exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  // No command is a usage error: the help goes to stderr, so that stdout stays empty for scripts.
  if (command === undefined) {
    process.stderr.write(HELP)
    return 2
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(versionLine(bundledDatabase()))
    return 0
  }
  if (command === 'scan') return scanCommand(rest)
  // Loaded on demand: its validation (zod) is not needed to scan.
  if (command === 'db') return (await import('./cli/db.js')).dbCommand(rest)
  const hint = command.startsWith('-')
    ? suggestion(command, ['--help', '--version'])
    : suggestion(command, ['scan', 'db'])
  throw new UsageError(`unknown ${command.startsWith('-') ? 'option' : 'command'} "${command}"${hint} (kube-compat-gate --help lists the commands)`)
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
