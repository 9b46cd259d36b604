import { describe, expect, it } from 'vitest'
import { chart, pullRequestPayload, runAction, TempRepo, useGitHubStandIn } from '../github/action-harness.js'

/**
 * Repository text in places GitHub interprets: a directory name that closes the suggestion's
 * hidden HTML marker (it rendered `**approved by @acme/admins**` as the bot's own words) and
 * file names holding ESC and U+2028 (which @actions/core passes into workflow commands).
 */
const github = useGitHubStandIn()

/** The seed incident's files moved under `dir`. */
function chartIn(dir: string, vcluster: string, k3s: string): Record<string, string> {
  return Object.fromEntries(Object.entries(chart(vcluster, k3s)).map(([path, text]) => [path.replace('clusters/dev', dir), text]))
}

describe('dist/index.js with hostile names', () => {
  it('keeps a directory name inside the suggestion marker', async () => {
    const dir = 'x --> **approved by @acme/admins** <!--'
    const repo = new TempRepo()
    const base = repo.commit(chartIn(dir, '0.21.0', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit(chartIn(dir, '0.22.1', 'v1.32.0-k3s1'), 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 601), apiUrl: github().url, sha: head, inputs: { comment: 'never', 'suggest-fixes': 'true' } })
    expect(run.outputs.result).toBe('failed')
    const suggestions = github().reviewComments.get(601) ?? []
    expect(suggestions.length).toBeGreaterThan(0)
    for (const suggestion of suggestions) {
      const body = String(suggestion.body)
      const firstLine = body.split('\n')[0]!
      expect(firstLine).toMatch(/^<!-- kube-compat-gate-suggestion \S+ \S+:\d+ -->$/)
      expect(firstLine).toContain('x%20--%3E%20**approved%20by%20%40acme/admins**%20%3C!--/Chart.yaml')
      // Exactly one comment closer in the whole body: the marker's own.
      expect(body.split('-->')).toHaveLength(2)
    }
    // A rerun finds the suggestions again by the encoded marker and posts none twice.
    await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 601), apiUrl: github().url, sha: head, inputs: { comment: 'never', 'suggest-fixes': 'true' } })
    expect(github().reviewComments.get(601)).toHaveLength(suggestions.length)
  }, 120_000)

  it('cites lines as GitHub numbers them (at LF only) when a comment holds a lone CR, and suggests on that line (redteam R03, R05)', async () => {
    const repo = new TempRepo()
    const base = repo.commit(chart('0.22.1', 'v1.31.4-k3s1'), 'base')
    const seed = chart('0.22.0', 'v1.32.0-k3s1')
    const head = repo.commit({
      'clusters/dev/Chart.yaml': seed['clusters/dev/Chart.yaml']!.replace('    version: 0.22.0\n', '    # pinned\r    # for now\n    version: 0.22.0\n'),
      'clusters/dev/values.yaml': seed['clusters/dev/values.yaml']!.replace('        image:\n', '        # note\r        # more\n        image:\n')
    }, 'bump, with lone CRs in comments')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 607), apiUrl: github().url, sha: head, inputs: { comment: 'never', 'suggest-fixes': 'true' } })
    expect(run.outputs.result).toBe('failed')
    // Chart.yaml: the version is on LF line 7 (a YAML reader sees 8 lines before it); values.yaml: the tag on LF line 9.
    expect(run.stdout).toMatch(/^::error [^\n]*file=clusters\/dev\/Chart\.yaml,line=7,/m)
    expect(run.outputs.findings).toContain('clusters/dev/values.yaml:9')
    const suggestions = (github().reviewComments.get(607) ?? []).filter((comment) => String(comment.path).endsWith('Chart.yaml'))
    expect(suggestions.length).toBeGreaterThan(0)
    for (const suggestion of suggestions) {
      expect(suggestion.line).toBe(7)
      expect(String(suggestion.body)).toMatch(/```suggestion\n {4}version: 0\.23/)
    }
  }, 120_000)

  it('writes no raw ESC or U+2028 from a file name into a workflow command', async () => {
    const dir = 'dev\u001b[8m\u2028::error::forged'
    const repo = new TempRepo()
    const base = repo.commit(chartIn(dir, '0.22.1', 'v1.31.4-k3s1'), 'base')
    const head = repo.commit(chartIn(dir, '0.22.1', 'v1.32.0-k3s1'), 'bump')
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head, 602), apiUrl: github().url, sha: head, inputs: { comment: 'never' } })
    expect(run.outputs.result).toBe('failed')
    const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'))
    expect(commands.some((line) => line.includes('dev\ufffd[8m\ufffd::error::forged/Chart.yaml'))).toBe(true)
    for (const line of commands) expect(line).not.toMatch(/[\u001b\u2028\u2029]/)
  }, 120_000)
})
