import { stat, writeFile } from 'node:fs/promises'
import type { BaseCommit } from '../commits/derived-base.js'
import { parseWhatIfs } from '../config/what-if.js'
import { FAIL_ON_LEVELS, type FailOn } from '../evaluate/gate.js'
import { describeFileError, UsageError } from '../errors.js'
import { runGate, type GateResult } from '../pipeline.js'
import { renderCodeQuality } from '../report/codequality.js'
import { jsonReportChunks } from '../report/json.js'
import { renderMarkdown } from '../report/markdown.js'
import { sarifChunks } from '../report/sarif.js'
import { renderText } from '../report/text.js'
import { HELP } from './help.js'
import { suggestion } from '../config/did-you-mean.js'
import { parseCommandArgs, parseDateFlag } from './args.js'
import { parseSmokeFlags } from './smoke-flags.js'
import { capYoungGeneration } from '../young-generation.js'

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'codequality'] as const
type Format = (typeof FORMATS)[number]

/** `kube-compat-gate scan [DIR]`: returns the exit code (0 passed, 1 failed). */
export async function scanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('scan', args, {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      db: { type: 'string', multiple: true, default: [] },
      'fail-on': { type: 'string', default: 'error' },
      config: { type: 'string' },
      date: { type: 'string' },
      base: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      kubeconfig: { type: 'string' },
      'smoke-timeout': { type: 'string' },
      'smoke-image': { type: 'string' },
      'smoke-keep': { type: 'boolean', default: false },
      'evidence-dir': { type: 'string' },
      strict: { type: 'boolean', default: false },
      target: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' }
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
  const date = values.date === undefined ? undefined : await parseDateFlag(values.date)
  const smoke = parseSmokeFlags(values)
  const targets = parseWhatIfs(values.target, '--target')

  const baseCommit = values.base === undefined ? undefined : await baseCommitOf(root, values.base)
  const result = await runGate({
    root,
    databaseFiles: values.db,
    failOn: failOn as FailOn,
    strict: values.strict,
    targets,
    ...(values.config !== undefined ? { configFile: values.config } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(baseCommit ? { baseCommit, log: (message: string) => process.stderr.write(`${message}\n`) } : {}),
    ...(smoke ? { smoke } : {}),
    checkpoint: capYoungGeneration
  })
  const output = render(result, format, values.output === undefined && wantsColor())
  if (values.output !== undefined) {
    await writeFile(values.output, output).catch((error: unknown) => {
      throw new UsageError(describeFileError(error, 'write the report to', values.output!))
    })
    // stdout may be a pipe that someone reads: where the report went is a message for people.
    process.stderr.write(`kube-compat-gate: ${format} report written to ${values.output}\n`)
  } else await writeOut(output)
  return result.report.summary.passed ? 0 : 1
}

/**
 * `--base REF`: the scanned directory as it is in that commit (derived from the scan of the
 * work tree and the git objects of the files that differ). `--base REF...` (as in
 * `git diff REF...`) is where HEAD forked off REF, their merge base: what a branch introduces,
 * whatever REF gained since.
 */
async function baseCommitOf(root: string, ref: string): Promise<BaseCommit> {
  // Loaded on demand: a scan without --base never starts a process, and loading child_process costs start-up.
  const { gitMergeBase, gitTopLevel, resolveCommit } = await import('../commits/git-tree.js')
  const top = await gitTopLevel(root)
  if (!top) throw new UsageError(`--base needs ${root} to be inside a git repository`)
  const upstream = ref.endsWith('...') ? ref.slice(0, -3) : undefined
  if (upstream === '') throw new UsageError('--base ...: name the branch before the dots (--base origin/main...)')
  const named = await resolveCommit(top, upstream ?? ref)
  if (!named) throw new UsageError(`--base ${ref}: no such commit in ${top}`)
  const sha = upstream === undefined ? named : await gitMergeBase(top, named, 'HEAD')
  if (!sha) throw new UsageError(`--base ${ref}: ${upstream} and HEAD have no common commit in ${top} (a shallow clone? fetch more history)`)
  process.stderr.write(`base ${ref} (${sha.slice(0, 12)}${upstream === undefined ? '' : `, where HEAD forked off ${upstream}`}): read through git\n`)
  return { top, sha }
}

/** The JSON report and SARIF come in chunks, written as they are made (a large report is never one string). */
function render({ report, database, grids }: GateResult, format: Format, color: boolean): string | Iterable<string> {
  switch (format) {
    case 'json':
      return jsonReportChunks(report)
    case 'sarif':
      return sarifChunks(report, database)
    case 'markdown':
      return renderMarkdown(report, { grids: grids() })
    case 'codequality':
      return renderCodeQuality(report)
    case 'text':
      return renderText(report, { color })
  }
}

/**
 * Writes to standard output, waiting when a slow reader (a pipe) has not taken the last chunk
 * yet. A reader that goes away (`| head`) ends the writing quietly: the exit code still says
 * whether the gate passed, and no stack trace is printed for the broken pipe.
 */
async function writeOut(output: string | Iterable<string>): Promise<void> {
  const stdout = process.stdout
  let broken = false
  stdout.on('error', () => {
    broken = true
  })
  for (const chunk of typeof output === 'string' ? [output] : output) {
    if (broken) return
    if (!stdout.write(chunk)) await drainedOrGone(stdout)
  }
}

function drainedOrGone(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('error', done).off('close', done)
      resolve()
    }
    stream.once('drain', done).once('error', done).once('close', done)
  })
}

/** Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR (non-empty, not 0) turns it on anywhere (CI logs). */
function wantsColor(): boolean {
  const force = process.env.FORCE_COLOR
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true
  if (force === '0' || force === 'false' || process.env.NO_COLOR) return false
  return Boolean(process.stdout.isTTY)
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")${suggestion(value, allowed)}`)
}

async function requireDirectory(path: string): Promise<void> {
  let stats
  try {
    stats = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `${path} does not exist` : describeFileError(error, 'scan', path))
  }
  if (!stats.isDirectory()) throw new UsageError(`${path} is a file, not a directory: scan takes the directory to scan`)
}
