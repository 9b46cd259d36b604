import { styleText } from 'node:util'
import type { Report } from './report.js'
import { describeNewest } from '../db/freshness.js'
import { forTerminal } from './escape.js'
import { pairingNote } from './pairing-lines.js'
import { smokeTextLines } from './smoke-text.js'
import { unresolvedLines } from './unresolved.js'

type Style = Parameters<typeof styleText>[0]

const SEVERITY_STYLE: Record<string, Style> = { error: 'red', warning: 'yellow', notice: 'cyan' }

/**
 * The report for people: one block per finding (where, what, how to fix), then problems
 * with individual files, then one summary line. Colour only when asked for (a TTY).
 */
export function renderText(report: Report, options: { color: boolean }): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text)
  const lines: string[] = []
  const unresolved = unresolvedLines(report, (where, message) => `  ${forTerminal(where)}  ${forTerminal(message)}`)
  if (unresolved.length > 0) lines.push(paint('yellow', unresolved[0]!), ...unresolved.slice(1), '')

  const environments = report.environments.filter((e) => e.vcluster !== undefined || e.virtual !== undefined || e.host !== undefined || e.unknown !== undefined)
  if (environments.length > 0) {
    lines.push(paint('bold', 'Environments'))
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
  }

  const width = Math.max(0, ...report.findings.map((f) => `${f.file}:${f.line}:${f.column}`.length))
  for (const finding of report.findings) {
    const where = `${finding.file}:${finding.line}:${finding.column}`.padEnd(width)
    const severity = paint(SEVERITY_STYLE[finding.severity] ?? 'reset', finding.severity.padEnd(7))
    const status =
      (finding.status ? paint('dim', ` [${finding.status}]`) : '') +
      (finding.waived ? paint('dim', ` [waived until ${finding.waived.expires} by ${forTerminal(finding.waived.owner)}]`) : '') +
      (finding.confirmedAtRuntime ? paint('red', ' [confirmed at runtime]') : '')
    lines.push(`${paint('bold', forTerminal(where))}  ${severity} ${forTerminal(finding.title)}${status}`)
    lines.push(`    ${forTerminal(finding.message)}`)
    if (finding.confirmedAtRuntime && finding.evidence) lines.push(`    ${paint('red', 'seen:')} ${forTerminal(finding.evidence.excerpt)}`)
    lines.push(`    ${paint('green', 'fix:')} ${forTerminal(finding.remediation)}`)
    lines.push(`    ${paint('dim', `${finding.id} · ${finding.references[0] ?? ''}`)}`)
  }
  if (report.findings.length > 0) lines.push('')

  if (report.diagnostics.length > 0) {
    lines.push(paint('bold', 'Files that could not be fully read'))
    for (const diagnostic of report.diagnostics) {
      const where = diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file
      lines.push(`  ${forTerminal(where)}  ${forTerminal(diagnostic.message)}`)
    }
    lines.push('')
  }

  lines.push(...smokeTextLines(report, (text) => paint('dim', text)))

  const { error, warning, notice, filesScanned, passed } = report.summary
  const verdict = passed ? paint('green', '✔ passed') : paint('red', '✖ failed')
  lines.push(
    `${verdict}: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(notice, 'notice')} · ` +
      `${plural(report.declarations.length, 'declared version')} in ${plural(filesScanned, 'file')} · ` +
      `database ${report.database.version} (${plural(report.database.entries, 'entry', 'entries')})`
  )
  if (report.database.newest) lines.push(paint('dim', `database knows up to ${describeNewest(report.database.newest)}`))
  if (report.database.warning) lines.push(paint('yellow', `warning: ${report.database.warning}`))
  return `${lines.join('\n')}\n`
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
