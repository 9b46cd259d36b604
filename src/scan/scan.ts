import { readFile } from 'node:fs/promises'
import type { Declaration, Diagnostic, Usage } from '../model.js'
import { discover } from './discover.js'
import type { Extractor } from './extractors/extractor.js'
import { EXTRACTORS } from './extractors/index.js'
import { SourceFile } from './source-file.js'

export interface ScanOptions {
  maxFileBytes?: number
  /** Only paths matching these patterns (gitignore syntax) are read; all when unset. */
  include?: readonly string[]
  /** Paths matching these patterns (gitignore syntax) are not read. */
  exclude?: readonly string[]
  extractors?: readonly Extractor[]
}

export interface ScanResult {
  declarations: Declaration[]
  diagnostics: Diagnostic[]
  /** What manifests use (APIs, pod features, feature gates). */
  usages: Usage[]
  filesScanned: number
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
/** Enough parallel reads to hide I/O latency without holding many files in memory. */
const READ_CONCURRENCY = 16

/**
 * Finds every declared version under `root`. A file that cannot be read or parsed becomes
 * a diagnostic; it never stops the scan or hides what other files declare.
 */
export async function scanRepository(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const extractors = options.extractors ?? EXTRACTORS
  const discovery = await discover(root, {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    wanted: (path) => extractors.some((extractor) => extractor.accepts(path))
  })
  const declarations: Declaration[][] = new Array(discovery.files.length)
  const diagnostics: Diagnostic[][] = new Array(discovery.files.length)
  const usages: Usage[][] = new Array(discovery.files.length)

  let next = 0
  async function worker(): Promise<void> {
    while (next < discovery.files.length) {
      const index = next++
      const file = discovery.files[index]!
      const result = await scanFile(file.path, file.absolute, extractors)
      declarations[index] = result.declarations
      diagnostics[index] = result.diagnostics
      usages[index] = result.usages
    }
  }
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker))

  return {
    declarations: declarations.flat(),
    diagnostics: [...discovery.diagnostics, ...diagnostics.flat()],
    usages: usages.flat(),
    filesScanned: discovery.filesSeen
  }
}

async function scanFile(
  path: string,
  absolute: string,
  extractors: readonly Extractor[]
): Promise<{ declarations: Declaration[]; diagnostics: Diagnostic[]; usages: Usage[] }> {
  const applicable = extractors.filter((extractor) => extractor.accepts(path))
  let bytes: Buffer
  try {
    bytes = await readFile(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return { declarations: [], diagnostics: [{ file: path, message: `cannot read file (${code})` }], usages: [] }
  }
  if (bytes.subarray(0, 8000).includes(0)) return { declarations: [], diagnostics: [], usages: [] }
  const text = decode(bytes)
  const interested = applicable.filter((extractor) => extractor.mightDeclare(text))
  if (interested.length === 0) return { declarations: [], diagnostics: [], usages: [] }

  const file = new SourceFile(path, text)
  const declarations: Declaration[] = []
  const usages: Usage[] = []
  const diagnostics = new Map<string, Diagnostic>()
  for (const extractor of interested) {
    try {
      const result = extractor.extract(file)
      declarations.push(...result.declarations)
      usages.push(...(result.usages ?? []))
      // Extractors of the same file see the same parse errors; report each once.
      for (const diagnostic of result.diagnostics) diagnostics.set(keyOf(diagnostic), diagnostic)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      diagnostics.set(`${path}:${extractor.id}`, { file: path, message: `${extractor.id} could not read this file: ${message}` })
    }
  }
  return { declarations, diagnostics: [...diagnostics.values()], usages }
}

/** A BOM is not part of the text; invalid UTF-8 becomes U+FFFD rather than an error. */
function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function keyOf(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line ?? ''}:${diagnostic.column ?? ''}:${diagnostic.message}`
}
