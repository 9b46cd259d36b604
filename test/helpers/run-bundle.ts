import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')

export interface BundleRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a built bundle (dist/*.js) as a child process, the way users and the runner do.
 * The environment is cleared of GitHub and runner variables so tests see only their own.
 */
export function runBundle(bundle: 'cli' | 'index', args: string[], env: Record<string, string> = {}, cwd = REPO_ROOT): BundleRun {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key) && key !== 'NO_COLOR')
  )
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', `${bundle}.js`), ...args], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 60_000,
    // Large reports (hundreds of environments, each with its pairing evidence) exceed the 1 MiB default.
    maxBuffer: 64 * 1024 * 1024
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'kcg-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Writes files (path → content) under a directory, creating folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path)
    mkdirSync(dirname(absolute), { recursive: true })
    writeFileSync(absolute, content)
  }
}

/** GITHUB_OUTPUT uses heredoc blocks: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const match of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!
  return outputs
}
