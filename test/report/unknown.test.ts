import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderComment } from '../../src/report/github/comment-body.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderSarif, UNKNOWN_RULE_ID } from '../../src/report/sarif.js'
import { renderText } from '../../src/report/text.js'
import { LOOKED_FOR, nothingFoundAnnotation, unknownAnnotations } from '../../src/report/unknown.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * Issue 18/19: a place where the repository uses a version that cannot be read is one `unknown`
 * marker, listed once with its cause near the top of every report, counted once in summary.unknown,
 * and (when it fills an environment's slot) never replaced by a default.
 */
const DATE = '2026-12-07'
const PAIRING = join(import.meta.dirname, '..', 'fixtures', 'pairing')

async function gateOf(files: Record<string, string>, strict = false) {
  const root = tempDir()
  writeTree(root, files)
  return runGate({ root, failOn: 'error', date: DATE, strict })
}

const CHART_OF = (version: string) => `apiVersion: v2\nname: tenant\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${version}\n    repository: https://charts.loft.sh\n`
const CHART = CHART_OF('0.22.1')
const KIND = (image: string) => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: ${image}\n`

describe('one marker per place whose version cannot be read', () => {
  it.each([
    ['chart without version', { 'deploy/tenant.toml': '[release]\nchart = "vcluster"\nrepository = "https://charts.loft.sh"\n' }, 'deploy/tenant.toml:2', 'no-version', undefined],
    ['`latest` image (exact reader)', { 'kind.yaml': KIND('kindest/node:latest') }, 'kind.yaml:5', 'latest', 'host'],
    ['untagged image (exact reader)', { 'kind.yaml': KIND('kindest/node') }, 'kind.yaml:5', 'latest', 'host'],
    ['kubectl image tagged latest (generic detector)', { 'deploy/job.yaml': 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: apply\n          image: bitnami/kubectl:latest\n' }, 'deploy/job.yaml:8', 'latest', 'kubectl'],
    ['shell variable with no value', { 'hack/up.sh': '#!/bin/sh\nkind create cluster --image "kindest/node:${NODE_VERSION}"\n' }, 'hack/up.sh:2', 'no-value', 'host'],
    ['Terraform variable with no value (generic detector)', { 'infra/variables.tf': 'variable "kubernetes_version" {\n  type = string\n}\n' }, 'infra/variables.tf:1', 'no-value', 'host'],
    ['tool default', { 'hack/up.sh': '#!/bin/sh\nkind create cluster --name dev\n' }, 'hack/up.sh:2', 'tool-default', undefined]
  ] as const)('%s: one entry with its cause, counted once', async (_name, files, where, cause, slot) => {
    const { report } = await gateOf(files)
    expect(report.unknown.map((place) => place.cause)).toEqual([cause])
    const [place] = report.unknown
    if (where) expect(`${place!.file}:${place!.line}`).toBe(where)
    expect(place!.slot).toBe(slot)
    expect(report.summary.unknown).toBe(1)
    const text = renderText(report, { color: false }).split('\n')
    expect(text[0]).toBe('A version is used but could not be read, so the gate cannot check it:')
    expect(text[1]).toContain(`${place!.file}:${place!.line}  `)
    // Listed once: not again among the files that could not be fully read.
    expect(text.filter((line) => line.includes(`${place!.file}:${place!.line}  `))).toHaveLength(1)
  })

  it('the templated values of issue 19: one place, in every format, though the scan said it twice', async () => {
    const result = await runGate({ root: join(PAIRING, 'seed-templated-values'), failOn: 'error', date: DATE })
    const { report } = result
    expect(report.unknown).toEqual([
      expect.objectContaining({ file: 'clusters/dev/values.yaml', line: 7, cause: 'template', slot: 'virtual', component: 'kubernetes', role: 'virtual' })
    ])
    expect(report.summary).toMatchObject({ unknown: 1, unresolved: 1 })
    const text = renderText(report, { color: false })
    expect(text.split('\n')[1]).toMatch(/^ {2}clusters\/dev\/values\.yaml:7 {2}template expression — virtual cluster Kubernetes version/)
    expect(text).not.toContain('Files that could not be fully read')
    const markdown = renderMarkdown(report)
    expect(markdown.slice(0, markdown.indexOf('### '))).toContain('- `clusters/dev/values.yaml:7`: template expression — ')
    expect(markdown).not.toContain('Files that could not be fully read')
    const comment = renderComment(report, { marker: '<!-- m -->', sha: 'a'.repeat(40), runUrl: undefined, previous: false })
    expect(comment.slice(0, comment.indexOf('####'))).toContain('- `clusters/dev/values.yaml:7`: template expression — ')
    const sarif = JSON.parse(renderSarif(report, result.database)) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: unknown[] }>; tool: { driver: { rules: Array<{ id: string }> } } }> }
    const unknownResults = sarif.runs[0]!.results.filter((r) => r.ruleId === UNKNOWN_RULE_ID)
    expect(unknownResults).toHaveLength(1)
    expect(unknownResults[0]!.level).toBe('warning')
    expect(sarif.runs[0]!.tool.driver.rules.at(-1)!.id).toBe(UNKNOWN_RULE_ID)
    expect(unknownAnnotations(report, 'sub/').map((a) => [a.properties.file, a.properties.startLine, a.message.split(' — ')[0]])).toEqual([['sub/clusters/dev/values.yaml', 7, 'template expression']])
  })

  it('values that do not parse: the place is named at the top (the scan said it only as an unknown)', async () => {
    const { report } = await runGate({ root: join(PAIRING, 'seed-unterminated-values'), failOn: 'error', date: DATE })
    expect(report.unknown).toEqual([expect.objectContaining({ file: 'clusters/dev/values.yaml', line: 7, cause: 'unreadable', slot: 'virtual' })])
    expect(renderText(report, { color: false }).split('\n')[1]).toMatch(/^ {2}clusters\/dev\/values\.yaml:7 {2}unreadable file — virtual Kubernetes version: the values do not parse/)
  })
})

describe('a `latest` host is unknown, not a pass (issue 19 leftovers)', () => {
  const files = {
    'tenants/a/Chart.yaml': CHART,
    // Another release: grouping by the versions beside the unknown would split its findings from tenant a's.
    'tenants/b/Chart.yaml': CHART_OF('0.22.0'),
    'hack/kind.yaml': KIND('kindest/node:latest')
  }

  it('the tenants paired with it cannot be decided (a warning at the place), one line per place, --strict fails', async () => {
    const { report, findings } = await gateOf(files)
    expect(report.unknown.map((place) => `${place.file}:${place.line} ${place.cause} ${place.slot}`)).toEqual(['hack/kind.yaml:5 latest host'])
    const hosts = report.environments.filter((e) => e.unknown?.some((u) => u.slot === 'host'))
    expect(hosts.length).toBe(2)
    const undecided = findings.filter((f) => /^Cannot be decided: the host Kubernetes version at hack\/kind\.yaml:5/.test(f.message))
    expect(undecided.length).toBeGreaterThan(0)
    expect(undecided.every((f) => f.severity === 'warning')).toBe(true)
    // One finding per entry for the one place, covering both tenants (not one finding per environment).
    expect(new Set(undecided.map((f) => f.id)).size).toBe(undecided.length)
    for (const finding of undecided) {
      const tenants = new Set(finding.declarations.filter((d) => d.component === 'vcluster').map((d) => d.file))
      expect([...tenants].sort()).toEqual(['tenants/a/Chart.yaml', 'tenants/b/Chart.yaml'])
    }
    const text = renderText(report, { color: false })
    expect(text.split('\n').filter((line) => line.startsWith('  hack/kind.yaml:5  '))).toHaveLength(1)
    expect(report.summary.passed).toBe(true)
    expect((await gateOf(files, true)).report.summary.passed).toBe(false)
  })

  it('a pinned host decides the same tenants', async () => {
    const { report, findings } = await gateOf({ ...files, 'hack/kind.yaml': KIND('kindest/node:v1.31.4') })
    expect(report.unknown).toEqual([])
    expect(findings.some((f) => f.message.startsWith('Cannot be decided'))).toBe(false)
  })
})

describe('a value only a generic detector reads is unknown too (never the release default)', () => {
  const files = {
    'tenant/Chart.yaml': CHART,
    'tenant/values.yaml': 'controlPlane:\n  distro:\n    k3s:\n      enabled: true\n',
    'tenant/cluster.toml': '[cluster]\nkubernetes_version = "{{ .Env.K8S }}"\n'
  }

  it('the place is unknown in the environment, findings needing it cannot be decided, --strict fails', async () => {
    const { report } = await gateOf(files)
    expect(report.unknown.map((place) => `${place.file}:${place.line} ${place.cause} ${place.slot}`)).toEqual(['tenant/cluster.toml:2 template host'])
    const paired = report.environments.find((e) => e.vcluster !== undefined && e.unknown?.length)
    expect(paired?.unknown).toEqual([expect.objectContaining({ slot: 'host', file: 'tenant/cluster.toml', line: 2, version: 'unknown' })])
    expect((await gateOf(files, true)).report.summary.passed).toBe(false)
  })
})

describe('a report that found nothing at all says what it looked for, in every format', () => {
  it.each([
    ['text', (r: Awaited<ReturnType<typeof gateOf>>['report']) => renderText(r, { color: false })],
    ['Markdown', (r: Awaited<ReturnType<typeof gateOf>>['report']) => renderMarkdown(r)],
    ['pull request comment', (r: Awaited<ReturnType<typeof gateOf>>['report']) => renderComment(r, { marker: '<!-- m -->', sha: 'a'.repeat(40), runUrl: undefined, previous: false })],
    ['JSON', (r: Awaited<ReturnType<typeof gateOf>>['report']) => `No versions found in ${r.summary.filesScanned} files. Looked for ${r.lookedFor}.`],
    ['annotation', (r: Awaited<ReturnType<typeof gateOf>>['report']) => nothingFoundAnnotation(r)?.message ?? '']
  ])('%s', async (_format, render) => {
    const { report } = await gateOf({ 'docs/notes.md': 'nothing here\n', 'app/config.yaml': 'name: web\nversion: 1.2.3\n' })
    expect(report.lookedFor).toBe(LOOKED_FOR)
    // Markdown escapes its own characters (the parentheses); the words are the same.
    expect(render(report).replace(/\\/g, '')).toContain(`No versions found in 2 files. Looked for ${LOOKED_FOR}.`)
  })

  it('a report with versions and nothing unread adds nothing', async () => {
    const { report } = await gateOf({ 'kind.yaml': KIND('kindest/node:v1.31.4') })
    expect(report.summary).toMatchObject({ unknown: 0, unresolved: 0 })
    expect(report.lookedFor).toBeUndefined()
    expect(nothingFoundAnnotation(report)).toBeUndefined()
    expect(renderText(report, { color: false })).not.toMatch(/could not be read|No versions found/)
  })
})
