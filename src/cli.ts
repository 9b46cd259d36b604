#!/usr/bin/env node
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { stat } from 'node:fs/promises'
import { FAIL_ON_LEVELS, type FailOn } from './evaluate/gate.js'
import { describeError, UsageError } from './errors.js'
import { runGate } from './pipeline.js'
import { renderJson } from './report/json.js'
import { renderMarkdown } from './report/markdown.js'
import { renderText } from './report/text.js'
import type { Report } from './report/report.js'
import { TOOL } from './tool.js'

const HELP = `${TOOL.name} ${TOOL.version}: stops Kubernetes and vcluster upgrades that are known to break clusters.

Usage:
  ${TOOL.name} scan [DIR]          scan DIR (default .) and report known incompatibilities
      --format text|json|markdown     report format (default text)
      --output FILE                   write the report to FILE instead of stdout
      --db FILE                       extra database file (repeatable)
      --fail-on error|warning|notice|never
                                      lowest severity that fails the gate (default error)
  ${TOOL.name} --version | --help

Exit codes: 0 passed, 1 the gate failed, 2 usage, configuration or internal error.
`

const FORMATS = ['text', 'json', 'markdown'] as const
type Format = (typeof FORMATS)[number]

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP)
    return command === undefined ? 2 : 0
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TOOL.version}\n`)
    return 0
  }
  if (command === 'scan') return scan(rest)
  throw new UsageError(`unknown command "${command}" (try --help)`)
}

async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      db: { type: 'string', multiple: true, default: [] },
      'fail-on': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  if (positionals.length > 1) throw new UsageError(`scan takes one directory, got ${positionals.length}`)
  const root = positionals[0] ?? '.'
  const format = oneOf('--format', values.format, FORMATS)
  const failOn = oneOf('--fail-on', values['fail-on'], FAIL_ON_LEVELS)
  await requireDirectory(root)

  const { report } = await runGate({ root, databaseFiles: values.db, failOn: failOn as FailOn })
  const output = render(report, format, values.output === undefined && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)
  if (values.output !== undefined) await writeFile(values.output, output)
  else process.stdout.write(output)
  return report.summary.passed ? 0 : 1
}

function render(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report)
    case 'markdown':
      return renderMarkdown(report)
    case 'text':
      return renderText(report, { color })
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`)
}

async function requireDirectory(path: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined)
  if (!stats?.isDirectory()) throw new UsageError(`${path} is not a directory`)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.stderr.write(`${TOOL.name}: ${usage ? '' : 'error: '}${describeError(error)}\n`)
    process.exitCode = 2
  }
)
