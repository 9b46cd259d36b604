import type { Report } from './report.js'
import { forMarkdown, forMarkdownCode } from './escape.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }

/** The job summary and (later) the PR comment body. */
export function renderMarkdown(report: Report): string {
  const { error, warning, notice, passed } = report.summary
  const lines: string[] = [
    `## kube-compat-gate: ${passed ? '✅ passed' : '❌ failed'}`,
    '',
    `${count(error, 'error')}, ${count(warning, 'warning')}, ${count(notice, 'notice')} in ${count(report.summary.filesScanned, 'file')} · database ${forMarkdown(report.database.version)} (${count(report.database.entries, 'entry', 'entries')})`,
    ''
  ]
  if (report.findings.length > 0) {
    lines.push('| | Finding | Where | Fix |', '| --- | --- | --- | --- |')
    for (const finding of report.findings) {
      lines.push(
        `| ${finding.waived ? '🔕' : (ICON[finding.severity] ?? '')} | **${forMarkdown(finding.title)}**${finding.waived ? ` (waived until ${forMarkdown(finding.waived.expires)} by ${forMarkdown(finding.waived.owner)})` : ''}<br>${forMarkdown(finding.message)} ([${forMarkdown(finding.id)}](${encodeURI(finding.references[0] ?? '')})) | ${forMarkdownCode(`${finding.file}:${finding.line}`)} | ${forMarkdown(finding.remediation)} |`
      )
    }
    lines.push('')
  }
  if (report.declarations.length > 0) {
    lines.push('<details><summary>Declared versions</summary>', '', '| Component | Version | Where |', '| --- | --- | --- |')
    for (const d of report.declarations) {
      const what = d.component === 'kubernetes' ? `kubernetes (${d.role ?? 'host'}${d.distro ? `, ${d.distro}` : ''})` : d.component
      lines.push(`| ${forMarkdown(what)} | ${forMarkdownCode(d.raw)} | ${forMarkdownCode(`${d.file}:${d.line}`)} |`)
    }
    lines.push('', '</details>', '')
  }
  if (report.diagnostics.length > 0) {
    lines.push('<details><summary>Files that could not be fully read</summary>', '')
    for (const diagnostic of report.diagnostics) {
      lines.push(`- ${forMarkdownCode(diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file)}: ${forMarkdown(diagnostic.message)}`)
    }
    lines.push('', '</details>', '')
  }
  return lines.join('\n')
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
