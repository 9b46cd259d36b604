import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { withActionTables } from '../../scripts/action-tables.mjs'
import { REPO_ROOT } from '../helpers/run-bundle.js'

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const actionYaml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')
const action = parse(actionYaml) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

/** The README section between `## heading` and the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`)
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(0)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')

describe('README', () => {
  it.each(Object.keys(action.inputs))('lists the input %s in the inputs table', (name) => {
    expect(section('Inputs')).toContain(`| \`${name}\` |`)
  })

  it.each(Object.keys(action.outputs))('lists the output %s in the outputs table', (name) => {
    expect(section('Outputs')).toContain(`| \`${name}\` |`)
  })

  it('has the tables action.yml gives (regenerate with node scripts/action-tables.mjs)', () => {
    expect(readme).toBe(withActionTables(readme, actionYaml))
  })

  // 350 (issue 20): maintainers' material lives in docs/.
  it('stays a user guide: at most 350 lines, with a table of contents whose links all land', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(350)
    const anchors = new Set([...readme.matchAll(/^#{2,3} (.+)$/gm)].map((match) => anchor(match[1]!)))
    const contents = section('Contents')
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1])
    expect(links.length).toBeGreaterThan(8)
    for (const link of links) expect(anchors, `#${link}`).toContain(link)
  })

  it('gives every workflow a concurrency group, so two runs never publish for the same pull request at once', () => {
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((yaml) => /^on:/m.test(yaml))
    expect(workflows.length).toBeGreaterThanOrEqual(3)
    for (const workflow of workflows) expect(parse(workflow), workflow).toHaveProperty('concurrency')
  })

  it('links only to documents that exist', () => {
    const targets = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)/g)].map((match) => match[1]!)
    expect(targets.length).toBeGreaterThan(3)
    for (const target of targets) expect(existsSync(join(REPO_ROOT, target)), target).toBe(true)
  })
})
