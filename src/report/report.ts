import { freshness, type NewestKnown } from '../db/freshness.js'
import type { Database } from '../db/schema.js'
import { ENVIRONMENT_SLOTS, type Declaration, type Diagnostic, type Environment, type EnvironmentSlot, type Finding, type FindingStatus, type PairingEvidence, type Severity, type UnknownVersion } from '../model.js'
import { unknownPlaces, type UnknownPlace } from '../evaluate/unknown-places.js'
import { slotOf } from '../resolve/releases.js'
import type { UpgradeAdvice } from '../evaluate/advisor.js'
import { TOOL } from '../tool.js'

/** What the scan looks for, said when it found nothing: a pass on a repository it does not understand must not look like a clean one. */
export const LOOKED_FOR =
  'vcluster chart references, images, CLI pins and release downloads; Kubernetes versions of kind, k3s, k0s, managed clusters (EKS, AKS, GKE), Cluster API and cluster tools (flags, variables, Terraform); kind and kubectl pins'

/** A declaration as the JSON report shows it (the internal grouping keys are left out, `confidence` always written). */
export type DeclarationReport = Omit<Declaration, 'group' | 'valuesPath' | 'confidence'> & { confidence: NonNullable<Declaration['confidence']> }

export interface EnvironmentReport {
  vcluster?: number
  virtual?: number
  host?: number
  kind?: number
  kubectl?: number
  /** Indexes into `declarations`. */
  declarations: number[]
  /** Why each slot holds what it holds (kind of evidence, file, line, one line for people). */
  evidence: PairingEvidence[]
  /** Versions a file sets but that cannot be read: `unknown`, never a default. */
  unknown?: Array<Omit<UnknownVersion, 'group'> & { slot: EnvironmentSlot | undefined; version: 'unknown' }>
  /** A values file no release deploys, checked alone (findings at most notices). */
  unpaired?: true
  /** The name given in `.kube-compat-gate.yml` `environments:`. */
  name?: string
  /** The nearest versions that clear this environment's errors and warnings (absent when nothing holds). */
  upgrade?: UpgradeAdvice
}

export interface FindingReport {
  id: string
  severity: Severity
  title: string
  message: string
  file: string
  line: number
  column: number
  remediation: string
  references: string[]
  certainty: Finding['certainty']
  /** Every declaration that made the entry apply, as indexes into `declarations`. */
  declarations: number[]
  /**
   * Every place the entry holds for the same versions, the primary (`file`, `line`, `column`)
   * first, each with its own message and declarations.
   */
  locations: LocationReport[]
  status?: FindingStatus
  /** Present when a waiver in the configuration file accepts the finding. */
  waived?: Finding['waived']
  /** The smoke test saw this incident happen. */
  confirmedAtRuntime?: true
  evidence?: Finding['evidence']
}

export interface LocationReport {
  file: string
  line: number
  column: number
  message: string
  /** Indexes into `declarations`. */
  declarations: number[]
}

/** What `--smoke` did; present only when it ran. */
export interface SmokeReport {
  passed: boolean
  mode: 'kind' | 'kubeconfig'
  /** The server's own version next to what the repository declares. */
  serverVersion?: string
  declaredHostVersion?: string
  kindNodeImage?: string
  vcluster?: string
  virtualVersion?: string
  namespace: string
  evidenceDir: string
  workload: { pod: string; deployment: string; resize: string; reasons: string[] }
  warnings: string[]
  error?: string
  /** Cleanup messages; `kept` when --smoke-keep left everything in place. */
  cleanup: Array<{ ok: boolean; message: string }>
  kept: boolean
}

/** The JSON report (DESIGN.md §3). Other tools read it: change it only by adding fields. */
export interface Report {
  schemaVersion: 1
  tool: { name: string; version: string }
  database: {
    version: string
    date: string
    entries: number
    /** The newest Kubernetes minor, vcluster minor and kind release the tables know. */
    newest?: NewestKnown
    /** Days from the database date to the evaluation date. */
    ageDays?: number
    /** Set when the data is more than 90 days old on the evaluation date. */
    warning?: string
  }
  declarations: DeclarationReport[]
  environments: EnvironmentReport[]
  findings: FindingReport[]
  diagnostics: Diagnostic[]
  /**
   * Every place where the repository uses a version that the gate cannot read, once, with its
   * `cause` and the slot it leaves unknown (README, "Versions the gate cannot read").
   */
  unknown: UnknownPlace[]
  /** Only when nothing at all was found (no version, no place without one): what the scan looked for. */
  lookedFor?: string
  summary: {
    error: number
    warning: number
    notice: number
    filesScanned: number
    passed: boolean
    /** Places whose version cannot be read: the length of `unknown` (each fails the gate with --strict, unless a --target sets its slot). */
    unknown: number
    /**
     * Deprecated: the diagnostics marked `unresolved` (one of the two ways the scan says a place is
     * unknown). Read `unknown` instead, which counts each place once.
     */
    unresolved: number
  }
  smoke?: SmokeReport
}

export interface ReportInput {
  database: Database
  /** The evaluation date: the database's age is told against it. */
  date?: string
  declarations: readonly Declaration[]
  environments: readonly Environment[]
  /** The upgrade advisor's answer per environment. */
  advice?: ReadonlyMap<Environment, UpgradeAdvice | undefined>
  findings: readonly Finding[]
  diagnostics: readonly Diagnostic[]
  /** The places whose version cannot be read (the pipeline's, which include the scan's unknowns that pair with nothing). */
  unknown?: readonly UnknownPlace[]
  filesScanned: number
  passed: boolean
  smoke?: SmokeReport
}

export function buildReport(input: ReportInput): Report {
  const indexOf = new Map(input.declarations.map((declaration, index) => [declaration, index]))
  const refer = (declaration: Declaration): number => indexOf.get(declaration) ?? -1
  const counts = { error: 0, warning: 0, notice: 0 }
  const unknown = [...(input.unknown ?? unknownPlaces([], input.environments, input.diagnostics))]
  for (const finding of input.findings) if (finding.status !== 'fixed' && !finding.waived) counts[finding.severity]++

  return {
    schemaVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    database: {
      version: input.database.version,
      date: input.database.date,
      entries: input.database.entries.length,
      ...(input.date === undefined ? {} : freshness(input.database, input.date))
    },
    declarations: input.declarations.map(({ group: _group, valuesPath: _valuesPath, ...declaration }) => ({ ...declaration, confidence: declaration.confidence ?? 'exact' })),
    environments: input.environments.map((environment) => {
      const report: EnvironmentReport = { declarations: [], evidence: environment.evidence ?? [] }
      for (const slot of ENVIRONMENT_SLOTS) {
        const declaration = environment[slot]
        if (!declaration) continue
        report[slot] = refer(declaration)
        if (!report.declarations.includes(refer(declaration))) report.declarations.push(refer(declaration))
      }
      if (environment.unknown?.length) {
        report.unknown = environment.unknown.map(({ group: _group, ...unknown }) => ({ ...unknown, slot: slotOf(unknown), version: 'unknown' as const }))
      }
      if (environment.unpaired) report.unpaired = true
      if (environment.name !== undefined) report.name = environment.name
      const upgrade = input.advice?.get(environment)
      if (upgrade && upgrade.current.length > 0) report.upgrade = upgrade
      return report
    }),
    findings: input.findings.map((finding) => ({
      id: finding.id,
      severity: finding.severity,
      title: finding.title,
      message: finding.message,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      remediation: finding.remediation,
      references: finding.references,
      certainty: finding.certainty,
      declarations: finding.declarations.map(refer),
      locations: (finding.locations ?? [finding]).map((location) => ({
        file: location.file,
        line: location.line,
        column: location.column,
        message: location.message,
        declarations: location.declarations.map(refer)
      })),
      ...(finding.status ? { status: finding.status } : {}),
      ...(finding.waived ? { waived: finding.waived } : {}),
      ...(finding.confirmedAtRuntime ? { confirmedAtRuntime: true as const } : {}),
      ...(finding.evidence ? { evidence: finding.evidence } : {})
    })),
    diagnostics: [...input.diagnostics],
    unknown,
    ...(input.declarations.length === 0 && unknown.length === 0 ? { lookedFor: LOOKED_FOR } : {}),
    summary: { ...counts, filesScanned: input.filesScanned, passed: input.passed, unknown: unknown.length, unresolved: input.diagnostics.filter((diagnostic) => diagnostic.unresolved).length },
    ...(input.smoke ? { smoke: input.smoke } : {})
  }
}
