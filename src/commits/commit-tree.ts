import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The files of one commit, written out to a temporary directory for the scanner to read. */
export interface CommitTree {
  /** The directory to scan: the commit's copy of the scanned path. */
  root: string
  /** How the content was obtained, for the log. */
  via: 'git' | 'api'
  dispose(): Promise<void>
}

/** Commit content is data to scan, never code to run: git and tar get argument arrays, no shell. */
export async function runTool(file: string, args: readonly string[], cwd?: string): Promise<string> {
  const { stdout } = await run(file, [...args], { cwd, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' })
  return stdout
}

export async function makeTempDir(prefix: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), prefix))
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Unpacks a tar archive. GNU and BSD tar both refuse members that climb out with `..` or
 * start with `/`; ownership and modes from the archive are not applied.
 */
export async function extractTar(archive: string, into: string, options: { gzip?: boolean; stripComponents?: number } = {}): Promise<void> {
  const args = [options.gzip ? '-xzf' : '-xf', archive, '-C', into, '--no-same-owner', '--no-same-permissions']
  if (options.stripComponents) args.push(`--strip-components=${options.stripComponents}`)
  await runTool('tar', args)
}
