import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn } from '../github/action-harness.js'

/**
 * One declaring file with 40,000 changed lines. The changed-lines diff used to grow
 * quadratically (20,000 lines: 73 s; 40,000: no result after 300 s). Now it stops at a bound and
 * the gate says it did not compute the changed lines of that file; the verdict is unchanged.
 */
const github = useGitHubStandIn()

function valuesWith(lines: number, value: string): string {
  const filler = Array.from({ length: lines }, (_, i) => `  key${i}: ${value}-${i}`).join('\n')
  return `${chart('0.22.1', 'v1.32.0-k3s1')['clusters/dev/values.yaml']}extra:\n${filler}\n`
}

describe('dist/index.js on a pull request that rewrites a large declaring file', () => {
  it('decides, and says the changed lines of that file were not computed', async () => {
    const repo = new TempRepo()
    const base = repo.commit({ ...chart('0.22.1', 'v1.31.4-k3s1'), 'clusters/dev/values.yaml': valuesWith(40_000, 'old').replace('v1.32.0-k3s1', 'v1.31.4-k3s1') }, 'base')
    const head = repo.commit({ ...chart('0.22.1', 'v1.32.0-k3s1'), 'clusters/dev/values.yaml': valuesWith(40_000, 'new') }, 'rewrite')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 501), apiUrl: github().url, sha: head, inputs: { comment: 'never', 'suggest-fixes': 'true' } })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.stdout).toMatch(/^::error title=\(new\) [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
    expect(run.summary).toMatch(/clusters\/dev\/values\.yaml.*changed lines not computed: more than 1000 lines differ from the base/)
  }, 120_000)
})
