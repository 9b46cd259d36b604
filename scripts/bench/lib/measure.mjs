import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const USAGE_PRELOAD = pathToFileURL(join(import.meta.dirname, '..', 'report-usage.mjs')).href

/**
 * Runs `node ...args` once and measures wall time from spawn to exit, the time a user
 * waits (it includes Node's own start-up, as it does for every measured command).
 * With `usageFile`, the child reports its peak RSS and CPU time through the preload; `node`
 * is the runtime to measure (this one by default). With `stdoutCapture`, the first 256 KB of
 * its standard output come back as `stdout` (the action's log).
 */
export function runNode(args, { env, stdoutFile, usageFile, cwd, node = process.execPath, stdoutCapture = false } = {}) {
  const stdoutFd = stdoutFile ? openSync(stdoutFile, 'w') : stdoutCapture ? 'pipe' : 'ignore'
  const childEnv = { ...env }
  const argv = [...args]
  if (usageFile) {
    rmSync(usageFile, { force: true })
    childEnv.KCG_BENCH_USAGE_FILE = usageFile
    argv.unshift('--import', USAGE_PRELOAD)
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(node, argv, { cwd, env: childEnv, stdio: ['ignore', stdoutFd, 'pipe'] })
    let stderr = ''
    let stdout = ''
    if (stdoutCapture) {
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk) => {
        if (stdout.length < 256 * 1024) stdout += chunk
      })
    }
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk
    })
    let ms
    child.on('exit', () => {
      ms = Number(process.hrtime.bigint() - started) / 1e6
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (typeof stdoutFd === 'number') closeSync(stdoutFd)
      resolve({ ms, code, signal, stderr, ...(stdoutCapture ? { stdout } : {}), ...(usageFile ? readUsage(usageFile) : {}) })
    })
  })
}

/** `{ maxRssKiB, cpuMs }` as the preload wrote it; empty when the child died before exit handlers ran. */
function readUsage(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return {}
  }
}

/** The parent's environment without runner variables, which would change what the action does. */
export function cleanEnv(extra = {}) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key) || key === 'NODE_OPTIONS' || key === 'KCG_BENCH_USAGE_FILE') continue
    env[key] = value
  }
  return { ...env, ...extra }
}
