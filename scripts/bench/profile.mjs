#!/usr/bin/env node
/**
 * Where does the scan spend its time? Runs one scan under `node --cpu-prof` and prints the
 * time per pipeline stage and the top functions by self time.
 *
 *   node scripts/bench/profile.mjs --repo DIR [--top 25] [--keep-profile FILE]
 *   node scripts/bench/profile.mjs --profile FILE.cpuprofile
 *
 * The scan runs from the TypeScript sources through tsx, not from dist/cli.js: the bundle
 * is minified, so its frames have no useful names or files. tsx adds its own start-up
 * (shown as module loading) but the scan itself runs the same code. One scan is one
 * sample: run it twice and compare before trusting a small difference.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { analyseProfile } from './lib/cpu-profile.mjs'
import { markdownTable } from './lib/table.mjs'

const ROOT = resolve(import.meta.dirname, '..', '..')

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    profile: { type: 'string' },
    top: { type: 'string', default: '25' },
    'keep-profile': { type: 'string' }
  }
})
if (!values.repo && !values.profile) {
  process.stderr.write('usage: profile.mjs --repo DIR [--top N] [--keep-profile FILE] | --profile FILE\n')
  process.exit(2)
}

const file = values.profile ?? profileScan(resolve(values.repo))
const result = analyseProfile(JSON.parse(readFileSync(file, 'utf8')))
const percent = (ms) => `${((ms / result.totalMs) * 100).toFixed(1)}%`
process.stdout.write(`\nprofiled ${result.totalMs.toFixed(0)} ms of the main thread\n\n`)
process.stdout.write(markdownTable(['stage', 'ms', 'share'], result.stages.map(([name, ms]) => [name, ms.toFixed(0), percent(ms)])))
process.stdout.write('\n')
process.stdout.write(
  markdownTable(
    ['function (self time)', 'where', 'ms', 'share'],
    result.functions.slice(0, Number(values.top)).map((f) => [f.name, f.where, f.ms.toFixed(0), percent(f.ms)])
  )
)

/** Runs the scan under --cpu-prof and returns the main thread's profile (the largest file). */
function profileScan(repo) {
  const dir = mkdtempSync(join(tmpdir(), 'kcg-prof-'))
  try {
    const run = spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, '--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'scan', repo, '--format', 'json', '--output', join(dir, 'report.json')],
      { cwd: ROOT, encoding: 'utf8' }
    )
    if (run.status !== 0 && run.status !== 1) throw new Error(`scan exited ${run.status}: ${run.stderr}`)
    // tsx runs its loader in a worker with a profile of its own; the scan is the biggest one.
    const profiles = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
    const main = profiles.map((name) => join(dir, name)).sort((a, b) => statSync(b).size - statSync(a).size)[0]
    if (!main) throw new Error('no profile was written')
    const kept = values['keep-profile'] ?? join(tmpdir(), 'kcg-scan.cpuprofile')
    copyFileSync(main, kept)
    process.stderr.write(`profile kept in ${kept} (open it in Chrome DevTools > Performance for a flame chart)\n`)
    return kept
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
