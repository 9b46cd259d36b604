import { readFile } from 'node:fs/promises'
import { compareVersions, describeNewest, newestKnown, newestWithEntries, type NewestKnown, type NewestSource } from '../db/freshness.js'
import kindTable from '../smoke/data/kind-node-images.json' with { type: 'json' }
import { bundledDatabase, loadDatabase } from '../db/load.js'
import type { Database, Entry, Lifecycle, Skew } from '../db/schema.js'
import { freeTextCommentWarnings } from '../db/free-text.js'
import { validateEntryFile } from '../db/validate-file.js'
import { suggestion } from '../config/did-you-mean.js'
import { UsageError, describeFileError } from '../errors.js'
import { parseCommandArgs, parseDateFlag } from './args.js'
import { describeRange } from '../evaluate/describe.js'
import { describeSkewPolicy } from '../evaluate/conditions/skew.js'
import { upgradesForEntry, type ExampleUpgrade } from '../evaluate/entry-upgrades.js'
import { today } from '../evaluate/evaluate.js'
import { HELP } from './help.js'

/** What `db list --format json` prints: other tools read it, so change it only by adding fields. */
export interface DatabaseListing {
  version: string
  date: string
  /** The newest Kubernetes minor, vcluster minor and kind release the tables know (judge). */
  newest: NewestKnown
  /** Where each `newest` release comes from: the entry whose table holds it, and when that entry was verified. */
  newestFrom: Partial<Record<keyof NewestKnown, NewestSource>>
  /**
   * kind releases whose default node image is known (read from kind's own source at the release
   * tag; a smoke run picks its image with it) but whose full image list was not checked, so the
   * database does not judge their node images. Some are newer than `newest.kind`.
   */
  kindDefaultImageOnly: KindDefaultImage[]
  entries: Array<Pick<Entry, 'id' | 'severity' | 'category' | 'title' | 'confidence' | 'references' | 'verified'>>
}

export interface KindDefaultImage {
  kind: string
  image: string
  source: { repository: string; commit: string; path: string }
}

/** The node-image table shared with the smoke runner: its releases without a checked image list. */
function kindDefaultImageOnly(): KindDefaultImage[] {
  return kindTable.releases
    .filter((release) => release.complete === false)
    .map((release) => ({ kind: release.kind, image: release.default, source: release.source }))
    .sort((a, b) => compareVersions(a.kind, b.kind))
}

/** `kube-compat-gate db list|explain|validate`: returns the exit code. */
export async function dbCommand(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args
  switch (subcommand) {
    case 'list':
      return listCommand(rest)
    case 'explain':
      return explainCommand(rest)
    case 'validate':
      return validateCommand(rest)
    case '--help':
    case '-h':
      process.stdout.write(HELP)
      return 0
    default:
      throw new UsageError(
        subcommand === undefined
          ? 'db needs a command: list, explain ID or validate FILE'
          : `unknown db command "${subcommand}"${suggestion(subcommand, ['list', 'explain', 'validate'])} (kube-compat-gate --help lists the commands)`
      )
  }
}

async function listCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('db list', args, { format: { type: 'string', default: 'text' }, db: { type: 'string', multiple: true, default: [] } })
  if (positionals.length > 0) throw new UsageError(`db list takes no arguments, got "${positionals[0]}"`)
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be one of text, json (got "${values.format}")`)
  const database = await loadDatabase(values.db)
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(listing(database), null, 2)}\n` : listText(database))
  return 0
}

export function listing(database: Database): DatabaseListing {
  return {
    version: database.version,
    date: database.date,
    newest: newestKnown(database),
    newestFrom: Object.fromEntries(Object.entries(newestWithEntries(database)).map(([key, { entry, verified }]) => [key, { entry, verified }])),
    kindDefaultImageOnly: kindDefaultImageOnly(),
    entries: database.entries.map(({ id, severity, category, title, confidence, references, verified }) => ({
      id,
      severity,
      category,
      title,
      confidence,
      references,
      verified
    }))
  }
}

function listText(database: Database): string {
  const width = Math.max(...database.entries.map((entry) => entry.id.length))
  const newest = newestWithEntries(database)
  const names: Record<keyof NewestKnown, string> = { kubernetes: 'Kubernetes', vcluster: 'vcluster', kind: 'kind' }
  const lines = [
    `database ${database.version} (${database.date}), ${database.entries.length} entries`,
    `newest releases it judges: ${describeNewest(newestKnown(database))}`,
    ...Object.entries(newest).map(([key, { version, entry, verified }]) => `  ${names[key as keyof NewestKnown]} ${version}: from the entry ${entry} (verified ${verified})`),
    ...defaultOnlyLines(kindDefaultImageOnly(), newest.kind?.version),
    ''
  ]
  for (const entry of database.entries) {
    lines.push(`${entry.id.padEnd(width)}  ${entry.severity.padEnd(7)}  ${entry.title}`)
  }
  return `${lines.join('\n')}\n`
}

/** The kind releases whose default node image is known but not judged, newest first, with where the newest one was read. */
function defaultOnlyLines(releases: readonly KindDefaultImage[], judged: string | undefined): string[] {
  const newest = releases.at(-1)
  if (newest === undefined) return []
  const { repository, commit, path } = newest.source
  return [
    `  kind ${newest.kind}: newest release whose default node image is known, from ${repository} ${path} at v${newest.kind} (commit ${commit.slice(0, 12)}); smoke runs pick their image with it`,
    `    not judged${judged ? ` (node images are judged up to kind ${judged})` : ''}, as for every kind release whose full image list was not checked: ${releases.map((release) => release.kind).join(', ')}`
  ]
}

async function explainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('db explain', args, { db: { type: 'string', multiple: true, default: [] }, date: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError('db explain takes one entry id')
  const id = positionals[0]!
  const database = await loadDatabase(values.db)
  const entry = database.entries.find((each) => each.id === id)
  if (!entry) {
    const near = database.entries.filter((each) => each.id.includes(id) || id.includes(each.id)).map((each) => each.id)
    throw new UsageError(`no database entry "${id}"${near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ' (see db list)'}`)
  }
  const date = values.date === undefined ? today() : await parseDateFlag(values.date)
  process.stdout.write(explainText(entry, upgradesForEntry(entry, database, date), date))
  return 0
}

/** Everything about one entry, for people, with the upgrade path the advisor computes for its affected examples on `date`. */
export function explainText(entry: Entry, upgrades: readonly ExampleUpgrade[] = [], date?: string): string {
  const lines = [
    `${entry.id}`,
    `  ${entry.title}`,
    '',
    `severity:    ${entry.severity}${entry.confidence === 'unverified' ? ' (unverified: from a second-hand report)' : ''}`,
    `category:    ${entry.category}`,
    `verified:    ${entry.verified}`,
    '',
    'Applies when:'
  ]
  for (const [condition, value] of Object.entries(entry.when)) {
    if (value !== undefined) lines.push(`  ${describeCondition(condition, value)}`)
  }
  for (const [component, versions] of Object.entries(entry.fixedIn)) {
    lines.push(`  and ${component} is not a fixed release: ${versions!.join(', ')} (one per release branch)`)
  }
  const safe = Object.entries(entry.minimumSafe)
  if (safe.length > 0) lines.push('', `Minimum safe: ${safe.map(([component, version]) => `${component} ${version}`).join(', ')}`)
  section(lines, 'Symptoms', entry.symptoms)
  section(lines, 'Runtime signatures (regular expressions)', entry.signatures)
  lines.push('', 'Remediation:', `  ${entry.remediation}`)
  if (upgrades.length > 0) {
    lines.push('', `Upgrade path (the advisor, from the whole database${date ? ` on ${date}` : ''}, for the affected examples):`)
    for (const upgrade of upgrades) lines.push(`  → ${upgrade.to}`, `      from ${upgrade.from.join('; ')}`)
  }
  section(lines, 'References', entry.references)
  if (entry.sources) section(lines, 'Generated from', entry.sources.map((source) => `${source.repository}@${source.commit.slice(0, 12)} ${source.path}`))
  if (entry.notes) lines.push('', 'Notes:', `  ${entry.notes}`)
  if (entry.examples) {
    section(lines, 'Fires on', entry.examples.affected.map((scenario) => JSON.stringify(scenario)))
    section(lines, 'Does not fire on', entry.examples.unaffected.map((scenario) => JSON.stringify(scenario)))
  }
  return `${lines.join('\n')}\n`
}

function section(lines: string[], heading: string, items: readonly string[]): void {
  if (items.length === 0) return
  lines.push('', `${heading}:`, ...items.map((item) => `  - ${item}`))
}

function describeCondition(condition: string, value: unknown): string {
  switch (condition) {
    case 'virtual':
    case 'host':
    case 'cluster':
      return `${condition} Kubernetes ${describeRange(value as string)}`
    case 'virtualDistro':
    case 'hostDistro':
      return `${condition.replace('Distro', '')} distro is one of ${(value as string[]).join(', ')}`
    case 'uses':
      return `one object uses ${(value as string[]).join(' and ')}`
    case 'unlessFeatureGates':
      return `unless feature gate ${(value as string[]).join(' or ')} is on`
    case 'cgroup':
      return `nodes run cgroup ${value as string}`
    case 'cgroupDriver':
      return `nodes use (or may use) the ${value as string} cgroup driver (not where cgroupfs is configured)`
    case 'api':
      return `a manifest uses one of: ${(value as Array<{ apiVersion: string; kinds: string[] }>).map((api) => `${api.apiVersion} ${api.kinds.join('/')}`).join('; ')}`
    case 'skew': {
      const skew = value as Skew
      return `the ${skew.of} minor, against the ${skew.against}'s, is outside the supported skew (${describeSkewPolicy(skew)})`
    }
    case 'lifecycle': {
      const lifecycle = value as Lifecycle
      const dates = Object.entries(lifecycle.dates).map(([minor, date]) => `${minor}: ${date}`)
      const oldest = Object.entries(lifecycle.dates).at(-1)
      const older = lifecycle.olderThanListed && oldest ? `; older minors: before ${lifecycle.olderEndedBefore ?? oldest[1]}` : ''
      const only = lifecycle.distros ? ` (${lifecycle.distros.join(', ')} builds only)` : ''
      return `the ${lifecycle.of} minor${only} has reached ${lifecycle.phase} on the evaluation date (${dates.join(', ')}${older})`
    }
    case 'outsideSupport':
      return `host or virtual Kubernetes is outside the tested range: ${(value as Array<{ vcluster: string; kubernetes: string }>)
        .map((row) => `vcluster ${row.vcluster} → ${describeRange(row.kubernetes)}`)
        .join('; ')}`
    case 'kindNodeImages':
      return `the kind node image is not one published with the kind release: ${Object.entries(value as Record<string, string[]>)
        .map(([release, images]) => `kind ${release}: ${images.join(', ')}`)
        .join('; ')}`
    default:
      return `${condition} ${value as string}`
  }
}

async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs('db validate', args, {})
  if (positionals.length !== 1) throw new UsageError('db validate takes one file')
  const file = positionals[0]!
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(describeFileError(error, 'read', file))
  }
  const result = validateEntryFile(text, file, bundledDatabase().date)
  for (const warning of freeTextCommentWarnings(text, file)) {
    process.stderr.write(`${warning.file}:${warning.line ?? 1}:${warning.column ?? 1}: warning: ${warning.message}\n`)
  }
  if (!result.ok) {
    for (const problem of result.problems) {
      process.stderr.write(`${problem.file}:${problem.line ?? 1}${problem.column ? `:${problem.column}` : ''}: ${problem.message}\n`)
    }
    return 2
  }
  process.stdout.write(`${file}: ${result.entries.length} ${result.entries.length === 1 ? 'entry' : 'entries'} valid\n`)
  return 0
}
