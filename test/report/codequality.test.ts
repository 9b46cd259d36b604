import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderCodeQuality, type CodeQualityIssue } from '../../src/report/codequality.js'
import { REPO_ROOT, tempDir } from '../helpers/run-bundle.js'

const EXAMPLES = join(REPO_ROOT, 'examples')
const SEED = 'vcluster-qosclass-immutable-k8s-1.32'

async function issuesOf(root: string, baseRoot?: string): Promise<CodeQualityIssue[]> {
  const result = await runGate({ root, failOn: 'error', date: '2026-12-01', ...(baseRoot ? { baseRoot } : {}) })
  return JSON.parse(renderCodeQuality(result.report)) as CodeQualityIssue[]
}

describe('renderCodeQuality (GitLab Code Quality report)', () => {
  it('reports each finding at its declaring line with the fields GitLab requires', async () => {
    const issues = await issuesOf(join(EXAMPLES, 'vcluster-upgrade-to-1.32'))
    expect(issues.find((issue) => issue.check_name === SEED)).toEqual({
      description: expect.stringMatching(/^vcluster below 0\.23\.0-rc\.\d leaves every pod Pending .*: vcluster 0\.22\.1 at clusters\/dev\/Chart\.yaml:8 /),
      check_name: SEED,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'critical',
      location: { path: 'clusters/dev/Chart.yaml', lines: { begin: 8 } }
    })
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity'])
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity)
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1)
      expect(issue.description).not.toMatch(/[\n\r]/)
    }
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length)
    expect(new Set(issues.map((issue) => issue.severity))).toEqual(new Set(['critical', 'minor', 'info']))
  })

  it('keeps fingerprints when a declaring line moves, so GitLab does not call the finding new', async () => {
    const moved = tempDir('kcg-codequality-')
    cpSync(join(EXAMPLES, 'vcluster-upgrade-to-1.32'), moved, { recursive: true })
    const chart = join(moved, 'clusters', 'dev', 'Chart.yaml')
    writeFileSync(chart, `# a comment that moves every line down\n${readFileSync(chart, 'utf8')}`)
    const before = await issuesOf(join(EXAMPLES, 'vcluster-upgrade-to-1.32'))
    const after = await issuesOf(moved)
    expect(after.map((issue) => issue.fingerprint).sort()).toEqual(before.map((issue) => issue.fingerprint).sort())
    expect(after.find((issue) => issue.check_name === SEED)!.location.lines.begin).toBe(9)
  })

  it('leaves out what the change fixed', async () => {
    const issues = await issuesOf(join(EXAMPLES, 'vcluster-0.23-with-1.32'), join(EXAMPLES, 'vcluster-upgrade-to-1.32'))
    expect(issues.map((issue) => issue.check_name)).not.toContain(SEED)
  })
})
