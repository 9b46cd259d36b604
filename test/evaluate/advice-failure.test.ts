import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

// The advice is made to throw, as it once did on a version text it could not order.
vi.mock('../../src/evaluate/advisor.js', async (original) => ({
  ...(await original<typeof import('../../src/evaluate/advisor.js')>()),
  adviseUpgrade: () => {
    throw new TypeError('Invalid Version: 0.13')
  }
}))

describe('a failure inside the fix advice', () => {
  it('costs the "fix:" lines, not the report or the verdict, and is said once at a declaration', async () => {
    const { report } = await runGate({ root: join(REPO_ROOT, 'examples/vcluster-upgrade-to-1.32'), failOn: 'error', date: '2026-12-07' })
    expect(report.findings.some((finding) => finding.severity === 'error' && finding.id === 'vcluster-qosclass-immutable-k8s-1.32')).toBe(true)
    const notes = report.diagnostics.filter((diagnostic) => diagnostic.message.startsWith('no fix advice'))
    expect(notes).toEqual([expect.objectContaining({ file: expect.stringMatching(/\S/), line: expect.any(Number), message: 'no fix advice for this environment: Invalid Version: 0.13 (the findings and the verdict are not affected)' })])
  })
})
