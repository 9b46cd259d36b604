#!/usr/bin/env node
// Writes the README's inputs and outputs tables from action.yml, so that the two cannot drift:
// `node scripts/action-tables.mjs` rewrites the tables between their markers in README.md;
// `--check` exits 1 when README.md differs from what action.yml gives (test/docs runs the same check).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const MARKERS = {
  inputs: ['<!-- action-inputs:start (generated from action.yml by scripts/action-tables.mjs) -->', '<!-- action-inputs:end -->'],
  outputs: ['<!-- action-outputs:start (generated from action.yml by scripts/action-tables.mjs) -->', '<!-- action-outputs:end -->'],
}

const cell = (text) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

/** Splits "…text. Default: `x`." into the description and the default (action.yml keeps defaults in prose). */
export function splitDefault(description) {
  const flat = cell(description ?? '')
  const at = flat.lastIndexOf('Default: ')
  if (at < 0) return { text: flat, default: '' }
  return { text: flat.slice(0, at).trim(), default: flat.slice(at + 'Default: '.length).replace(/\.$/, '') }
}

export function actionTables(actionYaml) {
  const action = parse(actionYaml)
  const inputs = Object.entries(action.inputs ?? {}).map(([name, spec]) => {
    const { text, default: byDefault } = splitDefault(spec.description)
    return `| \`${name}\` | ${text} | ${byDefault || '(none)'} |`
  })
  const outputs = Object.entries(action.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`)
  return {
    inputs: ['| Input | Description | Default |', '| --- | --- | --- |', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '| --- | --- |', ...outputs].join('\n'),
  }
}

/** README.md with both tables replaced by what action.yml gives. */
export function withActionTables(readme, actionYaml) {
  const tables = actionTables(actionYaml)
  let out = readme
  for (const [key, [start, end]] of Object.entries(MARKERS)) {
    const from = out.indexOf(start)
    const to = out.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`)
    out = out.slice(0, from + start.length) + '\n' + tables[key] + '\n' + out.slice(to)
  }
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const readme = readFileSync(`${root}README.md`, 'utf8')
  const next = withActionTables(readme, readFileSync(`${root}action.yml`, 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md: the inputs/outputs tables differ from action.yml; run node scripts/action-tables.mjs')
      process.exit(1)
    }
  } else if (next !== readme) {
    writeFileSync(`${root}README.md`, next)
    console.log('README.md: inputs/outputs tables rewritten from action.yml')
  }
}
