import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { writeTree } from '../fixtures/generated/platform-gitops.js'

const WORKFLOW = `name: ci
on: push
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: helm/kind-action@v1
        with:
          node_image: kindest/node:v1.33.1
          kubectl_version: v1.30.0
`

describe('a shared upgrade in the text and Markdown reports', () => {
  it('says a shared upgrade once and names the finding it belongs to under the next', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kcg-text-'))
    writeTree(root, { '.github/workflows/ci.yaml': WORKFLOW })
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    const fixes = renderText(report, { color: false })
      .split('\n')
      .filter((line) => line.startsWith('    fix: '))
    expect(fixes).toHaveLength(2)
    expect(fixes[0]).toMatch(/^ {4}fix: Move to host Kubernetes (1\.\d+) \(now 1\.33\), kubectl \1 \(now 1\.30\.0\): the nearest versions/)
    expect(fixes[1]).toBe('    fix: the same upgrade as kubernetes-end-of-life above')
  })

  it('writes a shared upgrade once in the Markdown table and points at it from the next row', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kcg-markdown-'))
    writeTree(root, { '.github/workflows/ci.yaml': WORKFLOW })
    const { report } = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    const rows = renderMarkdown(report).split('\n').filter((line) => line.startsWith('| ⚠️ '))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/\| Move to host Kubernetes 1\.\d+ \\\(now 1\.33\\\), kubectl/)
    expect(rows[1]).toMatch(/\| ↑ The same upgrade as the row above\. \|$/)
  })
})
