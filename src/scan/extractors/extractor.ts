import type { Declaration, Diagnostic, Location, UnknownCause, UnknownVersion, Usage } from '../../model.js'
import type { DeclareRequest } from '../declare.js'
import type { SourceFile } from '../source-file.js'
import type { Traced } from '../traced.js'

/**
 * Where a release takes more from: a file of the repository, or an object by kind and name
 * (`ConfigMap/vcluster-values` for Flux `valuesFrom`, `HelmChart/vcluster` for `chartRef`).
 */
export type ValuesTarget = { file: string } | { ref: string }

/**
 * A release (an Argo CD Application, a HelmRelease, a `helm_release`, `helm -f`, ...) that
 * reads vcluster values from elsewhere. What those values declare belongs to the release.
 */
export interface ValuesLink {
  group: string
  target: ValuesTarget
  from: Location
}

/**
 * An object a release can point to by `Kind/name`: a ConfigMap generated from files or
 * written with values inline, a Flux HelmChart that pins the chart version.
 */
export interface ValuesProvider {
  ref: string
  files?: string[]
  group?: string
}

/**
 * A vcluster distro picked without a version (`k3s.enabled: true`, the `vcluster-k8s`
 * chart): the implied virtual version is that distro's default.
 */
export interface DistroChoice {
  group: string
  distro: string
  /** Values that enable a distro win over the distro a chart name stands for. */
  from: 'values' | 'chart'
}

/**
 * A version written as a name defined in another file of the same scope (Terraform
 * `var.k8s_version` with its default in `variables.tf` or its value in `prod.tfvars`).
 * Resolved once every file is read.
 */
export interface NamedUse {
  /** Where names are looked up: a Terraform module directory. */
  scope: string
  name: string
  request: DeclareRequest
  /** The value is an image reference whose tag is the version. */
  image?: boolean
  from: Location
  /**
   * A use that says something only when its scope defines the name (a step of the repository's own action that
   * creates a vcluster with no version input): this diagnostic at the use; nothing when the name is not defined.
   */
  whenDefined?: { message: string; cause: UnknownCause }
}

/** A value for a name; values of a higher priority (tfvars over defaults) hide lower ones. */
export interface NamedValue {
  scope: string
  name: string
  value: Traced
  priority: number
  /** Given only to some runs (a `-var-file` file): counted beside the values chosen by priority, hiding none of them. */
  beside?: true
}

/**
 * A version written as a key of another YAML file: a Helm template's `{{ .Values.cluster.version }}`
 * (the chart's values files), a Terragrunt `local.env.vcluster.version` where `env =
 * yamldecode(file("env.yaml"))`. Resolved once every file is read (keyed-values.ts).
 */
export interface KeyedUse {
  /** Candidate files, repository-relative. */
  files: string[]
  /** A Helm chart's directory: its values files (`values.yaml`, `values-prod.yaml`, `prod.values.yaml`) are candidates too. */
  chart?: string
  /**
   * `all`: each file holding the key declares it (a chart's values files); `nearest`: the first that exists (a parent-folder
   * lookup); `first-set`: the first that sets the key (an Ansible role's `vars/` over its `defaults/`).
   */
  pick: 'all' | 'nearest' | 'first-set'
  /** Keys from the document root. */
  path: string[]
  request: DeclareRequest
  image?: boolean
  /** Where the reference is written (said when no file holds the key). */
  from: Location
  /** The reference as written, for messages. */
  written: string
  /**
   * A presence check: what no value means when that is a tool's default (a kind config without a node image). A
   * value found is left to the file's own reader; a file not in the repository says nothing.
   */
  absent?: { message: string; cause: UnknownCause }
}

/**
 * A Kubernetes object that a kustomize patch can select (a Flux HelmRelease), by kind, name and
 * namespace: `group` is what the object deploys (scan/group-key.ts).
 */
export interface PatchableObject {
  kind: string
  name: string
  namespace?: string
  group: string
  file: string
}

/** Which objects a kustomize patch applies to: its `target` (a name may be a regular expression) or the patch's own kind and name. */
export interface PatchTarget {
  kind?: string
  name?: string
  namespace?: string
}

/**
 * What one kustomize patch sets on the objects it selects (a chart, its version, values). Its
 * declarations have no group: they count only for a release the resolve stage joins them to.
 */
export interface PatchFragment {
  target: PatchTarget
  /** The chart the patch names, when it sets one. */
  chart?: string
  declarations: Declaration[]
  unknowns: UnknownVersion[]
}

/** A patch a kustomization names by its file (`patches: - path: pin.yaml`), read once every file is read. */
export interface PatchFile {
  path: string
  target?: PatchTarget
  from: Location
}

/**
 * A kustomization: what it builds (its `resources`, `components` and `bases`, files and
 * directories, repository-relative) and the patches it applies to them, in order.
 */
export interface KustomizeOverlay<Patch = PatchFragment | PatchFile> {
  file: string
  resources: string[]
  patches: Patch[]
}

/** A dependency of a Helm chart, as the resolve stage's umbrella pass needs it (resolve/umbrella.ts). */
export interface ChartDependency {
  /** The key of the umbrella's values the dependency reads: its `alias`, else its `name`. */
  key: string
  name: string
  /** A vcluster chart. */
  vcluster: boolean
  /** A `file://` dependency's directory, repository-relative. */
  local?: string
  from: Location
}

/**
 * A Helm chart: a directory with a `Chart.yaml`, or a chart archive (`.tgz`) in an umbrella's
 * `charts/` folder. Helm installs what `charts/` holds: a vendored vcluster chart's own version
 * is what the umbrella deploys.
 */
export interface ChartFacts {
  /** The chart's directory, or the archive's path. */
  path: string
  name: string
  /** A vcluster chart's own version, declared only for an umbrella that vendors it (no group yet). */
  version?: Declaration
  dependencies: ChartDependency[]
}

export interface Extraction {
  declarations: Declaration[]
  diagnostics: Diagnostic[]
  links?: ValuesLink[]
  providers?: ValuesProvider[]
  distros?: DistroChoice[]
  /**
   * Groups that install the vcluster chart (a chart release, `helm install`, `vcluster create`).
   * Only those get an implied virtual version: a CLI that is merely installed deploys nothing.
   */
  deploys?: string[]
  uses?: NamedUse[]
  values?: NamedValue[]
  keyed?: KeyedUse[]
  /** What a manifest uses (APIs, pod features, feature gates); only manifest extractors set it. */
  usages?: Usage[]
  /** Versions written where they cannot be read (a template, a variable with no value, a YAML error). */
  unknowns?: UnknownVersion[]
  /** Objects a kustomize patch can select. */
  objects?: PatchableObject[]
  /** Kustomizations, with their resources and patches. */
  overlays?: KustomizeOverlay[]
  /** Helm charts that vendor, depend on or are a vcluster chart. */
  charts?: ChartFacts[]
}

/**
 * One kind of source (kind config, Chart.yaml, vcluster values, ...). Adding a source is
 * adding a module with this shape and listing it in `extractors/index.ts`.
 */
export interface Extractor {
  /** Stable name, reported as a declaration's `source`. */
  readonly id: string
  /** Decides from the path alone whether the file is worth reading. */
  accepts(path: string): boolean
  /**
   * A cheap test of the text that must pass before the file is parsed: fixed words, no regular
   * expression built per file. Tests asked of every YAML file search with `literal`
   * (literal.ts), which is faster than `includes` for words that start with a common
   * character; a reader of a few named files can use `includes`. Readers of YAML apply it to each document's text too, so it must hold for the
   * text of every document they could find something in.
   */
  mightDeclare(text: string): boolean
  extract(file: SourceFile): Extraction
}

export function emptyExtraction(): Extraction {
  return { declarations: [], diagnostics: [], links: [], providers: [], distros: [], deploys: [], uses: [], values: [], keyed: [], unknowns: [], objects: [], overlays: [], charts: [] }
}
