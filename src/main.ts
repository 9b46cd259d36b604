import * as core from '@actions/core'
import { isAbsolute, resolve } from 'node:path'
import { readInputs } from './config/inputs.js'
import { describeError } from './errors.js'
import { runGate } from './pipeline.js'
import { renderMarkdown } from './report/markdown.js'
import type { FindingReport, Report } from './report/report.js'

/** GitHub shows at most 10 annotations of each kind per step; the rest go to the summary. */
const ANNOTATIONS_PER_KIND = 10

/**
 * The action: scan the workspace, annotate, summarise, set outputs and decide. This is the
 * only place that turns a result into a failed step.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name))
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const root = isAbsolute(inputs.path) ? inputs.path : resolve(workspace, inputs.path)

    const { report } = await runGate({ root, databaseFiles: inputs.databaseFiles, failOn: inputs.failOn })
    annotate(report, repositoryPrefix(workspace, root))
    setOutputs(report)
    await writeSummary(renderMarkdown(report))

    if (!report.summary.passed) {
      const { error, warning } = report.summary
      core.setFailed(`kube-compat-gate failed: ${error} error(s), ${warning} warning(s) at or above fail-on "${inputs.failOn}"`)
    } else {
      core.info(`kube-compat-gate passed (${report.findings.length} finding(s), database ${report.database.version})`)
    }
  } catch (error) {
    core.setFailed(describeError(error))
  }
}

/**
 * Annotation paths are relative to the repository root, which is the workspace; a scan of
 * a subdirectory reports paths relative to it, so they get the subdirectory in front.
 */
function repositoryPrefix(workspace: string, root: string): string {
  const relative = root.startsWith(workspace) ? root.slice(workspace.length).replace(/^[\\/]+/, '') : ''
  return relative ? `${relative.replace(/\\/g, '/')}/` : ''
}

function annotate(report: Report, prefix: string): void {
  const emitted = { error: 0, warning: 0, notice: 0 }
  for (const finding of report.findings) {
    if (finding.status === 'fixed') continue
    if (emitted[finding.severity]++ >= ANNOTATIONS_PER_KIND) continue
    const properties = {
      title: `${finding.title} [${finding.id}]`,
      file: `${prefix}${finding.file}`,
      startLine: finding.line,
      startColumn: finding.column
    }
    const message = annotationMessage(finding)
    if (finding.severity === 'error') core.error(message, properties)
    else if (finding.severity === 'warning') core.warning(message, properties)
    else core.notice(message, properties)
  }
  const hidden = Object.values(emitted).reduce((sum, count) => sum + Math.max(0, count - ANNOTATIONS_PER_KIND), 0)
  if (hidden > 0) core.notice(`${hidden} more finding(s) are not annotated (GitHub shows 10 per kind); see the job summary.`)
}

function annotationMessage(finding: FindingReport): string {
  return `${finding.message}\nFix: ${finding.remediation}\nSource: ${finding.references[0] ?? ''}`
}

function setOutputs(report: Report): void {
  core.setOutput('result', report.summary.passed ? 'passed' : 'failed')
  core.setOutput('findings', JSON.stringify(report.findings))
  core.setOutput('error-count', String(report.summary.error))
  core.setOutput('warning-count', String(report.summary.warning))
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${describeError(error)}`)
  }
}
