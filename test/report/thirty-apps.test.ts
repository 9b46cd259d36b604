import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { BROKEN_TEAM, platformGitops, writeTree } from '../fixtures/generated/platform-gitops.js'

const DATE = '2026-12-07'

async function scanThirtyApps() {
  const root = mkdtempSync(join(tmpdir(), 'kcg-thirty-'))
  writeTree(root, platformGitops())
  return runGate({ root, failOn: 'error', date: DATE })
}

describe('a repository of thirty applications with one error', () => {
  it('puts the error within the first 10 lines of the text report', async () => {
    const { report } = await scanThirtyApps()
    const lines = renderText(report, { color: false }).split('\n')
    const at = lines.findIndex((line) => /\berror\b/.test(line) && line.includes(`apps/${BROKEN_TEAM}/vcluster.yaml`))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(at).toBeLessThan(10)
  })

  it('makes the error the first row of the Markdown findings', async () => {
    const { report } = await scanThirtyApps()
    const markdown = renderMarkdown(report)
    const firstRow = markdown.split('\n').find((line) => line.startsWith('| ❌ ') || line.startsWith('| ⚠️ ') || line.startsWith('| ℹ️ '))
    expect(firstRow).toMatch(/^\| ❌ \| \*\*vcluster below 0\.23\.0-rc\.\d leaves every pod Pending/)
  })

  it('gives one finding per entry and version set, each listing every location', async () => {
    const { report } = await scanThirtyApps()
    const keys = report.findings.map((finding) => {
      const versions = finding.declarations.map((index) => {
        const d = report.declarations[index]!
        return `${d.component}/${d.role ?? ''}/${d.distro ?? ''}@${d.version}`
      })
      return `${finding.id}|${finding.status ?? ''}|${[...new Set(versions)].sort().join(',')}`
    })
    expect(new Set(keys).size).toBe(keys.length)
    // The 29 healthy teams share vcluster 0.30.4: its end of life is one finding with 29 locations.
    const endOfLife = report.findings.filter((finding) => finding.id === 'vcluster-end-of-life')
    const of030 = endOfLife.find((finding) => finding.message.includes('0.30'))!
    expect(of030.locations).toHaveLength(29)
    expect(of030.locations[0]).toMatchObject({ file: of030.file, line: of030.line, column: of030.column })
    expect(report.findings.length).toBeLessThan(12)
  })
})
