/**
 * External tools (kind, helm, kubectl, docker) run through execFile with an argument array and a
 * timeout, never a shell, so nothing a repository declares can be interpreted as shell syntax.
 * The runner is an interface so tests can swap in fake executables or a recorder.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ToolResult {
  stdout: string
  stderr: string
}

export interface ToolRunner {
  /** Runs `tool args`; rejects with ToolError on a non-zero exit, a timeout or a missing binary. */
  run(tool: string, args: readonly string[], options?: { timeoutMs?: number; input?: string }): Promise<ToolResult>
  /** Starts a long-running helper (kubectl port-forward); the caller stops it. */
  start(tool: string, args: readonly string[]): ChildProcess
}

/** A tool that failed. `missing` is set when the binary is not on PATH. */
export class ToolError extends Error {
  override readonly name = 'ToolError'
  constructor(
    readonly tool: string,
    readonly args: readonly string[],
    message: string,
    readonly missing = false,
    readonly stderr = ''
  ) {
    super(message)
  }
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000

/** Children still running, so a signal handler can stop them before it cleans up. */
const running = new Set<ChildProcess>()

/** Sends SIGTERM to every tool this process started that is still running. */
export function stopRunningTools(): void {
  for (const child of running) child.kill('SIGTERM')
}

function track(child: ChildProcess): ChildProcess {
  running.add(child)
  child.once('exit', () => running.delete(child))
  child.once('error', () => running.delete(child))
  return child
}

let emptyFolder: string | undefined

/**
 * The folder every tool runs in: new, empty, outside the workspace. In the workspace (a pull
 * request's checkout), a folder named like the chart (`vcluster/`) was installed by helm before
 * `--repo` (helm/helm#9244), and kubectl and kind read files named after their arguments too.
 */
function toolFolder(): string {
  if (emptyFolder === undefined) {
    const folder = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'kcg-tools-'))
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }))
    emptyFolder = folder
  }
  return emptyFolder
}

export const execTools: ToolRunner = {
  run(tool, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = execFile(
        tool,
        [...args],
        { cwd: toolFolder(), timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, killSignal: 'SIGTERM', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (!error) return resolve({ stdout, stderr })
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'ENOENT') return reject(new ToolError(tool, args, `${tool} is not installed (not found on PATH)`, true))
          const killed = (error as { killed?: boolean }).killed
          const last = lastLine(stderr) || lastLine(stdout)
          const why = killed ? `timed out after ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` : `failed${last ? `: ${last}` : ''}`
          reject(new ToolError(tool, args, `${tool} ${args[0] ?? ''} ${why}`.replace(/\s+/g, ' '), false, stderr))
        }
      )
      track(child)
      if (options.input !== undefined) child.stdin?.end(options.input)
    })
  },
  start(tool, args) {
    return track(spawn(tool, [...args], { cwd: toolFolder(), stdio: ['ignore', 'pipe', 'pipe'] }))
  }
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  return lines[lines.length - 1] ?? ''
}
