import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A CLI built from an earlier commit, to measure the scan against its own past in the same
 * rounds (issue 18: "within 15% of its time before the generic detectors"). The commit's
 * sources go to .tmp/reference-<sha> (git archive, nothing of the work tree changes), with
 * this checkout's node_modules, and are bundled by this checkout's scripts/bundle.mjs: old
 * commits were bundled with ncc, which is no longer installed, and one bundler on both sides
 * keeps the comparison about the scanner's code. Built once and reused.
 */
export function referenceCli(commit, root, log) {
  const sha = execFileSync('git', ['-C', root, 'rev-parse', '--verify', `${commit}^{commit}`], { encoding: 'utf8' }).trim()
  const dir = join(root, '.tmp', `reference-${sha.slice(0, 12)}`)
  const cli = join(dir, 'dist', 'cli.js')
  if (existsSync(cli)) return { sha, cli }
  log(`building the reference ${sha.slice(0, 12)} into ${dir}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', ['-c', `git -C "$1" archive "$2" | tar -x -C "$3"`, 'archive', root, sha, dir])
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  const run = (args) => execFileSync(process.execPath, args, { cwd: dir, stdio: 'ignore' })
  if (existsSync(join(dir, 'scripts', 'build-db.ts'))) run(['--import', 'tsx', join(dir, 'scripts', 'build-db.ts')])
  copyFileSync(join(root, 'scripts', 'bundle.mjs'), join(dir, 'scripts', 'bundle.mjs'))
  run([join(dir, 'scripts', 'bundle.mjs')])
  if (!existsSync(cli)) throw new Error(`building ${sha.slice(0, 12)} gave no ${cli}`)
  return { sha, cli }
}
