import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { isMap, isSeq } from 'yaml'
import { z } from 'zod'
import { IsoDate } from '../db/schema.js'
import type { Diagnostic, Waiver } from '../model.js'
import { UsageError } from '../errors.js'
import { parseYamlFile, problemAt } from '../yaml-problems.js'

export const CONFIG_FILE_NAME = '.kube-compat-gate.yml'

/** `.kube-compat-gate.yml`: an error in it is a configuration error (exit code 2). */
export class ConfigError extends UsageError {
  override name = 'ConfigError'
}

const Patterns = z.array(z.string().min(1)).nonempty()

const WaiverSchema = z
  .object({
    id: z.string().min(1),
    /** Paths (gitignore patterns) the waiver is limited to; every path when left out. */
    paths: Patterns.optional(),
    reason: z.string().trim().min(1, 'say why the finding is accepted'),
    owner: z.string().trim().min(1, 'name who answers for the waiver'),
    /** The first day the waiver no longer applies. */
    expires: IsoDate
  })
  .strict()

const ConfigSchema = z
  .object({
    /** Only paths matching these patterns (gitignore syntax) are scanned. */
    include: Patterns.optional(),
    /** Paths matching these patterns (gitignore syntax) are not scanned. */
    exclude: Patterns.optional(),
    maxFileBytes: z.number().int().positive().optional(),
    /** Extra database files, relative to the configuration file. */
    database: z.array(z.string().min(1)).optional(),
    waivers: z.array(WaiverSchema).optional()
  })
  .strict()

export interface GateConfig {
  /** The configuration file as given (for messages). */
  file: string
  include?: string[]
  exclude?: string[]
  maxFileBytes?: number
  /** Absolute paths of extra database files. */
  database: string[]
  waivers: Waiver[]
}

export type ConfigParse = { ok: true; config: GateConfig } | { ok: false; problems: Diagnostic[] }

/**
 * Parses the configuration once into a typed object. Unknown keys and bad values are
 * problems naming the file and line, never silently ignored: a misspelt `waviers` would
 * otherwise quietly stop waiving.
 */
export function parseConfig(text: string, file: string, baseDir: string): ConfigParse {
  const { doc, lineCounter, problems: syntax } = parseYamlFile(text, file)
  if (syntax.length > 0) return { ok: false, problems: syntax }
  // An empty file is an empty configuration.
  const parsed = ConfigSchema.safeParse(doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 }))
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => problemAt(issue, doc, lineCounter, file)) }

  const waiverNodes = doc.get('waivers', true)
  const waivers: Waiver[] = (parsed.data.waivers ?? []).map((waiver, index) => {
    const node = isSeq(waiverNodes) ? waiverNodes.items[index] : undefined
    const offset = isMap(node) ? (node.range?.[0] ?? 0) : 0
    return { ...waiver, file, line: lineCounter.linePos(offset).line }
  })
  const { include, exclude, maxFileBytes } = parsed.data
  return {
    ok: true,
    config: {
      file,
      ...(include ? { include } : {}),
      ...(exclude ? { exclude } : {}),
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
      database: (parsed.data.database ?? []).map((path) => resolve(baseDir, path)),
      waivers
    }
  }
}

/** Reads and parses a configuration file; any problem is a ConfigError naming file and line. */
export async function loadConfigFile(path: string): Promise<GateConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigError(`cannot read configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`)
  }
  const result = parseConfig(text, path, dirname(resolve(path)))
  if (result.ok) return result.config
  const first = result.problems[0]!
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ''
  throw new ConfigError(`${first.file}:${first.line ?? 1}: ${first.message}${more}`)
}
