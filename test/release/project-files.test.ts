import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import pkg from '../../package.json' with { type: 'json' }

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

/**
 * The files a user and a contributor look for before trusting the project: the licence the
 * README and package.json name, a changelog the release workflow can read, and where to send
 * a vulnerability report.
 */
describe('project files', () => {
  it('ships the MIT licence that package.json declares', () => {
    expect(pkg.license).toBe('MIT')
    const licence = read('LICENSE')
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} kube-compat-gate contributors\n/)
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND')
  })

  it('keeps a changelog with an Unreleased section first', () => {
    const headings = read('CHANGELOG.md').match(/^## .*$/gm) ?? []
    expect(headings[0]).toBe('## [Unreleased]')
    for (const heading of headings.slice(1)) expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/)
  })

  it('says how to report a vulnerability privately', () => {
    const policy = read('SECURITY.md')
    expect(policy).toContain('## Supported versions')
    expect(policy).toContain('/security/advisories/new')
  })

  it('has issue forms that GitHub can render and a pull request template', () => {
    for (const form of ['bug_report.yml', 'database_entry.yml']) {
      const parsed = parse(read(`.github/ISSUE_TEMPLATE/${form}`)) as { name: string; description: string; body: { type: string; id?: string }[] }
      expect(parsed.name, form).toBeTruthy()
      expect(parsed.description, form).toBeTruthy()
      const ids = parsed.body.flatMap((item) => (item.id ? [item.id] : []))
      expect(new Set(ids).size, `${form}: ids are unique`).toBe(ids.length)
      expect(parsed.body.some((item) => item.type !== 'markdown'), form).toBe(true)
    }
    expect(existsSync(join(ROOT, '.github', 'pull_request_template.md'))).toBe(true)
    expect(existsSync(join(ROOT, 'CONTRIBUTING.md'))).toBe(true)
  })

  it.each(['CONTRIBUTING.md', 'SECURITY.md', 'docs/releasing.md', 'docs/ci-systems.md'])('%s links only to files that exist', (doc) => {
    const targets = [...read(doc).matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target))
    const base = join(ROOT, doc, '..')
    expect(targets.filter((target) => !existsSync(join(base, target)))).toEqual([])
  })
})
