import { resolve } from 'node:path'
import { isMap, isSeq } from 'yaml'
import { z } from 'zod'
import { IsoDate } from '../db/schema.js'
import type { Diagnostic, Waiver } from '../model.js'
import { parseYamlFile, problemAt } from '../yaml-problems.js'
import type { GateConfig } from './config-file.js'

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

