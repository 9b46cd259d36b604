import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { screenshotPages } from '../../scripts/docs/screenshot-pages.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

// The HTML step of `npm run docs:screenshots`; Chromium itself is not run here (the PNGs are committed).
describe('the pages behind docs/screenshots', async () => {
  const pages = await screenshotPages()
  const byName = new Map(pages.map((page) => [page.name, page]))

  it('are the job summary and the pull request comment of a change that adds the seed incident', () => {
    expect([...byName.keys()]).toEqual(['job-summary', 'pr-comment'])
    for (const page of pages) {
      expect(page.markdown).toMatch(/^\*\*\d+ new \(1 error, \d+ warnings?\) · 0 fixed · \d+ already present\*\*$/m)
      // The first row of the first table is the new error, as the reader should see it.
      const firstRow = page.html.match(/<tbody>\s*<tr>([\s\S]*?)<\/tr>/)?.[1] ?? ''
      expect(firstRow).toContain('❌')
      expect(firstRow).toContain('vcluster below 0.23.0-rc.')
    }
    expect(byName.get('job-summary')!.markdown).toContain('### Environments')
    expect(byName.get('pr-comment')!.markdown).toContain('already present before this change; see [the job summary]')
  })

  it('render GitHub-flavoured Markdown with the GitHub stylesheet linked from node_modules, not copied', () => {
    for (const page of pages) {
      expect(page.html).toContain('<table>')
      expect(page.html).toContain('<article class="markdown-body">')
      const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.html)?.[1]
      expect(href).toMatch(/^file:.*github-markdown-css\/github-markdown-light\.css$/)
      expect(existsSync(fileURLToPath(href!))).toBe(true)
      expect(page.html).not.toMatch(/\.markdown-body table\s*\{/)
    }
  })

  it.each(['job-summary', 'pr-comment'])('have a committed PNG, %s.png, as wide as the page', (name) => {
    const png = readFileSync(join(REPO_ROOT, 'docs', 'screenshots', `${name}.png`))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(byName.get(name)!.width)
    expect(png.readUInt32BE(20)).toBeLessThanOrEqual(byName.get(name)!.maxHeight)
  })
})
