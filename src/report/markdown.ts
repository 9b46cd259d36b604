import type { EnvironmentSlot } from '../model.js'
import { pairingNote } from './pairing-lines.js'
import type { CompatibilityGrid, GridStatus } from '../evaluate/grid.js'
import type { FindingStatus } from '../model.js'
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from './escape.js'
import type { DeclarationReport, EnvironmentReport, FindingReport, Report } from './report.js'
import { changeHeadline, totals } from './headline.js'
import { confirmedNote, smokeMarkdownLines } from './smoke-markdown.js'
import { unknownLines } from './unknown.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
const GRID_ICON: Record<GridStatus, string> = { ok: '✅', warn: '⚠️', broken: '❌' }

/** Long tables are cut here; the JSON report and SARIF keep everything. */
const MAX_TABLE_ROWS = 200

export interface MarkdownOptions {
  /** A web link to a file and line (the job summary links into the commit); plain text without it. */
  link?: (file: string, line: number) => string | undefined
  /** One compatibility grid per declared host. */
  grids?: readonly CompatibilityGrid[]
}

/** The job summary, `--format markdown`, the check run summary and the `report-markdown` output. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const lines: string[] = [`## kube-compat-gate: ${report.summary.passed ? '✅ passed' : '❌ failed'}`, '']
  const change = changeHeadline(report.findings)
  if (change) lines.push(`**${change}**`, '')
  lines.push(headline(report), '')
  const unknown = unknownLines(report, (where, text) => `- ${forMarkdownCode(where)}: ${forMarkdown(text)}`)
  if (unknown.length > 0) lines.push(`${report.unknown.length > 0 ? '⚠️' : 'ℹ️'} ${forMarkdown(unknown[0]!)}`, ...unknown.slice(1, MAX_TABLE_ROWS + 1), '')

  lines.push(...smokeMarkdownLines(report))
  if (report.findings.length === 0) lines.push('No known incompatibilities in the declared versions.', '')
  for (const group of groupByStatus(report.findings)) {
    lines.push(`### ${group.heading} (${group.findings.length})`, '', ...findingsTable(group.findings, report, options), '')
  }
  lines.push(...waivedList(report.findings, options))
  lines.push(...environmentsTable(report, options))
  for (const grid of options.grids ?? []) lines.push(...gridTable(grid, options))
  lines.push(...declarationsDetails(report, options), ...diagnosticsDetails(report))
  return lines.join('\n')
}

/** "1 error, 4 warnings, 1 notice in 12 files · database 2026-11-22 (33 entries)": the repository's totals. */
export function headline(report: Report): string {
  return (
    `${totals(report)} in ${count(report.summary.filesScanned, 'file')} · database ${forMarkdown(report.database.version)} (${count(report.database.entries, 'entry', 'entries')})` +
    (report.database.warning ? ` · ⚠️ ${forMarkdown(report.database.warning)}` : '')
  )
}

/** "2 new (1 error) · 0 fixed · 4 already present", only when there was a base. */
export function statusLine(findings: readonly FindingReport[]): string | undefined {
  return changeHeadline(findings)
}

const HEADINGS: Array<{ status: FindingStatus | undefined; heading: string }> = [
  { status: 'new', heading: 'New in this change' },
  { status: undefined, heading: 'Findings' },
  { status: 'unchanged', heading: 'Already present before this change' },
  { status: 'fixed', heading: 'Fixed by this change' }
]

/** The findings by status, in the order a reviewer reads them; waived findings are listed on their own. */
export function groupByStatus(findings: readonly FindingReport[]): Array<{ heading: string; findings: FindingReport[] }> {
  return HEADINGS.map(({ status, heading }) => ({ heading, findings: findings.filter((finding) => finding.status === status && !finding.waived) })).filter(
    (group) => group.findings.length > 0
  )
}

/** Locations listed in one table cell before "and N more". */
const LOCATIONS_SHOWN = 10

export function findingsTable(findings: readonly FindingReport[], _report: Report, options: MarkdownOptions): string[] {
  const lines = ['| | Finding | Where | Fix |', '| --- | --- | --- | --- |']
  let previousFix: string | undefined
  for (const finding of findings.slice(0, MAX_TABLE_ROWS)) {
    // One environment's findings share its upgrade: written out once, pointed to in the rows below it.
    const fix = finding.remediation === previousFix ? '↑ The same upgrade as the row above.' : forMarkdown(finding.remediation)
    previousFix = finding.remediation
    const source = finding.references[0]
    const id = source ? `[${forMarkdown(finding.id)}](${forMarkdownUrl(source)})` : forMarkdown(finding.id)
    const locations = finding.locations.length > 0 ? finding.locations : [finding]
    const where = locations.slice(0, LOCATIONS_SHOWN).map((at) => place(at.file, at.line, options))
    if (locations.length > LOCATIONS_SHOWN) where.push(`and ${locations.length - LOCATIONS_SHOWN} more`)
    lines.push(
      `| ${ICON[finding.severity] ?? ''} | **${forMarkdown(finding.title)}**<br>${forMarkdown(finding.message)} (${id})${confirmedNote(finding)} | ` +
        `${where.join('<br>')} | ${fix} |`
    )
  }
  if (findings.length > MAX_TABLE_ROWS) lines.push('', `…and ${findings.length - MAX_TABLE_ROWS} more (all of them are in the JSON and SARIF reports).`)
  return lines
}

/** Waived findings, one line each: accepted by the repository's owners, not counted. `heading` is the Markdown level of the surrounding report. */
export function waivedList(findings: readonly FindingReport[], options: MarkdownOptions, heading = '###'): string[] {
  const waived = findings.filter((finding) => finding.waived && finding.status !== 'fixed')
  if (waived.length === 0) return []
  const lines = [`${heading} Waived (${waived.length})`, '']
  for (const finding of waived.slice(0, MAX_TABLE_ROWS)) {
    const more = finding.locations.length > 1 ? ` and ${finding.locations.length - 1} more` : ''
    lines.push(
      `- 🔕 ${forMarkdownCode(finding.id)} at ${place(finding.file, finding.line, options)}${more}: until ${forMarkdown(finding.waived!.expires)} by ${forMarkdown(finding.waived!.owner)} (${forMarkdown(finding.waived!.reason)})`
    )
  }
  lines.push('')
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

/** The declared combination's mark: bold is invisible in GitHub's header cells and on emoji. */
const DECLARED = '📍'

function gridTable(grid: CompatibilityGrid, options: MarkdownOptions): string[] {
  const distro = grid.distro ? ` (${forMarkdown(grid.distro)})` : ''
  const host = grid.host ? `host Kubernetes ${forMarkdownCode(grid.host.raw)}${grid.host.distro ? ` (${forMarkdown(grid.host.distro)})` : ''} at ${place(grid.host.file, grid.host.line, options)}` : 'no host declared'
  const letter = new Map(grid.reasons.map((reason) => [reason.id, reason.letter]))
  const header = grid.minors.map((minor) => (grid.declaredMinors.includes(minor) ? `${minor} ${DECLARED}` : minor))
  const lines = [
    `### Compatibility on ${host}`,
    '',
    `vcluster versions (rows) × the virtual cluster's Kubernetes minor${distro} (columns). ✅ nothing known · ⚠️ a warning, or some ` +
      `patch releases affected · ❌ known to break; the letters name the entries below. ${DECLARED} marks what the repository declares. ` +
      'End-of-life dates are left out here (they are in the findings).',
    '',
    `| vcluster | ${header.join(' | ')} |`,
    `| --- | ${grid.minors.map(() => ':---:').join(' | ')} |`
  ]
  for (const row of grid.rows) {
    const name = row.declared ? `${forMarkdown(row.vcluster)} ${DECLARED}` : forMarkdown(row.vcluster)
    const cells = row.cells.map((cell) => {
      const notes = cell.status === 'ok' ? '' : ` ${cell.ids.map((id) => letter.get(id) ?? '?').join(',')}`
      return `${cell.declared ? `${DECLARED} ` : ''}${GRID_ICON[cell.status]}${notes}`
    })
    lines.push(`| ${name} | ${cells.join(' | ')} |`)
  }
  if (grid.reasons.length > 0) {
    lines.push('')
    for (const reason of grid.reasons) {
      const id = reason.url ? `[${forMarkdown(reason.id)}](${forMarkdownUrl(reason.url)})` : forMarkdownCode(reason.id)
      lines.push(`- **${reason.letter}**: ${forMarkdown(reason.title)} (${id})`)
    }
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
  // The versions that could not be read are listed at the top, once each.
  const diagnostics = report.diagnostics.filter((diagnostic) => !diagnostic.unresolved)
  if (diagnostics.length === 0) return []
  const lines = ['<details><summary>Files that could not be fully read</summary>', '']
  for (const diagnostic of diagnostics.slice(0, MAX_TABLE_ROWS)) {
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
