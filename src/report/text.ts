import { styleText } from 'node:util'
import { describeNewest } from '../db/freshness.js'
import type { FindingReport, Report } from './report.js'
import { forTerminal } from './escape.js'
import { pairingNote } from './pairing-lines.js'
import { changeHeadline, plural, totals } from './headline.js'
import { smokeTextLines } from './smoke-text.js'
import { unknownLines } from './unknown.js'

type Style = Parameters<typeof styleText>[0]

const SEVERITY_STYLE: Record<string, Style> = { error: 'red', warning: 'yellow', notice: 'cyan' }

/** Other locations of a grouped finding shown on its "also at" line; the JSON report has all. */
const LOCATIONS_SHOWN = 8

/**
 * The report for people: the findings first (errors, then warnings, then notices; new before
 * already present), one block each with every place it applies to, waived findings one line
 * each, then the environments, problems with individual files and one summary line. Colour
 * only when asked for (a TTY or FORCE_COLOR).
 */
export function renderText(report: Report, options: { color: boolean }): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text, { validateStream: false }) : text)
  const lines: string[] = []
  const unknown = unknownLines(report, (where, text) => `  ${forTerminal(where)}  ${forTerminal(text)}`)
  if (unknown.length > 0) lines.push(paint('yellow', unknown[0]!), ...unknown.slice(1), '')

  const open = report.findings.filter((finding) => !finding.waived)
  const waived = report.findings.filter((finding) => finding.waived)
  const width = Math.max(0, ...open.map((f) => `${f.file}:${f.line}:${f.column}`.length))
  let previousFix: { id: string; text: string } | undefined
  for (const finding of open) {
    const where = `${finding.file}:${finding.line}:${finding.column}`.padEnd(width)
    const severity = paint(SEVERITY_STYLE[finding.severity] ?? 'reset', finding.severity.padEnd(7))
    const status =
      (finding.status ? paint('dim', ` [${statusWord(finding)}]`) : '') + (finding.confirmedAtRuntime ? paint('red', ' [confirmed at runtime]') : '')
    lines.push(`${paint('bold', forTerminal(where))}  ${severity} ${forTerminal(finding.title)}${status}`)
    lines.push(`    ${forTerminal(finding.message)}`)
    const others = finding.locations.slice(1)
    if (others.length > 0) {
      const shown = others.slice(0, LOCATIONS_SHOWN).map((at) => `${at.file}:${at.line}`)
      const rest = others.length - shown.length
      lines.push(`    ${paint('dim', 'also at:')} ${forTerminal(shown.join(', '))}${rest > 0 ? ` and ${rest} more` : ''}`)
    }
    if (finding.confirmedAtRuntime && finding.evidence) lines.push(`    ${paint('red', 'seen:')} ${forTerminal(finding.evidence.excerpt)}`)
    // One environment's findings share its upgrade: said once, and the next ones name whose it is.
    const fix = previousFix && finding.remediation === previousFix.text ? `the same upgrade as ${previousFix.id} above` : forTerminal(finding.remediation)
    if (finding.remediation !== previousFix?.text) previousFix = { id: finding.id, text: finding.remediation }
    lines.push(`    ${paint('green', 'fix:')} ${fix}`)
    lines.push(`    ${paint('dim', [finding.id, ...finding.references.slice(0, 1)].join(' · '))}`)
  }
  if (open.length > 0) lines.push('')

  if (waived.length > 0) {
    lines.push(paint('bold', 'Waived'))
    for (const finding of waived) {
      const places = finding.locations.length > 1 ? ` (+${finding.locations.length - 1} more)` : ''
      lines.push(
        `  ${forTerminal(`${finding.file}:${finding.line}`)}${places}  ${finding.id} · until ${forTerminal(finding.waived!.expires)} by ${forTerminal(finding.waived!.owner)}: ${forTerminal(finding.waived!.reason)}`
      )
    }
    lines.push('')
  }

  lines.push(...environmentLines(report, paint))

  // The versions that could not be read are listed at the top, once each.
  const diagnostics = report.diagnostics.filter((diagnostic) => !diagnostic.unresolved)
  if (diagnostics.length > 0) {
    lines.push(paint('bold', 'Files that could not be fully read'))
    for (const diagnostic of diagnostics) {
      const where = diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file
      lines.push(`  ${forTerminal(where)}  ${forTerminal(diagnostic.message)}`)
    }
    lines.push('')
  }

  lines.push(...smokeTextLines(report, (text) => paint('dim', text)))

  const { filesScanned, passed } = report.summary
  const verdict = passed ? paint('green', '✔ passed') : paint('red', '✖ failed')
  const change = changeHeadline(report.findings)
  lines.push(
    `${verdict}: ${change ? `${change} · in all ` : ''}${totals(report)} · ` +
      `${plural(report.declarations.length, 'declared version')} in ${plural(filesScanned, 'file')} · ` +
      `database ${report.database.version} (${plural(report.database.entries, 'entry', 'entries')})`
  )
  // The newest release of each table the rules judge (a newer kind release, known only by its default image, is not judged): the same words as `db list`.
  if (report.database.newest) lines.push(paint('dim', `newest releases the database judges: ${describeNewest(report.database.newest)} (more in \`kube-compat-gate db list\`)`))
  if (report.database.warning) lines.push(paint('yellow', `warning: ${report.database.warning}`))
  return `${lines.join('\n')}\n`
}

function statusWord(finding: FindingReport): string {
  return finding.status === 'unchanged' ? 'already present' : (finding.status ?? '')
}

function environmentLines(report: Report, paint: (style: Style, text: string) => string): string[] {
  const environments = report.environments.filter((e) => e.vcluster !== undefined || e.virtual !== undefined || e.host !== undefined || e.unknown !== undefined)
  if (environments.length === 0) return []
  const lines = [paint('bold', 'Environments')]
  for (const environment of environments) {
    const parts: string[] = []
    const show = (label: 'vcluster' | 'virtual' | 'host' | 'kind' | 'kubectl', index: number | undefined): void => {
      const unknown = environment.unknown?.find((u) => u.slot === label)
      if (index === undefined && unknown) parts.push(`${label} ${paint('yellow', 'unknown')} ${paint('dim', `(${forTerminal(`${unknown.file}:${unknown.line}`)})`)}`)
      if (index === undefined) return
      const d = report.declarations[index]!
      const distro = d.distro && d.component === 'kubernetes' ? ` ${d.distro}` : ''
      const where = d.implied ? `default of vcluster at ${d.file}:${d.line}` : `${d.file}:${d.line}`
      parts.push(`${label} ${forTerminal(d.version)}${distro} ${paint('dim', `(${forTerminal(where)})`)}`)
    }
    show('vcluster', environment.vcluster)
    show('virtual', environment.virtual)
    show('host', environment.host)
    show('kind', environment.kind)
    show('kubectl', environment.kubectl)
    lines.push(`  ${parts.join(' · ')}`)
    // Why these go together, when the repository does not say it in one place.
    const why = pairingNote(environment)
    if (why !== '') lines.push(`    ${paint('dim', forTerminal(why))}`)
  }
  lines.push('')
  return lines
}
