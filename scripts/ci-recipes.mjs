/**
 * Prints a recipe of docs/ci-systems.md (the code block after `<!-- recipe: NAME -->`), so that
 * scripts/check-package.sh runs the commands the page shows, not a copy of them:
 *   gitlab      the job's `script` lines, one per line
 *   shell       the block's lines
 *   pre-commit  the .pre-commit-config.yaml as written
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const name = process.argv[2]
const page = readFileSync(join(import.meta.dirname, '..', 'docs', 'ci-systems.md'), 'utf8')
const match = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\n`).exec(page)
if (!match) {
  process.stderr.write(`docs/ci-systems.md: no recipe "${name}"\n`)
  process.exit(2)
}
const block = match[1]
if (name === 'gitlab') {
  const jobs = parse(block)
  for (const job of Object.values(jobs)) for (const line of job.script) process.stdout.write(`${line}\n`)
} else {
  process.stdout.write(block)
}
