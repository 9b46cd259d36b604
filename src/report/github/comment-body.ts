import { forMarkdown } from '../escape.js'
import { count, findingsTable, groupByStatus, headline, place, statusLine, waivedList, type MarkdownOptions } from '../markdown.js'
import type { Report } from '../report.js'
import { smokeVerdictLine } from '../smoke-markdown.js'
import { nothingFoundLine, unknownHeading, unknownText } from '../unknown.js'
import { LIMITS, fitText } from './limits.js'

export interface CommentContext extends MarkdownOptions {
  /** The hidden marker that finds this comment again on the next run. */
  marker: string
  /** The commit the run looked at. */
  sha: string
  /** The workflow run, whose job summary has the full report. */
  runUrl: string | undefined
  /** An earlier run already wrote a comment (so "nothing found" is news worth saying). */
  previous: boolean
}

/**
 * The sticky pull request comment: what this change introduces and fixes in full, what was
 * already there as a count, and a pointer to the job summary. Cut to GitHub's limit with
 * that pointer when a change touches very many environments.
 */
export function renderComment(report: Report, context: CommentContext): string {
  const summaryLink = context.runUrl ? `[the job summary](${context.runUrl})` : 'the job summary of this workflow run'
  const lines = [context.marker, `### kube-compat-gate: ${verdict(report, context.previous)}`, '']
  // The change first: the repository's totals include what was broken before this pull request.
  const comparison = statusLine(report.findings)
  if (comparison) lines.push(`**${comparison}**`, '')
  lines.push(`In the whole repository: ${headline(report)}`, '')
  const smoke = smokeVerdictLine(report)
  if (smoke) lines.push(smoke, '')
  lines.push(...cannotRead(report, context, summaryLink))
  for (const group of groupByStatus(report.findings)) {
    if (group.heading === 'Already present before this change') {
      lines.push(`${count(group.findings.length, 'finding was', 'findings were')} already present before this change; see ${summaryLink}.`, '')
      continue
    }
    lines.push(`#### ${group.heading} (${group.findings.length})`, '', ...findingsTable(group.findings, report, context), '')
  }
  // What was accepted or not read stays in sight of the reviewer: a change can add its own waiver,
  // `disable` or `exclude`, and a comment that only said "passed" would hide that it did.
  lines.push(...waivedList(report.findings, context, '####'), ...notReadAsWritten(report, context))
  lines.push(`<sub>Commit ${forMarkdown(context.sha.slice(0, 12))} · full report in ${summaryLink}.</sub>`)
  return fitText(lines.join('\n'), LIMITS.commentChars, `**The comment is cut here: the full report is in ${summaryLink}.**`)
}

/** At most this many files not read in the comment; the job summary lists every one. */
const MAX_NOT_READ = 5
/**
 * What the configuration turns off or overrides is listed first and in full up to this many (a
 * database has about 40 entries to disable): a change must not bury its own `disable` behind others.
 */
const MAX_CONFIGURATION = 50

/**
 * The places whose version could not be read, near the top like every other report (a reviewer
 * must not take "passed" for "checked"), or what was looked for when nothing was found.
 */
function cannotRead(report: Report, context: CommentContext, summaryLink: string): string[] {
  const nothing = nothingFoundLine(report)
  if (nothing) return [`ℹ️ ${forMarkdown(nothing)}`, '']
  if (report.unknown.length === 0) return []
  const lines = [`⚠️ ${forMarkdown(unknownHeading(report.unknown.length))}`, '']
  for (const at of report.unknown.slice(0, MAX_NOT_READ)) {
    lines.push(`- ${place(at.file, at.line ?? 1, context)}: ${forMarkdown(unknownText(at))}`)
  }
  if (report.unknown.length > MAX_NOT_READ) lines.push(`- …and ${report.unknown.length - MAX_NOT_READ} more in ${summaryLink}.`)
  lines.push('')
  return lines
}

/** Diagnostics that could change the verdict (a check turned off, a file not read), at their file and line. */
function notReadAsWritten(report: Report, context: CommentContext): string[] {
  const warned = report.diagnostics.filter((diagnostic) => diagnostic.warning)
  if (warned.length === 0) return []
  const configuration = warned.filter((diagnostic) => diagnostic.configuration).slice(0, MAX_CONFIGURATION)
  const shown = [...configuration, ...warned.filter((diagnostic) => !diagnostic.configuration).slice(0, MAX_NOT_READ)]
  const lines = [`#### Could change the verdict (${warned.length})`, '']
  for (const diagnostic of shown) {
    lines.push(`- ⚠️ ${place(diagnostic.file, diagnostic.line ?? 1, context)}: ${forMarkdown(diagnostic.message)}`)
  }
  if (warned.length > shown.length) lines.push(`- …and ${warned.length - shown.length} more in the job summary.`)
  lines.push('')
  return lines
}

function verdict(report: Report, previous: boolean): string {
  const diffed = report.findings.some((finding) => finding.status)
  const introduced = report.findings.filter((finding) => !finding.waived && (diffed ? finding.status === 'new' : finding.status !== 'fixed'))
  if (introduced.length === 0) {
    const what = diffed ? 'this change introduces no known incompatibilities' : 'no known incompatibilities'
    return `✅ ${what}${previous ? ' any more' : ''}`
  }
  return report.summary.passed ? '✅ passed, with findings' : '❌ failed'
}
