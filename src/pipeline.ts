import { lstat, readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CONFIG_FILE_NAME, ConfigError, loadConfigFile, type GateConfig } from './config/config-file.js'
import { refusedFile } from './config/repository-file.js'
import type { WhatIf } from './config/what-if.js'
import { listedApiVersions } from './db/api-versions.js'
import { loadDatabaseNoting } from './db/load.js'
import type { Database } from './db/schema.js'
import { changedLines, MAX_DIFFERING_LINES, MAX_DIFFERING_LINES_PER_RUN } from './evaluate/changed-lines.js'
import { diffFindings } from './evaluate/diff.js'
import { evaluate, today } from './evaluate/evaluate.js'
import { gatePasses, type FailOn } from './evaluate/gate.js'
import { undecidedPlaces, unknownPlaces } from './evaluate/unknown-places.js'
import { adviseFindings, adviseUpgrade, type UpgradeAdvice } from './evaluate/advisor.js'
import { groupFindings } from './evaluate/group.js'
import { compatibilityGrids, type CompatibilityGrid } from './evaluate/grid.js'
import { applyWaivers } from './evaluate/waivers.js'
import type { BaseCommit } from './commits/derived-base.js'
import { movedOutOfSight } from './commits/out-of-sight.js'
import { unreadAtHead } from './commits/unread-at-head.js'
import { sameResolveInputs } from './commits/same-inputs.js'
import { suggestion } from './config/did-you-mean.js'
import type { Declaration, Diagnostic, Environment, Finding } from './model.js'
import { buildReport, type Report, type SmokeReport } from './report/report.js'
import { resolveRepository } from './resolve/resolve.js'
import { DEFAULT_MAX_FILE_BYTES, scanTree, type TreeScan } from './scan/scan.js'
import type { SmokeOptions } from './smoke/run-smoke.js'

export interface GateOptions {
  /** Directory to scan (the head of a change). */
  root: string
  /** `root` is a commit written out from git or an archive (every file tracked, so `.gitignore` does not apply). */
  rootIsCommit?: boolean
  /** Diagnostics about the head that its scan cannot see (files left out of its archive for their size). */
  headDiagnostics?: Diagnostic[]
  /** Extra database files (in addition to those the configuration file names). */
  databaseFiles?: readonly string[]
  failOn: FailOn
  maxFileBytes?: number
  /** `.kube-compat-gate.yml` to use; `root/.kube-compat-gate.yml` when present otherwise. */
  configFile?: string
  /**
   * The action's workspace: database files that a given `configFile` lists must resolve inside it
   * (on `pull_request` the workspace is the pull request's checkout). The repository's own
   * configuration keeps its database files inside `root` whatever this says.
   */
  filesWithin?: string
  /** Day that lifecycle dates and waiver expiries are checked against, `YYYY-MM-DD`; today by default. */
  date?: string
  /**
   * The same directory as it was at the change's base. With it, findings are marked
   * new / fixed / unchanged and the gate looks at `failScope` (default `new`). The head's
   * configuration (waivers included) applies to both, so the policy under review decides.
   */
  baseRoot?: string
  /**
   * The base as a commit of the git repository whose work tree holds `root`: derived from the
   * head's scan and the git objects of the files the change touched (src/commits/derived-base.ts),
   * scanned in full only when the change touches what every file depends on. Instead of `baseRoot`.
   */
  baseCommit?: BaseCommit
  /** Says which way the base was read (derived or scanned in full, and why). */
  log?: (message: string) => void
  failScope?: 'new' | 'all'
  /** Fail the gate on any version that a file sets but that cannot be read (`--strict`). */
  strict?: boolean
  /** `--target`: evaluate (head and base) as if these versions were deployed. */
  targets?: readonly WhatIf[]
  /** Run the smoke test on the head after the static checks (`--smoke`); its findings join the others. */
  smoke?: SmokeRequest
  /**
   * Called every few files while scanning and around each evaluation, where memory grows: the
   * process's owner acts on it (the CLI and the action cap V8's young generation there:
   * src/young-generation.ts). The pipeline itself changes nothing about the process.
   */
  checkpoint?: () => void
}

/** What the caller decides about a smoke run; the pipeline adds the database and declarations. */
export type SmokeRequest = Omit<SmokeOptions, 'database' | 'declarations' | 'root'>

export interface GateResult {
  report: Report
  findings: Finding[]
  database: Database
  /** The configuration file that was read, if any. */
  config?: GateConfig
  environments: Environment[]
  /**
   * The database's verdicts around the declared versions, for the Markdown report. Worked out
   * on the first call (about 40 small evaluations): the JSON, text and SARIF reports never ask.
   */
  grids(): CompatibilityGrid[]
  /** With a base: per file that declares a version, the head lines the change added or edited. */
  changedLines: Map<string, Set<number>>
}

/**
 * config → scan → resolve → evaluate → waivers (→ diff against the base) → report. The
 * CLI and the action share it.
 */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const date = options.date ?? today()
  const config = await readConfig(options)
  const within = options.configFile === undefined ? options.root : options.filesWithin
  if (config && within !== undefined) await requireInsideRepository(config.database, within)
  const { database: loaded, diagnostics: databaseNotes } = await loadDatabaseNoting([...(config?.database ?? []), ...(options.databaseFiles ?? [])])
  const disabled = new Set((config?.disable ?? []).map((item) => item.id))
  const database = disabled.size > 0 ? { ...loaded, entries: loaded.entries.filter((entry) => !disabled.has(entry.id)) } : loaded
  const tree = {
    database,
    apiVersions: listedApiVersions(database),
    config,
    date,
    maxFileBytes: options.maxFileBytes ?? config?.maxFileBytes,
    configPath: config ? reportPath(options.root, config.file) : '',
    targets: options.targets ?? [],
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {})
  }
  const evaluatedHead = await evaluateTree(options.root, options.rootIsCommit ? { ...tree, commitTree: true } : tree)
  const head = options.headDiagnostics ? { ...evaluatedHead, diagnostics: [...evaluatedHead.diagnostics, ...options.headDiagnostics] } : evaluatedHead
  const base = await evaluateBase(options, head, tree)
  const compared = base ? diffFindings(base.findings, head.findings) : head.findings
  const smoke = options.smoke ? await runSmokeStage(options.smoke, database, head.declarations, compared, options.root, base !== undefined) : undefined
  const adviceNotes: Diagnostic[] = []
  const advice = new Map(head.environments.map((environment) => [environment, adviceOrNote(environment, database, date, adviceNotes)]))
  const findings = groupFindings(adviseFindings(smoke?.findings ?? compared, advice), database)
  const changed = base === undefined ? { lines: new Map<string, Set<number>>(), diagnostics: [] } : await changedDeclarationLines(base.text, options.root, head.declarations)
  // One list of the places whose version cannot be read: reported near the top, and `--strict` fails on any that no `--target` decides.
  const unknown = unknownPlaces(head.unknowns, head.environments, head.diagnostics)
  const unread =
    base === undefined
      ? []
      : [...unreadAtHead(base.declarations, head.declarations, head.diagnostics), ...movedOutOfSight(base.declarations, head.declarations, options.root, head.tree.discovery.skippedFolders)]
  const configPath = options.configFile === undefined ? CONFIG_FILE_NAME : reportPath(options.root, options.configFile)
  // Loaded with a base only: it parses the base's configuration, and the configuration schema (zod) stays out of a run without one.
  const dropped = base === undefined ? [] : await (await import('./commits/dropped-databases.js')).droppedDatabases(options.root, configPath, config?.database ?? [], base.text)
  const report = buildReport({
    database,
    date,
    declarations: head.declarations,
    environments: head.environments,
    advice,
    findings,
    diagnostics: [...databaseNotes.map((note) => ({ ...note, file: reportPath(options.root, note.file) })), ...(config ? configurationNotes(config, loaded, reportPath(options.root, config.file)) : []), ...dropped, ...head.diagnostics, ...changed.diagnostics, ...unread, ...adviceNotes.slice(0, 1)],
    unknown,
    filesScanned: head.filesScanned,
    passed:
      gatePasses(findings, options.failOn, options.failScope ?? (base ? 'new' : 'all')) &&
      !(options.strict === true && undecidedPlaces(unknown, options.targets ?? []).length > 0) &&
      (unread.length === 0 || options.failOn === 'never'),
    ...(smoke ? { smoke: smoke.report } : {})
  })
  return {
    report,
    findings,
    database,
    ...(config ? { config } : {}),
    environments: head.environments,
    grids: once(() => compatibilityGrids(head.environments, database, date)),
    changedLines: changed.lines
  }
}

/** What the base text of a file is: `same` as the head's, its text, or undefined when the base has no such file. */
type BaseText = (file: string) => Promise<string | undefined | 'same'>

/** The base of the change, evaluated like the head, and a way to read its files for the changed lines. */
async function evaluateBase(options: GateOptions, head: EvaluatedTree, tree: TreeContext): Promise<(EvaluatedTree & { text: BaseText }) | undefined> {
  if (options.baseRoot !== undefined) {
    const baseRoot = options.baseRoot
    return { ...(await evaluateTree(baseRoot, { ...tree, commitTree: true })), text: (file) => readFile(join(baseRoot, file), 'utf8').catch(() => undefined) }
  }
  if (options.baseCommit === undefined) return undefined
  const commit = options.baseCommit
  const log = options.log ?? (() => {})
  const say = (message: string): void => log(`base ${commit.sha.slice(0, 12)}: ${message}`)
  const [{ deriveBase }, { treeFromGit }] = await Promise.all([import('./commits/derived-base.js'), import('./commits/git-tree.js')])
  const derived = await deriveBase(options.root, head.tree, commit, tree.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)
  if ('source' in derived) {
    const via = commit.remote ? `through the REST API (${commit.remote.requests} ${commit.remote.requests === 1 ? 'request' : 'requests'})` : 'from git objects'
    say(`derived from the head's scan; ${derived.changedFiles} changed ${derived.changedFiles === 1 ? 'file' : 'files'} read ${via}`)
    const scan = await scanTree(options.root, { ...scanOptions(tree), source: derived.source })
    return { ...evaluateBaseScan(scan, head, tree, say), text: async (file) => derived.baseText(file) }
  }
  say(`scanned in full, because ${derived.fallback}`)
  const written = commit.remote ? await commit.remote.fullTree() : await treeFromGit(commit.top, commit.sha, options.root)
  try {
    const baseTree = { ...tree, commitTree: true }
    const evaluated = evaluateBaseScan(await scanTree(written.root, scanOptions(baseTree)), head, baseTree, say)
    const texts = new Map<string, string | undefined>()
    for (const file of new Set(head.declarations.map((declaration) => declaration.file))) {
      texts.set(file, await readFile(join(written.root, file), 'utf8').catch(() => undefined))
    }
    return { ...evaluated, text: async (file) => texts.get(file) }
  } finally {
    await written.dispose()
  }
}

/**
 * The base's environments and findings: the head's when the base's scan gives resolve and
 * evaluation what the head's gave (src/commits/same-inputs.ts says what that saves), worked out
 * as the head's were otherwise. Shared declarations are safe there: the report tells a fixed
 * finding's declarations from the head's by identity, and a base with the head's findings has
 * no fixed finding.
 */
function evaluateBaseScan(scan: TreeScan, head: EvaluatedTree, tree: TreeContext, say: (message: string) => void): EvaluatedTree {
  if (!sameResolveInputs(scan.result, head.tree.result)) return evaluateScan(scan, tree)
  say(`declares and uses what the head does; its findings are the head's, not worked out again`)
  const resolveDiagnostics = head.diagnostics.slice(head.tree.result.diagnostics.length)
  return { ...scan.result, declarations: head.declarations, diagnostics: [...scan.result.diagnostics, ...resolveDiagnostics], tree: scan, environments: head.environments, findings: head.findings }
}

interface TreeContext {
  database: Database
  /** The apiVersions the database names: the scan records uses of no others. */
  apiVersions: ReadonlySet<string>
  config: GateConfig | undefined
  date: string
  maxFileBytes: number | undefined
  /** The configuration file as the report names it. */
  configPath: string
  targets: readonly WhatIf[]
  /** The tree is a commit written out (from git or an archive): `.gitignore` does not apply. */
  commitTree?: boolean
  checkpoint?: () => void
}

type EvaluatedTree = TreeScan['result'] & { tree: TreeScan; environments: Environment[]; findings: Finding[] }

function scanOptions({ apiVersions, config, maxFileBytes, commitTree, checkpoint }: TreeContext) {
  return {
    apiVersions,
    ...(checkpoint ? { checkpoint } : {}),
    ...(commitTree ? { gitignore: false } : {}),
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    ...(config?.include ? { include: config.include } : {}),
    ...(config?.exclude ? { exclude: config.exclude } : {})
  }
}

async function evaluateTree(root: string, context: TreeContext): Promise<EvaluatedTree> {
  return evaluateScan(await scanTree(root, scanOptions(context)), context)
}

function evaluateScan(tree: TreeScan, { database, config, date, configPath, targets, checkpoint }: TreeContext): EvaluatedTree {
  const scan = tree.result
  const resolved = resolveRepository(scan, {
    // Stated pairings name the configuration file as the report names it.
    configured: (config?.environments ?? []).map((environment) => ({ ...environment, file: configPath })),
    whatIfs: targets
  })
  const { declarations, environments } = resolved
  checkpoint?.()
  const evaluated = evaluate(environments, database, { date, usages: scan.usages, declarations })
  checkpoint?.()
  const findings = config ? applyWaivers(evaluated, config.waivers, date, configPath) : evaluated
  return { ...scan, declarations, diagnostics: [...scan.diagnostics, ...resolved.diagnostics], tree, environments, findings }
}

/**
 * Loaded on demand so a plain scan never reads the smoke modules. Runtime findings join the
 * static ones; with a base, a finding only the smoke test found is new (the head broke it).
 */
async function runSmokeStage(
  request: SmokeRequest,
  database: Database,
  declarations: readonly Declaration[],
  findings: readonly Finding[],
  root: string,
  compared: boolean
): Promise<{ findings: Finding[]; report: SmokeReport }> {
  const [{ runSmoke }, { mergeRuntimeFindings }, { toSmokeReport }] = await Promise.all([
    import('./smoke/run-smoke.js'),
    import('./smoke/runtime-findings.js'),
    import('./smoke/smoke-report.js')
  ])
  const result = await runSmoke({ ...request, database, declarations, root })
  const merged = mergeRuntimeFindings(findings, result, declarations).map((finding) =>
    compared && finding.status === undefined ? { ...finding, status: 'new' as const } : finding
  )
  return { findings: merged, report: toSmokeReport(result) }
}

/**
 * The configuration given by the workflow or the command line, else the repository's own. The
 * repository's file (which a pull request can change) is read only from inside the repository.
 */
async function readConfig(options: GateOptions): Promise<GateConfig | undefined> {
  if (options.configFile !== undefined) return loadConfigFile(options.configFile)
  const implicit = join(options.root, CONFIG_FILE_NAME)
  const found = await lstat(implicit).catch(() => undefined)
  if (!found) return undefined
  const refused = await refusedFile(implicit, [options.root])
  if (refused !== undefined) throw new ConfigError(`cannot read configuration file ${implicit}: ${refused}`)
  return loadConfigFile(implicit)
}

/** Database files that the repository's own configuration lists stay inside the repository. */
async function requireInsideRepository(files: readonly string[], root: string): Promise<void> {
  for (const file of files) {
    const refused = await refusedFile(file, [root])
    if (refused !== undefined) throw new ConfigError(`cannot read database file ${file} that ${CONFIG_FILE_NAME} lists: ${refused}`)
  }
}

/** The configuration file relative to the scanned root, like every other path in the report. */
function reportPath(root: string, file: string): string {
  const inside = relative(resolve(root), resolve(file))
  if (inside.startsWith('..') || isAbsolute(inside)) return file
  return inside.split(sep).join('/')
}

/**
 * Per declaring file, the head lines the change added or edited. The diff is bounded per file and
 * per run; a file past the bound gets no set (its findings are not ranked first and get no
 * suggestion) and a diagnostic that says the changed lines were not computed.
 */
async function changedDeclarationLines(
  baseText: BaseText,
  headRoot: string,
  declarations: readonly Declaration[]
): Promise<{ lines: Map<string, Set<number>>; diagnostics: Diagnostic[] }> {
  const lines = new Map<string, Set<number>>()
  const diagnostics: Diagnostic[] = []
  let budget = MAX_DIFFERING_LINES_PER_RUN
  for (const file of new Set(declarations.map((declaration) => declaration.file))) {
    // A file the change did not touch has no changed lines; its head is not read again.
    const base = await baseText(file)
    if (base === 'same') {
      lines.set(file, new Set())
      continue
    }
    const head = await readFile(join(headRoot, file), 'utf8').catch(() => undefined)
    if (head === undefined) continue
    const limit = Math.min(MAX_DIFFERING_LINES, budget)
    const changed = changedLines(base, head, limit)
    if (!changed.computed) {
      diagnostics.push({
        file,
        message:
          `changed lines not computed: more than ${limit} lines differ from the base` +
          `${limit < MAX_DIFFERING_LINES ? ` (the run's budget of ${MAX_DIFFERING_LINES_PER_RUN} differing lines is used up)` : ''}; ` +
          'its findings are still reported and compared with the base, but not ranked first and given no suggested fix'
      })
      continue
    }
    budget = Math.max(0, budget - (base === undefined ? 0 : changed.differing))
    lines.set(file, changed.lines)
  }
  return { lines, diagnostics }
}

/**
 * What the configuration says about the checks, each at its line. Waivers and `disable` entries
 * that name no database entry do nothing, silently: a typo in an id would keep a finding failing
 * (or a check running) while its author thinks otherwise. Every check the configuration does turn
 * off (and every file `include` or `exclude` leaves unread) is a warning: a pull request can add its
 * own, and the reviewer must see it in the reports, not only in the diff. Unknown ids come first.
 */
function configurationNotes(config: GateConfig, database: Database, file: string): Diagnostic[] {
  const ids = database.entries.map((entry) => entry.id)
  const known = new Set(ids)
  const flagged = { warning: true as const, configuration: true as const }
  const patterns = (list: readonly string[]): string => list.map((pattern) => `"${pattern}"`).join(', ')
  const unknownId = (id: string, line: number, what: string): Diagnostic => ({ file, line, message: `${what} names "${id}", which is not a database entry${suggestion(id, ids)}` })
  const unknown = config.waivers.filter((waiver) => !known.has(waiver.id)).map((waiver) => unknownId(waiver.id, waiver.line, 'waiver'))
  const disabled: Diagnostic[] = []
  for (const item of config.disable ?? []) {
    if (known.has(item.id)) disabled.push({ file, line: item.line, message: `\`disable\` turns off "${item.id}": its findings are not reported`, ...flagged })
    else unknown.push(unknownId(item.id, item.line, '`disable` entry'))
  }
  const included = (config.include ?? []).length
    ? [{ file, message: `\`include\` reads only files matching ${patterns(config.include!)}: versions in other files are not read`, ...flagged }]
    : []
  const excluded = (config.exclude ?? []).length
    ? [{ file, message: `\`exclude\` leaves out files matching ${patterns(config.exclude!)}: versions in them are not read`, ...flagged }]
    : []
  return [...unknown, ...disabled, ...included, ...excluded]
}

/** `compute` run on the first call only; later calls give its first result. */
function once<T>(compute: () => T): () => T {
  let result: { value: T } | undefined
  return () => (result ??= { value: compute() }).value
}

/**
 * The advice is help, never the verdict: a version text it cannot work with (once, a
 * `loftsh/vcluster:v0.13` image lost the whole report to a thrown error) costs that
 * environment its "fix:" line and is said once, at a declaration of it, not the run.
 */
function adviceOrNote(environment: Environment, database: Database, date: string, notes: Diagnostic[]): UpgradeAdvice | undefined {
  try {
    return adviseUpgrade(environment, database, date)
  } catch (error) {
    const at = environment.vcluster ?? environment.virtual ?? environment.host ?? environment.kubectl ?? environment.kind
    notes.push({ file: at?.file ?? '', ...(at ? { line: at.line } : {}), message: `no fix advice for this environment: ${error instanceof Error ? error.message : String(error)} (the findings and the verdict are not affected)` })
    return undefined
  }
}
