import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { parseConfig } from '../config/config-schema.js'
import type { Diagnostic } from '../model.js'

/**
 * Database files the base's configuration loaded and the head's no longer does. The head's
 * configuration applies to both sides of a change, so a pull request that drops the team's own
 * database (and with it an error entry) would otherwise make that entry vanish unnamed (held-out
 * attack C10). Each is a warning under "Could change the verdict", like a `disable`.
 *
 * `configPath` is the configuration file relative to the root; `loaded` the absolute paths of the
 * database files the head's configuration lists.
 */
export async function droppedDatabases(
  root: string,
  configPath: string,
  loaded: readonly string[],
  baseText: (file: string) => Promise<string | undefined | 'same'>
): Promise<Diagnostic[]> {
  // A configuration outside the repository is the workflow's, not the change's.
  if (isAbsolute(configPath) || configPath.startsWith('..')) return []
  const text = await baseText(configPath)
  if (text === undefined || text === 'same') return []
  const parsed = parseConfig(text, configPath, dirname(join(root, configPath)))
  if (!parsed.ok) return []
  const now = new Set(loaded)
  return (parsed.config.database ?? [])
    .filter((file) => !now.has(file))
    .map((file) => ({
      file: configPath,
      message: `the base's configuration loaded the database file ${relative(root, file).split(sep).join('/')}, and this change's does not: its entries are not checked`,
      warning: true as const,
      configuration: true as const
    }))
}
