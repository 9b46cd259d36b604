#!/usr/bin/env node
/**
 * The benchmark's floor: walk the tree with the scanner's ignore rules and read every file
 * once, doing nothing else. Any scanner in Node pays at least this, so the scan is measured
 * as a multiple of it.
 *
 *   node scripts/bench/baseline-read.mjs DIR     prints {"files":N,"bytes":B} on stdout
 *
 * Ignore rules, as the scanner's discovery applies them: folders named .git, node_modules,
 * vendor or .terraform are never entered; every .gitignore applies to its own folder and
 * below, and a path is skipped when any of them ignores it. The file count must equal the
 * scan report's `summary.filesScanned`; the benchmark checks that they agree.
 *
 * Synchronous on purpose: on a warm page cache each read is a memory copy, and the sync
 * calls skip the thread-pool round trips and promise machinery that `fs/promises` pays per
 * file. It was the fastest plain variant measured (see scripts/bench/README.md), which is
 * what a floor should be.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ignore from 'ignore'

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', 'vendor', '.terraform'])

const root = process.argv[2]
if (!root) {
  process.stderr.write('usage: baseline-read.mjs DIR\n')
  process.exit(2)
}

let files = 0
let bytes = 0

function ignoredBy(scopes, path, isDirectory) {
  for (const { base, rules } of scopes) {
    const within = base === '' ? path : path.slice(base.length + 1)
    if (rules.ignores(isDirectory ? `${within}/` : within)) return true
  }
  return false
}

function walk(absolute, relative, inherited) {
  const entries = readdirSync(absolute, { withFileTypes: true })
  let scopes = inherited
  if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
    scopes = [...inherited, { base: relative, rules: ignore().add(readFileSync(join(absolute, '.gitignore'), 'utf8')) }]
  }
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(entry.name) && !ignoredBy(scopes, path, true)) walk(join(absolute, entry.name), path, scopes)
    } else if (entry.isFile() && !ignoredBy(scopes, path, false)) {
      bytes += readFileSync(join(absolute, entry.name)).length
      files++
    }
  }
}

walk(root, '', [])
process.stdout.write(JSON.stringify({ files, bytes }) + '\n')
