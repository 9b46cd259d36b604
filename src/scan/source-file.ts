import { LineCounter, parseAllDocuments, type Document } from 'yaml'
import type { Diagnostic, Location } from '../model.js'

/** A YAML document that parsed without errors, with its index in the file. */
export interface YamlDocument {
  index: number
  doc: Document.Parsed
}

export interface ParsedYaml {
  documents: YamlDocument[]
  diagnostics: Diagnostic[]
}

/**
 * One file of the scanned repository. Parsing is done on first use and shared, so a file
 * that several extractors read is parsed once.
 */
export class SourceFile {
  private yamlCache: ParsedYaml | undefined
  private readonly lines = new LineCounter()
  private lineIndexBuilt = false

  constructor(
    /** Repository-relative, `/`-separated. */
    readonly path: string,
    readonly text: string
  ) {}

  yaml(): ParsedYaml {
    if (this.yamlCache) return this.yamlCache
    const documents: YamlDocument[] = []
    const diagnostics: Diagnostic[] = []
    const parsed = parseAllDocuments(this.text, { lineCounter: this.lines, uniqueKeys: false })
    this.lineIndexBuilt = true
    const docs = Array.isArray(parsed) ? parsed : [parsed]
    docs.forEach((doc, index) => {
      const error = doc.errors[0]
      if (error) {
        const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [undefined, undefined]
        diagnostics.push({
          file: this.path,
          ...(line !== undefined ? { line, column } : {}),
          message: `YAML does not parse, skipped${docs.length > 1 ? ` document ${index + 1}` : ''}: ${firstLine(error.message)}`
        })
        return
      }
      documents.push({ index, doc })
    })
    this.yamlCache = { documents, diagnostics }
    return this.yamlCache
  }

  /** The 1-based line and column of a character offset. */
  locate(offset: number): Location {
    if (!this.lineIndexBuilt) {
      // The YAML lexer records the start of the first line too; without it every line is off by one.
      this.lines.addNewLine(0)
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1)
      this.lineIndexBuilt = true
    }
    const { line, col } = this.lines.linePos(offset)
    return { file: this.path, line, column: col }
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message
}
