import { describe, expect, it } from 'vitest'
import { chart, runAction, schedulePayload, TempRepo, useGitHubStandIn } from '../github/action-harness.js'

/** Scheduled audits of the built action: one tracking issue, kept up to date, closed when clean. */
const github = useGitHubStandIn()

describe('dist/index.js on a schedule (audit mode)', () => {
  it('opens one issue, updates it on the next audit, and closes it with a comment when clean', async () => {
    const repo = new TempRepo()
    const broken = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'broken')
    const audit = (sha: string) => runAction({ workspace: repo.dir, eventName: 'schedule', payload: schedulePayload(), apiUrl: github().url, sha })

    const first = await audit(broken)
    expect(first.code).toBe(1)
    expect(first.stdout).toContain('audit mode on the "schedule" event')
    expect(first.stdout).toMatch(/^::error title=vcluster below [^\n]*file=clusters\/dev\/Chart\.yaml,line=6/m)
    expect(first.stdout).toContain('audit issue: created (#1)')
    expect(github().issues).toHaveLength(1)
    expect(github().issues[0]).toMatchObject({ state: 'open', title: expect.stringMatching(/^kube-compat-gate: \d+ known incompatibilit(y|ies)$/) })
    expect((github().issues[0]!.labels as Array<{ name: string }>).map((label) => label.name)).toEqual(['kube-compat-gate'])
    expect(github().issues[0]!.body).toMatch(/vcluster below 0\.23\.0-rc\.\d/)

    expect(github().labels.map((label) => label.name)).toEqual(['kube-compat-gate'])

    const second = await audit(broken)
    expect(second.stdout).toContain('audit issue: updated (#1)')
    expect(github().issues).toHaveLength(1)
    expect(github().callsTo('issues/create')).toHaveLength(1)

    // The team moves the virtual cluster out of this repository: nothing is declared any more.
    repo.git('rm', '-q', '-r', 'clusters')
    repo.git('commit', '-q', '-m', 'move the cluster out')
    const clean = repo.git('rev-parse', 'HEAD').trim()
    const third = await audit(clean)
    expect(third.code).toBe(0)
    expect(third.stdout).toContain('audit issue: closed (#1)')
    expect(github().issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(github().comments.get(1)?.map((comment) => comment.body)).toEqual([
      expect.stringContaining(`The audit of commit ${clean.slice(0, 12)} found no known incompatibilities any more`)
    ])
    expect(github().checkRuns.map((run) => run.create.conclusion)).toEqual(['failure', 'failure', 'success'])
    expect(github().violations).toEqual([])
  })

  it('says which permission is missing when it may not write issues, and still decides', async () => {
    github().faults = [
      { operationId: 'issues/create', status: 403 },
      { operationId: 'checks/create', status: 403 }
    ]
    const repo = new TempRepo()
    const broken = repo.commit(chart('0.22.1', 'v1.32.0-k3s1'), 'broken')
    github().issues.length = 0
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch', payload: { inputs: {} }, apiUrl: github().url, sha: broken })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::warning::kube-compat-gate could not update the audit issue: GitHub answered 403 [^\n]*"permissions: issues: write"/m)
    expect(github().issues).toEqual([])
  })

  it('annotates ten errors in the step and sends all of them to the check run', async () => {
    const repo = new TempRepo()
    const files: Record<string, string> = {}
    for (let i = 0; i < 12; i++) {
      for (const [path, text] of Object.entries(chart('0.22.1', 'v1.32.0-k3s1'))) files[path.replace('clusters/dev/', `clusters/team-${i}/`)] = text
    }
    const sha = repo.commit(files, 'twelve broken clusters')
    const run = await runAction({ workspace: repo.dir, eventName: 'push', payload: { ref: 'refs/heads/main' }, apiUrl: github().url, sha, inputs: { 'github-token': 'ghs_secretToken123' } })

    expect(run.code).toBe(1)
    expect(run.stdout.match(/^::error title=/gm)).toHaveLength(10)
    const findings = JSON.parse(run.outputs.findings!) as Array<{ id: string }>
    // Twelve clusters on the same versions: one finding with twelve locations, each annotated.
    const seed = findings.filter((finding) => finding.id === 'vcluster-qosclass-immutable-k8s-1.32') as unknown as Array<{ locations: unknown[] }>
    expect(seed).toHaveLength(1)
    expect(seed[0]!.locations).toHaveLength(12)
    expect(run.stdout).toMatch(/^::notice::\d+ more locations are not annotated here \(GitHub shows 10 per type\); see the job summary and the kube-compat-gate check run\.$/m)
    // Every location of every finding reaches the check run, 50 per request.
    const check = github().checkRuns.at(-1)!
    const sent = [check.create, ...check.updates].flatMap((output) => (output.output as { annotations?: unknown[] }).annotations ?? [])
    const locations = (findings as unknown as Array<{ locations: unknown[] }>).reduce((sum, finding) => sum + finding.locations.length, 0)
    expect(sent).toHaveLength(locations)
    expect(locations).toBeGreaterThan(50)
    expect(run.summary).toContain(`### Findings (${findings.length})`)
  })
})
