import { SourceFile } from '../../src/scan/source-file.js'
import type { Extractor } from '../../src/scan/extractors/extractor.js'

/** Runs one extractor on text, as the scanner would (path filter and pre-filter included). */
export function extractFrom(extractor: Extractor, path: string, text: string) {
  if (!extractor.accepts(path) || !extractor.mightDeclare(text)) return { declarations: [], diagnostics: [] }
  return extractor.extract(new SourceFile(path, text))
}

/** Drops fields that tests of one aspect do not care about. */
export function positions<T extends { component: string; version: string; line: number; column: number }>(
  declarations: T[]
) {
  return declarations.map(({ component, version, line, column }) => ({ component, version, line, column }))
}
