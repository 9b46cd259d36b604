/**
 * Prints the CHANGELOG.md section of one version (the body under `## [X.Y.Z] - DATE`), for
 * the GitHub release the release workflow creates. Fails, naming the file, when the section is
 * missing or empty, so that a tag cannot be released without its notes.
 *
 *   node scripts/release-notes.mjs 0.2.0 [CHANGELOG.md]
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** The section's body, or an error message. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split('\n')
  const heading = new RegExp(`^## \\[${version.replace(/[.+]/g, '\\$&')}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) return { error: `no section "## [${version}] - YYYY-MM-DD"` }
  let end = lines.findIndex((line, i) => i > start && (/^## /.test(line) || /^\[[^\]]+\]: /.test(line)))
  if (end < 0) end = lines.length
  const body = lines.slice(start + 1, end).join('\n').trim()
  if (!/^- /m.test(body)) return { error: `the section of ${version} lists no change`, line: start + 1 }
  return { notes: `${body}\n` }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [version, file = 'CHANGELOG.md'] = process.argv.slice(2)
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    process.stderr.write('usage: node scripts/release-notes.mjs X.Y.Z [CHANGELOG.md]\n')
    process.exit(2)
  }
  const result = releaseNotes(readFileSync(file, 'utf8'), version)
  if (result.error) {
    process.stderr.write(`${file}${result.line ? `:${result.line}` : ''}: ${result.error}\n`)
    process.exit(1)
  }
  process.stdout.write(result.notes)
}
