import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Waiver } from '../model.js'
import type { ConfiguredEnvironment } from '../resolve/configured.js'
import { UsageError, describeFileError } from '../errors.js'

export const CONFIG_FILE_NAME = '.kube-compat-gate.yml'

/** `.kube-compat-gate.yml`: an error in it is a configuration error (exit code 2). */
export class ConfigError extends UsageError {
  override name = 'ConfigError'
}

export interface GateConfig {
  /** The configuration file as given (for messages). */
  file: string
  include?: string[]
  exclude?: string[]
  maxFileBytes?: number
  /** Absolute paths of extra database files. */
  database: string[]
  waivers: Waiver[]
  /** Which release, values and host go together, overriding inference (docs/pairing.md). */
  environments?: ConfiguredEnvironment[]
  /** Entries turned off, with the line each id is written on. */
  disable?: Array<{ id: string; line: number }>
}

/** Reads and parses a configuration file; any problem is a ConfigError naming file and line. */
export async function loadConfigFile(path: string): Promise<GateConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigError(describeFileError(error, 'read configuration file', path))
  }
  // The schema (and zod) is loaded only when there is a file to check: most repositories have none.
  const { parseConfig } = await import('./config-schema.js')
  const result = parseConfig(text, path, dirname(resolve(path)))
  if (result.ok) return result.config
  const first = result.problems[0]!
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ''
  throw new ConfigError(`${first.file}:${first.line ?? 1}: ${first.message}${more}`)
}
