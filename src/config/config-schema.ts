import { resolve } from 'node:path'
import { isMap, isSeq } from 'yaml'
import { z } from 'zod'
import { IsoDate } from '../db/iso-date.js'
import type { Diagnostic, Waiver } from '../model.js'
import { documentValues, parseYamlFile, problemAt } from '../yaml-problems.js'
import { MAX_FILE_BYTES_CEILING } from '../scan/limits.js'
import type { ConfiguredEnvironment } from '../resolve/configured.js'
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

/** One pattern or a list of them. */
const Globs = z.union([z.string().min(1).transform((pattern) => [pattern]), Patterns])

/** Which vcluster release, values files and host go together (docs/pairing.md); overrides inference. */
const EnvironmentSchema = z
  .object({
    name: z.string().trim().min(1).optional(),
    vcluster: Globs,
    values: Globs.optional(),
    host: Globs.optional()
  })
  .strict()

const ConfigSchema = z
  .object({
    /** Only paths matching these patterns (gitignore syntax) are scanned. */
    include: Patterns.optional(),
    /** Paths matching these patterns (gitignore syntax) are not scanned. */
    exclude: Patterns.optional(),
    maxFileBytes: z.number().int().positive().max(MAX_FILE_BYTES_CEILING, `at most ${MAX_FILE_BYTES_CEILING} (8 MiB): larger files are not read, whatever the configuration says`).optional(),
    /** Extra database files, relative to the configuration file. */
    database: z.array(z.string().min(1)).optional(),
    waivers: z.array(WaiverSchema).optional(),
    environments: z.array(EnvironmentSchema).optional(),
    /** Database entries turned off for this repository (ids). */
    disable: z.array(z.string().min(1)).optional()
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
  const values = documentValues(doc, lineCounter, file)
  if (!values.ok) return { ok: false, problems: [values.problem] }
  const contents = values.value ?? {}
  const parsed = ConfigSchema.safeParse(contents)
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => problemAt(issue, doc, lineCounter, file)) }

  const waiverNodes = doc.get('waivers', true)
  const waivers: Waiver[] = (parsed.data.waivers ?? []).map((waiver, index) => {
    const node = isSeq(waiverNodes) ? waiverNodes.items[index] : undefined
    const offset = isMap(node) ? (node.range?.[0] ?? 0) : 0
    return { ...waiver, file, line: lineCounter.linePos(offset).line }
  })
  const environmentNodes = doc.get('environments', true)
  const environments: ConfiguredEnvironment[] | undefined = parsed.data.environments?.map((environment, index) => {
    const node = isSeq(environmentNodes) ? environmentNodes.items[index] : undefined
    const offset = isMap(node) ? (node.range?.[0] ?? 0) : 0
    return {
      ...(environment.name !== undefined ? { name: environment.name } : {}),
      vcluster: [...environment.vcluster],
      ...(environment.values ? { values: [...environment.values] } : {}),
      ...(environment.host ? { host: [...environment.host] } : {}),
      file,
      line: lineCounter.linePos(offset).line
    }
  })
  const disableNodes = doc.get('disable', true)
  const disable = (parsed.data.disable ?? []).map((id, index) => {
    const node = isSeq(disableNodes) ? disableNodes.items[index] : undefined
    const offset = node && typeof node === 'object' && 'range' in node ? ((node.range as [number, number] | undefined)?.[0] ?? 0) : 0
    return { id, line: lineCounter.linePos(offset).line }
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
      waivers,
      ...(environments ? { environments } : {}),
      ...(disable.length > 0 ? { disable } : {})
    }
  }
}

