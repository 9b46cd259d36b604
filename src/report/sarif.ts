import type { Database, Entry } from '../db/schema.js'
import { fingerprint } from '../evaluate/diff.js'
import type { Severity } from '../model.js'
import { jsonFileChunks } from './json-pieces.js'
import type { FindingReport, LocationReport, Report } from './report.js'
import { forWorkflowCommand } from './escape.js'
import { UNKNOWN_CAUSE_TEXT, unknownText } from './unknown.js'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' }
const BASELINE = { new: 'new', unchanged: 'unchanged' } as const

export interface SarifOptions {
  /** Put in front of report paths so that they are relative to the repository root. */
  pathPrefix?: string
}

/**
 * SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`): one rule per database
 * entry, so every result links to its sources, and one result per finding at the declaring
 * line, one per location of a grouped finding (code scanning tracks each place on its own).
 * Fixed findings are left out: they are no longer in the code.
 */
export function renderSarif(report: Report, database: Database, options: SarifOptions = {}): string {
  return [...sarifChunks(report, database, options)].join('')
}

/**
 * The SARIF log in chunks, written as they come (`JSON.stringify(log, null, 2)` and a newline,
 * never held whole): its results are taken apart a slice at a time, as the JSON report's findings.
 */
export function sarifChunks(report: Report, database: Database, options: SarifOptions = {}): Iterable<string> {
  const prefix = options.pathPrefix ?? ''
  const ruleIndex = new Map(database.entries.map((entry, index) => [entry.id, index]))
  const results = report.findings
    .filter((finding) => finding.status !== 'fixed' && ruleIndex.has(finding.id))
    .flatMap((finding) => (finding.locations.length > 0 ? finding.locations : [finding]).map((at) => result(finding, at, report, ruleIndex.get(finding.id)!, prefix)))
  // A version that cannot be read is a result of its own rule, after the database's: code scanning shows it at its line.
  const unknownRule = report.unknown.length > 0 ? [UNKNOWN_RULE] : []
  results.push(...report.unknown.map((place) => unknownResult(place, database.entries.length, prefix)))

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://github.com/kube-compat-gate/kube-compat-gate',
            rules: [...database.entries.map(rule), ...unknownRule]
          }
        },
        automationDetails: { id: `${report.tool.name}/` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results,
        properties: { database: report.database }
      }
    ]
  }
  // log → runs → the run → its results, taken apart a slice of results at a time.
  return jsonFileChunks(log, 4)
}

function rule(entry: Entry) {
  const helpUri = entry.references[0]
  return {
    id: entry.id,
    name: entry.id.replace(/(^|[-.])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase()),
    // A repository's own database file writes these too: the same cleaning as every shown text.
    shortDescription: { text: forWorkflowCommand(entry.title) },
    fullDescription: { text: forWorkflowCommand(entry.notes ?? entry.title) },
    helpUri,
    help: {
      text: forWorkflowCommand(`${entry.remediation}\n\nSources:\n${entry.references.map((url) => `- ${url}`).join('\n')}`),
      markdown: `${forWorkflowCommand(entry.remediation)}\n\nSources:\n${entry.references.map((url) => `- <${url}>`).join('\n')}`
    },
    defaultConfiguration: { level: LEVEL[entry.severity] },
    properties: { tags: ['kubernetes', 'compatibility', entry.category], precision: entry.confidence === 'verified' ? 'high' : 'medium' }
  }
}

/** The rule of the places whose version the gate cannot read (not a database entry: the repository's own gap). */
export const UNKNOWN_RULE_ID = 'kube-compat-gate/version-unknown'
const UNKNOWN_RULE = {
  id: UNKNOWN_RULE_ID,
  name: 'VersionUnknown',
  shortDescription: { text: 'A version is used but cannot be read' },
  fullDescription: {
    text: `The repository uses a version here that the gate cannot read (${Object.values(UNKNOWN_CAUSE_TEXT).join(', ')}), so nothing that depends on it is checked; --strict fails on it.`
  },
  help: {
    text: 'Write the version itself (a pinned tag or chart version, a default for the variable), or state it in .kube-compat-gate.yml environments:.',
    markdown: 'Write the version itself (a pinned tag or chart version, a default for the variable), or state it in `.kube-compat-gate.yml` `environments:`.'
  },
  defaultConfiguration: { level: 'warning' as const },
  properties: { tags: ['kubernetes', 'compatibility', 'unknown-version'], precision: 'high' }
}

function unknownResult(place: Report['unknown'][number], ruleIndex: number, prefix: string) {
  return {
    ruleId: UNKNOWN_RULE_ID,
    ruleIndex,
    level: 'warning' as const,
    message: { text: sarifText(unknownText(place)) },
    locations: [location(prefix + place.file, place.line ?? 1, place.column ?? 1)],
    partialFingerprints: { 'kubeCompatGate/v1': `${UNKNOWN_RULE_ID}|${place.file}|${place.cause}` }
  }
}

type At = Pick<LocationReport, 'file' | 'line' | 'column' | 'message' | 'declarations'>

function result(finding: FindingReport, at: At, report: Report, ruleIndex: number, prefix: string) {
  const declarations = declarationsOf(at, report)
  const related = declarations.filter((declaration) => declaration.file !== at.file || declaration.line !== at.line)
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: sarifText(`${at.message} Fix: ${finding.remediation}`) },
    locations: [location(prefix + at.file, at.line, at.column)],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((declaration, id) => ({
            id,
            ...location(prefix + declaration.file, declaration.line, declaration.column),
            message: { text: sarifText(`${declaration.component} ${declaration.raw}`) }
          }))
        }
      : {}),
    // The same identity as the base/head diff, so code scanning tracks a problem across line moves.
    partialFingerprints: { 'kubeCompatGate/v1': fingerprint({ id: finding.id, file: at.file, declarations }) },
    ...(finding.status === 'new' || finding.status === 'unchanged' ? { baselineState: BASELINE[finding.status] } : {})
  }
}

/** Code scanning rejects lines or columns below 1, so a missing position falls back to the file's start. */
function location(uri: string, line: number, column: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: sarifUri(uri), uriBaseId: '%SRCROOT%' },
      region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) }
    }
  }
}

/**
 * A repository path as the relative URI SARIF requires: each segment percent-encoded, so a
 * file named `a b#1.yaml` or `100%.yaml` is that file and not a fragment or an escape.
 */
function sarifUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/**
 * Plain message text. Code scanning turns `[text](id)` into a link to a related location, so
 * square brackets from the repository are escaped, as SARIF asks for literal brackets; and code
 * scanning shows the text to people, so controls and bidirectional marks from a file name are
 * replaced as in every other report (the location's URI keeps the real, percent-encoded path).
 */
function sarifText(text: string): string {
  return forWorkflowCommand(text).replace(/[[\]]/g, '\\$&')
}

/** The declarations behind a finding (its indexes into the report's declarations). */
export function declarationsOf(finding: Pick<FindingReport, 'declarations'>, report: Report) {
  return finding.declarations.map((index) => report.declarations[index]).filter((declaration) => declaration !== undefined)
}
