import * as core from '@actions/core'
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { CommitTree } from './commits/commit-tree.js'
import { inputInside, writableInside } from './config/contained-path.js'
import { readInputs, type ActionInputs } from './config/inputs.js'
import { describeError } from './errors.js'
import type { changeTrees as ChangeTrees } from './github/change-trees.js'
import type { GitHubClient } from './github/client.js'
import { readEventContext, type EventContext } from './github/event.js'
import { ACTIONS_BOT, gateLogin } from './github/gate-author.js'
import { describeWriteFailure, type Permission } from './github/write-failure.js'
import { blockingFindings } from './evaluate/gate.js'
import { undecidedPlaces } from './evaluate/unknown-places.js'
import { runGate, type GateResult } from './pipeline.js'
import { checkRunAnnotations, emitAnnotations, rankForAnnotation } from './report/github/annotations.js'
import { nothingFoundAnnotation, unknownAnnotations } from './report/unknown.js'
import { warnedAnnotations } from './report/warned.js'
import { publishAuditIssue } from './report/github/audit-issue.js'
import { publishCheckRun } from './report/github/check-run.js'
import { changeHeadline, plural } from './report/headline.js'
import { renderComment } from './report/github/comment-body.js'
import { LIMITS, fitText, utf8Bytes } from './report/github/limits.js'
import { jsonArrayWithin } from './report/github/outputs.js'
import { publishStickyComment } from './report/github/sticky-comment.js'
import { planSuggestions, publishSuggestions } from './report/github/suggestions.js'
import { forWorkflowCommand } from './report/escape.js'
import { renderMarkdown } from './report/markdown.js'
import { sarifChunks } from './report/sarif.js'
import { readSmokeInputs } from './smoke/action-smoke.js'
import { capYoungGeneration } from './young-generation.js'

/** What `changeTrees` gives in audit mode: the workspace's `path`, no base. */
const auditTree: typeof ChangeTrees = async (_event, context) => ({ headRoot: context.root })

/** Set once the `result` output holds the verdict. */
let resultWritten = false

/** Step outputs share GitHub's 1 MB per job; these budgets keep the three large ones inside it. */
const OUTPUT_BUDGET = { findings: 400_000, newFindings: 200_000, markdown: 300_000 }

/**
 * The action: read the event, scan the head (and the base of a change), publish everything
 * GitHub can show, and decide. This is the only place that turns a result into a failed
 * step; publishing problems are warnings and never change the verdict.
 */
export async function run(): Promise<void> {
  const trees: CommitTree[] = []
  try {
    const inputs = readInputs((name) => core.getInput(name))
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    const workspace = await realpath(process.env.GITHUB_WORKSPACE ?? process.cwd()).catch(() => resolve(process.env.GITHUB_WORKSPACE ?? process.cwd()))
    // Every path from an input is read with links resolved, and only inside the workspace.
    const root = await inputInside('input "path"', inputs.path, workspace)
    const pathPrefix = repositoryPrefix(workspace, root)
    // A link on the way to `path` may point elsewhere in another commit: each commit resolves it in its own files.
    const writtenPrefix = repositoryPrefix(workspace, resolve(workspace, inputs.path))
    const configFile = inputs.configFile ? await inputInside('input "config"', inputs.configFile, workspace) : undefined
    const databaseFiles = await Promise.all(inputs.databaseFiles.map((file) => inputInside('input "database"', file, workspace)))
    const event = await readEventContext({
      eventName: process.env.GITHUB_EVENT_NAME ?? '',
      payload: await readPayload(process.env.GITHUB_EVENT_PATH),
      env: process.env,
      mode: inputs.mode
    })
    // Octokit is loaded only when there is something to call: a run without a token starts faster.
    const client =
      inputs.githubToken && event.owner
        ? (await import('./github/client.js')).createGitHubClient(inputs.githubToken, { warning: core.warning, debug: core.debug })
        : undefined
    core.info(`kube-compat-gate: ${event.mode === 'pr' ? 'pull request (base/head diff)' : 'audit'} mode on the "${event.eventName || 'unknown'}" event`)

    // The git reader (and child_process) is loaded only for a change: an audit scans the workspace alone.
    const { changeTrees } = event.mode === 'pr' ? await import('./github/change-trees.js') : { changeTrees: auditTree }
    const { headRoot, headNotes, baseRoot, baseCommit } = await changeTrees(event, { workspace, root, pathPrefix, ...(writtenPrefix !== pathPrefix ? { linkedPrefix: writtenPrefix } : {}), client, trees, log: { info: core.info, warning: core.warning } })
    const compared = baseRoot !== undefined || baseCommit !== undefined
    const failScope = inputs.failScope ?? (compared ? 'new' : 'all')
    const smoke = readSmokeInputs({ getInput: (name) => core.getInput(name), saveState: core.saveState, info: core.info }, workspace, event.untrustedHead)
    if (smoke) await writableInside('the smoke evidence folder', smoke.evidenceDir, workspace)
    const result = await runGate({
      root: headRoot,
      ...(headRoot !== root ? { rootIsCommit: true } : {}),
      ...(headNotes ? { headDiagnostics: headNotes } : {}),
      ...(baseRoot ? { baseRoot } : {}),
      ...(baseCommit ? { baseCommit, log: core.info } : {}),
      databaseFiles,
      ...(configFile ? { configFile } : {}),
      filesWithin: workspace,
      failOn: inputs.failOn,
      failScope,
      strict: inputs.strict,
      targets: inputs.targets,
      ...(smoke ? { smoke } : {}),
      checkpoint: capYoungGeneration
    })
    if (result.report.smoke) core.setOutput('evidence-dir', result.report.smoke.evidenceDir)
    const { report } = result
    const headSha = event.change?.headSha ?? event.sha
    const link = headSha && event.owner ? blobLink(event, headSha, pathPrefix) : undefined
    const markdown = fitText(
      renderMarkdown(report, { grids: result.grids(), ...(link ? { link } : {}) }),
      LIMITS.jobSummaryBytes - 1024,
      '**The report is cut here to fit the job summary; the JSON in the `findings` output and the SARIF file have everything.**',
      utf8Bytes
    )

    const ranked = rankForAnnotation(report.findings, result.changedLines)
    const skipped = emitAnnotations(ranked, pathPrefix, { error: core.error, warning: core.warning, notice: core.notice })
    for (const annotation of unknownAnnotations(report, pathPrefix)) core.warning(annotation.message, annotation.properties)
    const nothing = nothingFoundAnnotation(report)
    if (nothing) core.notice(nothing.message, nothing.properties)
    for (const annotation of warnedAnnotations(report, pathPrefix)) core.warning(annotation.message, annotation.properties)
    if (skipped > 0) core.notice(`${skipped} more ${skipped === 1 ? 'location is' : 'locations are'} not annotated here (GitHub shows 10 per type); see the job summary${client ? ' and the kube-compat-gate check run' : ''}.`)

    await setOutputs(inputs, result, markdown, pathPrefix)
    await writeSummary(markdown)

    if (client && headSha) {
      const input = { client, event, inputs, result, markdown, pathPrefix, headRoot, headSha, link }
      await attempt('create the kube-compat-gate check run', 'checks: write', () =>
        publishCheckRun(client, {
          owner: event.owner,
          repo: event.repo,
          headSha,
          passed: report.summary.passed,
          title: checkTitle(result),
          summary: markdown,
          annotations: checkRunAnnotations(ranked, pathPrefix),
          detailsUrl: event.runUrl
        })
      )
      if (event.mode === 'pr') await publishToPullRequest(input)
      else await publishAudit(input)
    }

    if (report.database.warning) core.warning(report.database.warning)
    if (!report.summary.passed) {
      const { error, warning } = report.summary
      const blocking = blockingFindings(result.findings, inputs.failOn, failScope).length
      const scope = failScope === 'new' && compared ? 'new ' : ''
      const undecided = inputs.strict ? undecidedPlaces(report.unknown, inputs.targets).length : 0
      const unknown = undecided > 0 ? `; strict: ${undecided} version(s) cannot be read` : ''
      core.setFailed(
        `kube-compat-gate failed: ${plural(blocking, `${scope}finding`)} at or above fail-on "${inputs.failOn}" (${plural(error, 'error')}, ${plural(warning, 'warning')} in total)${unknown}`
      )
    } else {
      core.info(`kube-compat-gate passed (${plural(report.findings.length, 'finding')}, database ${report.database.version})`)
    }
  } catch (error) {
    // A run that could not decide (a refused input, an unreadable commit) fails, and says so in `result` too.
    if (!resultWritten) core.setOutput('result', 'failed')
    core.setFailed(forWorkflowCommand(describeError(error)))
  } finally {
    await Promise.all(trees.map((tree) => tree.dispose().catch(() => undefined)))
  }
}

interface PublishInput {
  client: GitHubClient
  event: EventContext
  inputs: ActionInputs
  result: GateResult
  markdown: string
  pathPrefix: string
  headRoot: string
  headSha: string
  link: ((file: string, line: number) => string) | undefined
}

async function publishToPullRequest({ client, event, inputs, result, pathPrefix, headRoot, headSha, link }: PublishInput): Promise<void> {
  const number = event.change?.number
  if (number === undefined) return // a merge queue has no pull request to comment on
  const { report } = result
  const marker = `<!-- kube-compat-gate:pr-comment path=${pathPrefix || '.'} -->`
  const relevant = report.findings.some((finding) => finding.status !== 'unchanged')
  await attempt('write the pull request comment', 'pull-requests: write', async () => {
    const outcome = await publishStickyComment(client, {
      login: inputs.comment === 'never' ? ACTIONS_BOT : await gateLogin(client),
      warning: core.warning,
      owner: event.owner,
      repo: event.repo,
      number,
      mode: inputs.comment,
      marker,
      hasFindings: relevant,
      render: (previous) => renderComment(report, { marker, sha: headSha, runUrl: event.runUrl, previous, ...(link ? { link } : {}) })
    })
    core.info(`pull request comment: ${outcome}`)
  })
  if (!inputs.suggestFixes) return
  const files = new Map<string, string[]>()
  for (const file of result.changedLines.keys()) {
    files.set(file, (await readFile(join(headRoot, file), 'utf8').catch(() => '')).split('\n'))
  }
  const suggestions = planSuggestions({
    report,
    database: result.database,
    changedLines: result.changedLines,
    lineText: (file, line) => files.get(file)?.[line - 1],
    pathPrefix
  })
  await attempt('post fix suggestions', 'pull-requests: write', async () => {
    const { created, existing } = await publishSuggestions(client, { owner: event.owner, repo: event.repo, number, headSha, suggestions })
    core.info(`fix suggestions: ${created} posted, ${existing} already on the pull request`)
  })
}

async function publishAudit({ client, event, result, markdown, pathPrefix, headSha }: PublishInput): Promise<void> {
  const active = result.report.findings.filter((finding) => finding.status !== 'fixed')
  await attempt('update the audit issue', 'issues: write', async () => {
    const { outcome, number } = await publishAuditIssue(client, {
      login: await gateLogin(client),
      owner: event.owner,
      repo: event.repo,
      marker: `<!-- kube-compat-gate:audit path=${pathPrefix || '.'} -->`,
      title: `kube-compat-gate: ${active.length} known incompatibilit${active.length === 1 ? 'y' : 'ies'}${pathPrefix ? ` in ${pathPrefix.replace(/\/$/, '')}` : ''}`,
      body: markdown,
      hasFindings: active.length > 0,
      cleanMessage: `The audit of commit ${headSha.slice(0, 12)} found no known incompatibilities any more; closing.${event.runUrl ? ` (${event.runUrl})` : ''}`,
      runUrl: event.runUrl
    })
    core.info(`audit issue: ${outcome}${number !== undefined ? ` (#${number})` : ''}`)
  })
}

async function attempt(what: string, permission: Permission, action: () => Promise<unknown>): Promise<void> {
  try {
    await action()
  } catch (error) {
    core.warning(forWorkflowCommand(describeWriteFailure(what, permission, error)))
  }
}

function checkTitle({ report }: GateResult): string {
  const active = report.findings.filter((finding) => finding.status !== 'fixed').length
  const verdict = report.summary.passed ? 'passed' : 'failed'
  return `${verdict}: ${changeHeadline(report.findings) ?? plural(active, 'finding')}`
}

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {}
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch (error) {
    core.warning(`could not read the event payload ${path}: ${describeError(error)}`)
    return {}
  }
}

/**
 * Annotation paths are relative to the repository root, which is the workspace; a scan of
 * a subdirectory reports paths relative to it, so they get the subdirectory in front.
 */
function repositoryPrefix(workspace: string, root: string): string {
  const path = relative(workspace, root).split(sep).join('/')
  return path && !path.startsWith('..') ? `${path}/` : ''
}

function blobLink(event: EventContext, sha: string, pathPrefix: string): (file: string, line: number) => string {
  const base = `${event.serverUrl}/${encodeURIComponent(event.owner)}/${encodeURIComponent(event.repo)}/blob/${sha}`
  return (file, line) => `${base}/${`${pathPrefix}${file}`.split('/').map(encodeURIComponent).join('/')}#L${line}`
}

async function setOutputs(inputs: ActionInputs, result: GateResult, markdown: string, pathPrefix: string): Promise<void> {
  const { report } = result
  const active = report.findings.filter((finding) => finding.status !== 'fixed')
  const fresh = report.findings.some((finding) => finding.status) ? report.findings.filter((finding) => finding.status === 'new') : active
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  if (inputs.sarifFile) await writableInside('input "sarif-file"', inputs.sarifFile, workspace)
  const sarifFile = inputs.sarifFile ? resolve(workspace, inputs.sarifFile) : join(process.env.RUNNER_TEMP || tmpdir(), 'kube-compat-gate.sarif')
  await mkdir(dirname(sarifFile), { recursive: true })
  await writeFile(sarifFile, sarifChunks(report, result.database, { pathPrefix }))

  core.setOutput('result', report.summary.passed ? 'passed' : 'failed')
  resultWritten = true
  core.setOutput('findings', withinBudget('findings', report.findings, OUTPUT_BUDGET.findings))
  core.setOutput('new-findings', withinBudget('new-findings', fresh, OUTPUT_BUDGET.newFindings))
  core.setOutput('error-count', String(report.summary.error))
  core.setOutput('warning-count', String(report.summary.warning))
  const counted = fresh.filter((finding) => !finding.waived)
  core.setOutput('new-error-count', String(counted.filter((finding) => finding.severity === 'error').length))
  core.setOutput('new-warning-count', String(counted.filter((finding) => finding.severity === 'warning').length))
  core.setOutput('sarif-file', sarifFile)
  core.setOutput('report-markdown', fitText(markdown, OUTPUT_BUDGET.markdown, '**Cut here to fit the step output; see the job summary.**', utf8Bytes))
}

function withinBudget(name: string, items: readonly unknown[], budget: number): string {
  const { json, kept } = jsonArrayWithin(items, budget)
  if (kept < items.length) core.warning(`output "${name}" holds the first ${kept} of ${items.length} findings to stay within GitHub's output size limit; the SARIF file has all of them`)
  return json
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${describeError(error)}`)
  }
}
