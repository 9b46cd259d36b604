import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { pullRequestPayload, runAction, TempRepo, type ActionRun } from '../github/action-harness.js'
import { GitHubStandIn } from '../github/stand-in.js'
import { runBundle, tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * A pull request from someone who names a directory to break every surface the gate writes to:
 * `%`, CRLF, a workflow command, HTML, a table separator, backticks, an HTML comment, a SARIF
 * link and a team mention. Each surface must show exactly the escaped text below.
 */
const DIR = 'evil %0A\r\n::error::pwned | `tick` <script>alert(1)</script> <!-- hidden --> [x](0) @org/team'
/** A value that is not a version carries the same into a diagnostic. */
const BAD_TAG = '{{ x }} <!-- y --> | `z` @org/team %0A::error::w'

// Workflow command properties: a carriage return is shown as U+FFFD (forWorkflowCommand), then @actions/core escapes %, LF, ':' and ','.
const ANNOTATION_FILE = 'evil %250A\ufffd%0A%3A%3Aerror%3A%3Apwned | `tick` <script>alert(1)</script> <!-- hidden --> [x](0) @org/team'
// Workflow command data: % and line breaks escaped; the rest is inert in the middle of a line.
const ANNOTATION_TEXT = 'evil %250A\ufffd%0A::error::pwned | `tick` <script>alert(1)</script> <!-- hidden --> [x](0) @org/team'
// A check run annotation: plain text (GitHub shows it as text), cleaned as a workflow command is: the CR shown as U+FFFD, the newline kept.
const CHECK_RUN_TEXT = 'evil %0A\ufffd\n::error::pwned | `tick` <script>alert(1)</script> <!-- hidden --> [x](0) @org/team'
// Markdown text: line break to a space, HTML as entities, structure characters escaped, mention broken.
const MARKDOWN = 'evil %0A ::error::pwned \\| \\`tick\\` &lt;script&gt;alert\\(1\\)&lt;/script&gt; &lt;\\!-- hidden --&gt; \\[x\\]\\(0\\) @\u200borg/team'
// A link into the commit: each path segment percent-encoded, parentheses too.
const URL_PATH = 'evil%20%250A%0D%0A%3A%3Aerror%3A%3Apwned%20%7C%20%60tick%60%20%3Cscript%3Ealert%281%29%3C/script%3E%20%3C!--%20hidden%20--%3E%20%5Bx%5D%280%29%20%40org/team'
// SARIF: a relative URI, and plain text whose brackets cannot form a link to a related location.
const SARIF_URI = 'evil%20%250A%0D%0A%3A%3Aerror%3A%3Apwned%20%7C%20%60tick%60%20%3Cscript%3Ealert(1)%3C/script%3E%20%3C!--%20hidden%20--%3E%20%5Bx%5D(0)%20%40org/team'
const SARIF_TEXT = 'evil %0A\ufffd\n::error::pwned | `tick` <script>alert(1)</script> <!-- hidden --> \\[x\\](0) @org/team'
// A terminal or CI log line: control characters, the newline included, shown as U+FFFD.
const TERMINAL = 'evil %0A\ufffd\ufffd::error::pwned | `tick` <script>alert(1)</script> <!-- hidden --> [x](0) @org/team'

const chart = (vcluster: string): string =>
  `apiVersion: v2\nname: t\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${vcluster}\n    repository: https://charts.loft.sh\n`
const values = (tag: string): string => `vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          tag: ${tag}\n`

const SEED_TITLE = 'vcluster below 0.23.0-rc.3 leaves every pod Pending with a Kubernetes 1.32 virtual cluster'
const seedMessage = (dir: string): string => `vcluster 0.22.1 at ${dir}/Chart.yaml:6 with virtual Kubernetes v1.32.0-k3s1 (k3s) at ${dir}/values.yaml:7.`
const seedMarkdown = (dir: string): string =>
  `vcluster 0.22.1 at ${dir}/Chart.yaml:6 with virtual Kubernetes v1.32.0-k3s1 \\(k3s\\) at ${dir}/values.yaml:7.`
/** The upgrade advisor's fix for these versions on the day the test runs, read from a clean copy of the chart. */
let FIX = ''

describe('repository text that tries to inject into what the gate writes', () => {
  let head = ''
  let run: ActionRun
  let github: GitHubStandIn
  let repo: TempRepo

  beforeAll(async () => {
    const clean = tempDir('kcg-fix-')
    writeTree(clean, { 'Chart.yaml': chart('0.22.1'), 'values.yaml': values('v1.32.0-k3s1') })
    const findings = (JSON.parse(runBundle('cli', ['scan', clean, '--format', 'json']).stdout) as { findings: Array<{ id: string; remediation: string }> }).findings
    FIX = findings.find((finding) => finding.id === 'vcluster-qosclass-immutable-k8s-1.32')!.remediation
    expect(FIX).toMatch(/^Move to /)
    github = await GitHubStandIn.start()
    try {
      repo = new TempRepo()
      const base = repo.commit({ [`${DIR}/Chart.yaml`]: chart('0.22.1'), [`${DIR}/values.yaml`]: values('v1.31.4-k3s1') }, 'base')
      head = repo.commit({ [`${DIR}/values.yaml`]: values('v1.32.0-k3s1'), 'bad/values.yaml': values(JSON.stringify(BAD_TAG)) }, 'bump')
      run = await runAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head), apiUrl: github.url, sha: head })
    } finally {
      await github.close()
    }
  }, 60_000)

  it('is escaped in the workflow command that annotates the line', () => {
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')).toContain(
      `::error title=(new) ${SEED_TITLE} [vcluster-qosclass-immutable-k8s-1.32],file=${ANNOTATION_FILE}/Chart.yaml,line=6,col=14::` +
        `${seedMessage(ANNOTATION_TEXT)}%0AFix: ${FIX}%0ASource: https://github.com/loft-sh/vcluster/issues/2472`
    )
    // No line the runner reads as a command comes from the repository.
    expect(run.stdout.split('\n').filter((line) => /^::error::(?!kube-compat-gate failed)/.test(line) || line.startsWith('::error::pwned'))).toEqual([])
    expect(run.stdout).not.toContain('\r')
    expect(github.violations).toEqual([])
  })

  it('is escaped in the job summary: the finding, its links and the diagnostic', () => {
    const link = (file: string, line: number): string =>
      `[${MARKDOWN}/${file}:${line}](https://github.com/Codertocat/Hello-World/blob/${head}/${URL_PATH}/${file}#L${line})`
    expect(run.summary.split('\n')).toContain(
      `| ❌ | **${SEED_TITLE}**<br>${seedMarkdown(MARKDOWN)} ([vcluster-qosclass-immutable-k8s-1.32](https://github.com/loft-sh/vcluster/issues/2472)) | ` +
        `${link('Chart.yaml', 6)} | ${FIX.replace(/[()]/g, '\\$&')} |`
    )
    expect(run.summary.split('\n')).toContain(
      '- `bad/values.yaml:7`: template expression — virtual cluster Kubernetes version \\(controlPlane.distro.k3s.image.tag\\): ' +
        '"\\{\\{ x \\}\\} &lt;\\!-- y --&gt; \\| \\`z\\` @\u200borg/team %0A::error::w" is a template or variable, not a version'
    )
    expect(run.summary).not.toMatch(/<script|<!--|@org/)
  })

  it('is escaped in the pull request comment, whose only HTML comment is its own marker', () => {
    const body = String(github.comments.get(2)?.[0]?.body)
    expect(body.startsWith('<!-- kube-compat-gate:pr-comment path=. -->\n')).toBe(true)
    expect(body.match(/<!--/g)).toHaveLength(1)
    expect(body).toContain(`**${SEED_TITLE}**<br>${seedMarkdown(MARKDOWN)} (`)
    expect(body).not.toMatch(/<script|@org/)
  })

  it('is plain text in the check run annotations and escaped in its summary', () => {
    const output = github.checkRuns[0]!.create.output as { summary: string; annotations: Array<Record<string, unknown>> }
    // The API takes the real path and plain text; GitHub shows annotation text as text.
    expect(output.annotations).toContainEqual({
      path: `${DIR}/Chart.yaml`,
      start_line: 6,
      end_line: 6,
      annotation_level: 'failure',
      title: `(new) ${SEED_TITLE} [vcluster-qosclass-immutable-k8s-1.32]`,
      message: `${seedMessage(CHECK_RUN_TEXT)}\nFix: ${FIX}\nSource: https://github.com/loft-sh/vcluster/issues/2472`
    })
    expect(output.summary).toContain(`**${SEED_TITLE}**<br>${seedMarkdown(MARKDOWN)} (`)
    expect(output.summary).not.toMatch(/<script|<!--|@org/)
  })

  it('is a percent-encoded URI and bracket-escaped text in SARIF', () => {
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>
    }
    const result = sarif.runs[0]!.results.find((candidate) => candidate.ruleId === 'vcluster-qosclass-immutable-k8s-1.32')!
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`${SARIF_URI}/Chart.yaml`)
    expect(result.message.text).toBe(`${seedMessage(SARIF_TEXT)} Fix: ${FIX}`)
  })

  it('is one line per field in the CLI text report, which CI logs read for commands', () => {
    const cli = runBundle('cli', ['scan', repo.dir, '--date', '2026-11-22'], { NO_COLOR: '1' })
    expect(cli.code).toBe(1)
    expect(cli.stdout.split('\n')).toContain(`    ${seedMessage(TERMINAL)}`)
    expect(cli.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([])
  })

  it('is one line in the CLI error that quotes a configuration key', () => {
    const root = tempDir()
    writeTree(root, { '.kube-compat-gate.yml': '"a\\n::error::injected": 1\n' })
    const cli = runBundle('cli', ['scan', root])
    expect(cli.code).toBe(2)
    expect(cli.stderr).toBe(`kube-compat-gate: ${root}/.kube-compat-gate.yml:1: a\ufffd::error::injected: unknown key "a\ufffd::error::injected"\n`)
  })
})
