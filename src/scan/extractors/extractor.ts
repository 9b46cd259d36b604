import type { Declaration, Diagnostic, Usage } from '../../model.js'
import type { SourceFile } from '../source-file.js'

export interface Extraction {
  declarations: Declaration[]
  diagnostics: Diagnostic[]
  /** What a manifest uses (APIs, pod features, feature gates); only manifest extractors set it. */
  usages?: Usage[]
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
  /** A cheap test of the text that must pass before the file is parsed. */
  mightDeclare(text: string): boolean
  extract(file: SourceFile): Extraction
}

export function emptyExtraction(): Extraction {
  return { declarations: [], diagnostics: [] }
}
