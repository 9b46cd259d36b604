import type { Declaration, Diagnostic, Location } from '../../model.js'
import type { SourceFile } from '../source-file.js'

/** Where a release takes more values from: a file of the repository or a ConfigMap by name. */
export type ValuesTarget = { file: string } | { configMap: string }

/**
 * A release (an Argo CD Application, a HelmRelease, a `helm_release`, `helm -f`, ...) that
 * reads vcluster values from elsewhere. What those values declare belongs to the release.
 */
export interface ValuesLink {
  group: string
  target: ValuesTarget
  from: Location
}

/** A ConfigMap that carries values: generated from files, or written with the values inline. */
export interface ValuesProvider {
  configMap: string
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

export interface Extraction {
  declarations: Declaration[]
  diagnostics: Diagnostic[]
  links?: ValuesLink[]
  providers?: ValuesProvider[]
  distros?: DistroChoice[]
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
  /** A cheap test of the text that must pass before the file is parsed (plain `includes`, no regex). */
  mightDeclare(text: string): boolean
  extract(file: SourceFile): Extraction
}

export function emptyExtraction(): Extraction {
  return { declarations: [], diagnostics: [], links: [], providers: [], distros: [] }
}
