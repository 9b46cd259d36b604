/**
 * The nouns every pipeline stage shares. Kept free of behaviour so that each stage
 * (scan → resolve → evaluate → report) can be read and tested on its own.
 */

export const COMPONENTS = [
  'kubernetes',
  'vcluster',
  'kind',
  'kubectl',
  'helm',
  'containerd',
  'runc'
] as const
export type Component = (typeof COMPONENTS)[number]

/** Where a Kubernetes version runs: the real (host) cluster or a vcluster tenant. */
export type KubernetesRole = 'host' | 'virtual'

/** How a declaration was found: by an extractor that knows the file's tool, or by meaning. */
export type Confidence = 'exact' | 'inferred'

export const SEVERITIES = ['error', 'warning', 'notice'] as const
export type Severity = (typeof SEVERITIES)[number]

/** A place in a scanned file; `line` and `column` are 1-based. */
export interface Location {
  file: string
  line: number
  column: number
}

/** One version that a repository declares, at the position of the version token. */
export interface Declaration extends Location {
  component: Component
  role?: KubernetesRole
  /** Kubernetes distribution (k8s, k3s, k0s, eks, kind, ...) for Kubernetes declarations. */
  distro?: string
  /** Normalised: MAJOR.MINOR.PATCH[-prerelease], MAJOR.MINOR for a minor-only value, or a range. */
  version: string
  /** The text as written. */
  raw: string
  /** Extractor that found it (e.g. `vcluster-values`, `helm-chart`, `kind-config`), or generic detector (`chart-reference`, `image`, `named-value`, ...). */
  source: string
  /**
   * `exact` when an extractor that knows the file's tool read it; `inferred` when a generic
   * detector recognised it by meaning. Unset means exact (the report always writes it).
   */
  confidence?: Confidence
  /** Set when the value is a range (`>=1.28.0-0`, `0.19.*`) rather than one version. */
  constraint?: true
  /** Set when no version is written and the value is a release default. */
  implied?: true
  /**
   * Declarations that are deployed together share a group (a chart directory, one
   * Argo CD Application, ...). Not part of the JSON contract.
   */
  group?: string
  /**
   * Values of an umbrella chart: the keys above the vcluster configuration (`vcluster`, a
   * dependency's alias, `platform.vcluster` through a chart of charts). The resolve stage keeps
   * them for a chart only where its dependencies put vcluster. Not part of the JSON contract.
   */
  valuesPath?: string[]
}

/**
 * A release that takes values from elsewhere: what `file` (or the declarations of
 * `memberGroup`) declare is deployed with `group`. Produced by the scan; internal, not part of
 * the JSON report.
 */
export interface GroupLink {
  group: string
  file?: string
  memberGroup?: string
  /** Where the release names the file or object (the pairing evidence). */
  from?: Location
}

/** The version slots of an environment. */
export const ENVIRONMENT_SLOTS = ['vcluster', 'virtual', 'host', 'kind', 'kubectl'] as const
export type EnvironmentSlot = (typeof ENVIRONMENT_SLOTS)[number]

/**
 * Why a version that the repository uses cannot be read: the cause of the one `unknown` marker,
 * named in every report (docs: README "Versions the gate cannot read").
 */
export const UNKNOWN_CAUSES = ['no-version', 'latest', 'no-value', 'template', 'not-a-version', 'unreadable', 'tool-default'] as const
export type UnknownCause = (typeof UNKNOWN_CAUSES)[number]

/**
 * A version that a file sets but that cannot be read: a template (`{{ .Values.x }}`), a
 * variable with no value, a YAML error, an unreadable file, `latest`. It is `unknown`, never a default.
 */
export interface UnknownVersion extends Location {
  component: Component
  role?: KubernetesRole
  /** The text as written (may be empty when the file could not be read at all). */
  raw: string
  /** Why it cannot be read. */
  reason: string
  cause: UnknownCause
  group: string
}

/**
 * How strongly the repository says that two versions go together (docs/pairing.md).
 * `configuration`, `what-if`, `same-release`, `explicit-reference`, `same-subtree` and
 * `only-candidate` are evidence a reviewer accepts; `repository-level` is inferred, and
 * `unpaired` means a values file that nothing deploys, checked alone.
 */
export type EvidenceKind =
  | 'configuration'
  | 'what-if'
  | 'same-release'
  | 'explicit-reference'
  | 'same-subtree'
  | 'only-candidate'
  | 'repository-level'
  | 'release-default'
  | 'unpaired'

/** Why one slot of an environment holds what it holds. */
export interface PairingEvidence {
  slot: EnvironmentSlot
  kind: EvidenceKind
  /** The file the slot's version (or values) comes from, and the line. */
  file: string
  line: number
  /** One line for people: `values from x/values.yaml (referenced by apps/dev.yaml:12)`. */
  text: string
}

/** Versions that are deployed together; evaluated as one combination. */
export interface Environment {
  vcluster?: Declaration
  virtual?: Declaration
  host?: Declaration
  kind?: Declaration
  kubectl?: Declaration
  /** Why each slot was filled (resolve stage); absent for environments built by hand. */
  evidence?: PairingEvidence[]
  /** Slots that a file sets but that cannot be read. */
  unknown?: UnknownVersion[]
  /** A values file that no release deploys: checked alone, its findings at most notices. */
  unpaired?: true
  /** The name given in `.kube-compat-gate.yml` `environments:`. */
  name?: string
  /** Values files the release reads (placement of their configuration usages). */
  valuesFiles?: string[]
}

export type FindingStatus = 'new' | 'fixed' | 'unchanged'

/**
 * Something a manifest or configuration file uses that an entry can depend on: an API
 * (`feature: api` with `apiVersion` and `kind`), a pod feature (`resizePolicy`,
 * `execProbe`), a feature gate (`feature: featureGate` with its `name`), ...
 */
export interface Usage extends Location {
  feature: string
  apiVersion?: string
  kind?: string
  /** The feature gate's name, for `featureGate`. */
  name?: string
  /** Identifies one object (file, document, container) so its features can be matched together. */
  object?: string
  /** Extractor that found it. */
  source: string
  /** The directory it belongs to; decides which environment it is deployed to. */
  group?: string
}

/** A waiver from `.kube-compat-gate.yml` that suppresses a finding until it expires. */
export interface Waiver {
  id: string
  paths?: string[]
  reason: string
  owner: string
  expires: string
  /** Where the waiver is written. */
  file: string
  line: number
}

/** A known incompatibility that applies to the scanned repository. */
export interface Finding extends Location {
  id: string
  severity: Severity
  title: string
  message: string
  remediation: string
  references: string[]
  /** `affected` when every declared version is in range, `may-be-affected` for partial overlap. */
  certainty: 'affected' | 'may-be-affected'
  /** All declarations that made the entry apply, the primary one first. */
  declarations: Declaration[]
  /** Manifest usages that made the entry apply (an API, a resizePolicy, ...). */
  usages?: Usage[]
  status?: FindingStatus
  /** Set when a waiver suppresses the finding: reported, but never fails the gate. */
  waived?: { reason: string; owner: string; expires: string }
  /** Set when the smoke test saw the incident happen (an entry's signature matched its evidence). */
  confirmedAtRuntime?: true
  /** What the smoke test saw: where, and the matching (or most telling) line. */
  evidence?: RuntimeEvidence
  /**
   * Every place the same entry holds for the same versions (set by grouping, the primary first):
   * thirty Applications of one vcluster release give one finding with thirty locations.
   */
  locations?: FindingLocation[]
}

/** One place a grouped finding applies to, with what made it apply there. */
export interface FindingLocation extends Location {
  message: string
  declarations: Declaration[]
  usages?: Usage[]
}

/** A line of smoke-test evidence that backs a finding. */
export interface RuntimeEvidence {
  /** e.g. `event Pod/kcg-smoke-pod Failed`, `vcluster-syncer`. */
  source: string
  excerpt: string
  /** The signature (regular expression) that matched, for confirmed findings. */
  signature?: string
}

/** A problem with one scanned file that did not stop the scan. */
export interface Diagnostic {
  file: string
  line?: number
  column?: number
  message: string
  /**
   * Set when the file shows a version is used (a vcluster chart, image, CLI, a cluster tool) but
   * no version could be read there (no version, `latest`, a variable with no value): the gate
   * cannot check it, so every report says so near the top.
   */
  unresolved?: true
  /** With `unresolved`: why the version cannot be read. */
  cause?: UnknownCause
  /**
   * Set when the file could change the verdict but was not read as written (a database entry
   * that replaces a bundled one, a file the gate skipped or cut): the action shows it as a
   * warning annotation as well, so a pull request cannot turn a failure into a quiet pass.
   */
  warning?: true
  /**
   * Set on what the repository's own configuration turns off or overrides (`disable`, `include`,
   * `exclude`, `environments:`, a database file's entry that replaces a bundled one): the PR
   * comment lists every one, so a change cannot bury its own.
   */
  configuration?: true
}
