import type { SourceFile } from '../source-file.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

export interface YamlSource {
  id: string
  accepts(path: string): boolean
  mightDeclare(text: string): boolean
  /** Reads one document of the file (`index` counts from 0); parse errors are reported for it. */
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void
}

/**
 * An extractor for a YAML source: each valid document whose text passes the pre-filter is
 * read; documents are parsed once for all extractors (SourceFile.yaml).
 */
export function yamlExtractor(source: YamlSource): Extractor {
  return {
    id: source.id,
    accepts: source.accepts,
    mightDeclare: source.mightDeclare,
    extract(file: SourceFile): Extraction {
      const out = emptyExtraction()
      const yaml = file.yaml(source.mightDeclare)
      out.diagnostics.push(...yaml.diagnostics)
      for (const { doc, index } of yaml.documents) source.readDocument(out, file, doc.contents, index)
      return out
    }
  }
}
