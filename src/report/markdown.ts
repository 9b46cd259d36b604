import type { EnvironmentSlot } from '../model.js'
import { pairingNote } from './pairing-lines.js'
import type { CompatibilityGrid, GridStatus } from '../evaluate/grid.js'
import type { FindingStatus } from '../model.js'
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from './escape.js'
import type { DeclarationReport, EnvironmentReport, FindingReport, Report } from './report.js'
import { confirmedNote, smokeMarkdownLines } from './smoke-markdown.js'
import { unresolvedLines } from './unresolved.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
const GRID_ICON: Record<GridStatus, string> = { ok: '✅', warn: '⚠️', broken: '❌' }

/** Long tables are cut here; the JSON report and SARIF keep everything. */
const MAX_TABLE_ROWS = 200

export interface MarkdownOptions {
  /** A web link to a file and line (the job summary links into the commit); plain text without it. */
  link?: (file: string, line: number) => string | undefined
  grid?: CompatibilityGrid | undefined
}

/** The job summary, `--format markdown`, the check run summary and the `report-markdown` output. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const lines: string[] = [`## kube-compat-gate: ${report.summary.passed ? '✅ passed' : '❌ failed'}`, '', headline(report), '']
  const unresolved = unresolvedLines(report, (where, message) => `- ${forMarkdownCode(where)}: ${forMarkdown(message)}`)
  if (unresolved.length > 0) lines.push(`⚠️ ${forMarkdown(unresolved[0]!)}`, ...unresolved.slice(1, MAX_TABLE_ROWS + 1), '')
  const comparison = statusLine(report.findings)
  if (comparison) lines.push(comparison, '')

  lines.push(...environmentsTable(report, options), ...smokeMarkdownLines(report))
  if (report.findings.length === 0) lines.push('No known incompatibilities in the declared versions.', '')
  for (const group of groupByStatus(report.findings)) {
    lines.push(`### ${group.heading} (${group.findings.length})`, '', ...findingsTable(group.findings, report, options), '')
  }
  if (options.grid) lines.push(...gridTable(options.grid))
  lines.push(...declarationsDetails(report, options), ...diagnosticsDetails(report))
  return lines.join('\n')
}

export function headline(report: Report): string {
  const { error, warning, notice, filesScanned } = report.summary
  return (
    `${count(error, 'error')}, ${count(warning, 'warning')}, ${count(notice, 'notice')} in ${count(filesScanned, 'file')} · ` +
    `database ${forMarkdown(report.database.version)} (${count(report.database.entries, 'entry', 'entries')})` +
    (report.database.warning ? ` · ⚠️ ${forMarkdown(report.database.warning)}` : '')
  )
}

/** "Compared with the base: 1 new, 1 fixed, 0 unchanged", only when there was a base. */
export function statusLine(findings: readonly FindingReport[]): string | undefined {
  if (!findings.some((finding) => finding.status)) return undefined
  const tally = (status: FindingStatus): number => findings.filter((finding) => finding.status === status).length
  return `Compared with the base: ${tally('new')} new, ${tally('fixed')} fixed, ${tally('unchanged')} unchanged.`
}

const HEADINGS: Array<{ status: FindingStatus | undefined; heading: string }> = [
  { status: 'new', heading: 'New in this change' },
  { status: undefined, heading: 'Findings' },
  { status: 'unchanged', heading: 'Already present before this change' },
  { status: 'fixed', heading: 'Fixed by this change' }
]

export function groupByStatus(findings: readonly FindingReport[]): Array<{ heading: string; findings: FindingReport[] }> {
  return HEADINGS.map(({ status, heading }) => ({ heading, findings: findings.filter((finding) => finding.status === status) })).filter(
    (group) => group.findings.length > 0
  )
}

export function findingsTable(findings: readonly FindingReport[], report: Report, options: MarkdownOptions): string[] {
  const lines = ['| | Finding | Where | Fix |', '| --- | --- | --- | --- |']
  for (const finding of findings.slice(0, MAX_TABLE_ROWS)) {
    const source = finding.references[0]
    const id = source ? `[${forMarkdown(finding.id)}](${forMarkdownUrl(source)})` : forMarkdown(finding.id)
    const where = finding.declarations
      .map((index) => report.declarations[index])
      .filter((declaration) => declaration !== undefined)
      .map((declaration) => place(declaration.file, declaration.line, options))
    const waived = finding.waived ? ` (waived until ${forMarkdown(finding.waived.expires)} by ${forMarkdown(finding.waived.owner)})` : ''
    lines.push(
      `| ${finding.waived ? '🔕' : (ICON[finding.severity] ?? '')} | **${forMarkdown(finding.title)}**${waived}<br>${forMarkdown(finding.message)} (${id})${confirmedNote(finding)} | ` +
        `${(where.length > 0 ? where : [place(finding.file, finding.line, options)]).join('<br>')} | ${forMarkdown(finding.remediation)} |`
    )
  }
  if (findings.length > MAX_TABLE_ROWS) lines.push('', `…and ${findings.length - MAX_TABLE_ROWS} more (all of them are in the JSON and SARIF reports).`)
  return lines
}

/** `file:line` as a link into the commit when a link can be made, else as code. */
export function place(file: string, line: number, options: MarkdownOptions): string {
  const url = options.link?.(file, line)
  return url ? `[${forMarkdown(`${file}:${line}`)}](${forMarkdownUrl(url)})` : forMarkdownCode(`${file}:${line}`)
}

function environmentsTable(report: Report, options: MarkdownOptions): string[] {
  const environments = report.environments.filter((e) => e.vcluster !== undefined || e.virtual !== undefined || e.host !== undefined || e.unknown !== undefined)
  if (environments.length === 0) return []
  const cell = (index: number | undefined, environment: EnvironmentReport, slot: EnvironmentSlot): string => {
    const declaration = index === undefined ? undefined : report.declarations[index]
    const unknown = environment.unknown?.find((u) => u.slot === slot)
    if (!declaration && unknown) return `**unknown** ${place(unknown.file, unknown.line, options)}`
    if (!declaration) return '—'
    const distro = declaration.component === 'kubernetes' && declaration.distro ? ` (${forMarkdown(declaration.distro)})` : ''
    return `${forMarkdownCode(declaration.raw)}${distro} ${place(declaration.file, declaration.line, options)}`
  }
  const lines = ['### Environments', '', '| vcluster | virtual Kubernetes | host Kubernetes | paired by |', '| --- | --- | --- | --- |']
  for (const environment of environments.slice(0, MAX_TABLE_ROWS)) {
    const why = pairingNote(environment)
    lines.push(
      `| ${cell(environment.vcluster, environment, 'vcluster')} | ${cell(environment.virtual, environment, 'virtual')} | ${cell(environment.host, environment, 'host')} | ${why ? forMarkdown(why) : 'the release itself'} |`
    )
  }
  lines.push('')
  return lines
}

function gridTable(grid: CompatibilityGrid): string[] {
  const host = grid.host ? ` with the host on Kubernetes ${forMarkdownCode(grid.host.raw)}` : ''
  const header = grid.minors.map((minor) => (grid.declaredMinors.includes(minor) ? `**${minor}**` : minor))
  const lines = [
    '### Compatibility around these versions',
    '',
    `What the database says for vcluster versions (rows) and the virtual cluster's Kubernetes minor (columns)${host}. ` +
      '✅ nothing known · ⚠️ a warning, or some patch releases affected · ❌ known to break. Declared versions are in bold; ' +
      'end-of-life dates are left out here (they are in the findings).',
    '',
    `| vcluster | ${header.join(' | ')} |`,
    `| --- | ${grid.minors.map(() => ':---:').join(' | ')} |`
  ]
  for (const row of grid.rows) {
    const name = row.declared ? `**${forMarkdown(row.vcluster)}**` : forMarkdown(row.vcluster)
    lines.push(`| ${name} | ${row.cells.map((cell) => GRID_ICON[cell.status]).join(' | ')} |`)
  }
  lines.push('')
  return lines
}

function declarationsDetails(report: Report, options: MarkdownOptions): string[] {
  if (report.declarations.length === 0) return []
  const lines = ['<details><summary>Declared versions</summary>', '', '| Component | Version | Where |', '| --- | --- | --- |']
  for (const declaration of report.declarations.slice(0, MAX_TABLE_ROWS)) {
    lines.push(`| ${forMarkdown(componentName(declaration))} | ${forMarkdownCode(declaration.raw)} | ${place(declaration.file, declaration.line, options)} |`)
  }
  if (report.declarations.length > MAX_TABLE_ROWS) lines.push('', `…and ${report.declarations.length - MAX_TABLE_ROWS} more.`)
  lines.push('', '</details>', '')
  return lines
}

function diagnosticsDetails(report: Report): string[] {
  if (report.diagnostics.length === 0) return []
  const lines = ['<details><summary>Files that could not be fully read</summary>', '']
  for (const diagnostic of report.diagnostics.slice(0, MAX_TABLE_ROWS)) {
    const where = diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file
    lines.push(`- ${forMarkdownCode(where)}: ${forMarkdown(diagnostic.message)}`)
  }
  lines.push('', '</details>', '')
  return lines
}

function componentName(declaration: DeclarationReport): string {
  if (declaration.component !== 'kubernetes') return declaration.component
  return `kubernetes (${declaration.role ?? 'host'}${declaration.distro ? `, ${declaration.distro}` : ''})`
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
