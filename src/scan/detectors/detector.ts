import type { Extraction } from '../extractors/extractor.js'
import type { FileView } from './file-view.js'

/**
 * One way of recognising a version by what it means rather than by the tool whose file it is
 * in (a vcluster chart reference with a sibling version, a Kubernetes-bearing image, a value
 * whose name says what it holds, ...). Detectors read the shared view of a file; their
 * declarations are reported with `confidence: inferred`, and an exact extractor's declaration
 * of the same file, line and component wins over them.
 */
export interface Detector {
  /** Reported as a declaration's `source`. */
  readonly id: string
  /** A cheap test of the file's text; the view is made only when some detector's test passes. */
  mightDetect(text: string): boolean
  detect(view: FileView, out: Extraction): void
}
