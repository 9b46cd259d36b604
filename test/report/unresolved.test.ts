import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { LOOKED_FOR, unresolvedAnnotations } from '../../src/report/unresolved.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/** Issue 18: a repository that uses vcluster or creates clusters without a readable version never passes silently. */
async function reportOf(files: Record<string, string>) {
  const root = tempDir()
  writeTree(root, files)
  return (await runGate({ root, failOn: 'error' })).report
}

const UNREAD = {
  'deploy/tenant.toml': '[release]\nchart = "vcluster"\nrepository = "https://charts.loft.sh"\n',
  'hack/up.sh': '#!/bin/sh\nkind create cluster --image "kindest/node:${NODE_VERSION}"\n',
  'README.md': 'vcluster 0.22.1 is what we run\n'
}

describe('versions that are used but cannot be read', () => {
  it('are named with file, line and why at the top of the text and Markdown reports, and counted in JSON', async () => {
    const report = await reportOf(UNREAD)
    expect(report.summary.passed).toBe(true)
    expect(report.summary.unresolved).toBe(2)
    expect(report.diagnostics.filter((d) => d.unresolved).map((d) => `${d.file}:${d.line}`)).toEqual(['deploy/tenant.toml:2', 'hack/up.sh:2'])

    const text = renderText(report, { color: false }).split('\n')
    expect(text[0]).toBe('2 versions are used but could not be read, so the gate cannot check them:')
    expect(text[1]).toMatch(/^ {2}deploy\/tenant\.toml:2 {2}vcluster chart without a version/)
    expect(text[2]).toMatch(/^ {2}hack\/up\.sh:2 {2}.*NODE_VERSION/)

    const markdown = renderMarkdown(report)
    const top = markdown.slice(0, markdown.indexOf('No known incompatibilities'))
    expect(top).toContain('⚠️ 2 versions are used but could not be read')
    expect(top).toContain('- `deploy/tenant.toml:2`: vcluster chart without a version')
  })

  it('become warning annotations at their line', async () => {
    const annotations = unresolvedAnnotations(await reportOf(UNREAD), 'sub/')
    expect(annotations.map((a) => [a.properties.file, a.properties.startLine])).toEqual([
      ['sub/deploy/tenant.toml', 2],
      ['sub/hack/up.sh', 2]
    ])
  })

  it('a report that found nothing says what it looked for', async () => {
    const report = await reportOf({ 'docs/notes.md': 'nothing here\n', 'app/config.yaml': 'name: web\nversion: 1.2.3\n' })
    expect(report.declarations).toEqual([])
    expect(renderText(report, { color: false })).toContain(`No versions found in 2 files. Looked for ${LOOKED_FOR}.`)
    expect(renderMarkdown(report)).toContain('No versions found in 2 files.')
  })

  it('a report with versions and nothing unread adds nothing', async () => {
    const report = await reportOf({ 'kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:v1.31.4\n' })
    expect(report.summary.unresolved).toBe(0)
    expect(renderText(report, { color: false })).not.toMatch(/could not be read|No versions found/)
  })
})
