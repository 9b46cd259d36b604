import { describeFileError } from '../errors.js'
import { readFile } from 'node:fs/promises'
import { refusedFile } from '../config/repository-file.js'
import bundled from './bundled-db.json' with { type: 'json' }
import type { Diagnostic } from '../model.js'
import type { Database, Entry } from './schema.js'

/** A database file given by the user that is missing or invalid: a configuration error. */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
}

/**
 * The database shipped in the bundle. `npm run build:db` validated every entry and wrote
 * what the schema gave, so it is used as it is: validating it again cost each run 20 ms,
 * a sixth of the CLI's start-up. A test holds the JSON equal to its own validation, and
 * `check:dist` holds the bundle equal to db/*.yaml. Frozen, as every run shares it.
 */
export function bundledDatabase(): Database {
  return BUNDLED
}

const BUNDLED: Database = deepFreeze({ version: bundled.version, date: bundled.date, entries: bundled.entries as Entry[] })

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** The bundled database plus the user's extra files (see `loadDatabaseNoting`). */
export async function loadDatabase(extraFiles: readonly string[] = []): Promise<Database> {
  return (await loadDatabaseNoting(extraFiles)).database
}

/**
 * The bundled database plus the user's extra files. An extra entry with the id of a bundled
 * one replaces it only when its file lists the id under `replaces:`, so a team can adjust an
 * entry without forking the tool but a pull request's extra file cannot quietly turn an error
 * into a pass: each replacement, made or refused, is a diagnostic at the entry's line.
 */
export async function loadDatabaseNoting(extraFiles: readonly string[] = []): Promise<{ database: Database; diagnostics: Diagnostic[] }> {
  const database = bundledDatabase()
  const bundledIds = new Set(database.entries.map((entry) => entry.id))
  const byId = new Map(database.entries.map((entry) => [entry.id, entry]))
  const diagnostics: Diagnostic[] = []
  for (const path of extraFiles) {
    const refused = await refusedFile(path)
    if (refused !== undefined) throw new DatabaseError(`cannot read database file ${path}: ${refused}`)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      throw new DatabaseError(describeFileError(error, 'read database file', path))
    }
    // The schema (and zod) is loaded only for extra files: the bundled database was validated at build time.
    const { validateEntryFile } = await import('./validate-file.js')
    const result = validateEntryFile(text, path, database.date)
    if (!result.ok) {
      const first = result.problems[0]!
      const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ''
      throw new DatabaseError(`${first.file}:${first.line ?? 1}: ${first.message}${more}`)
    }
    result.entries.forEach((entry, index) => {
      const replacing = bundledIds.has(entry.id)
      if (replacing) diagnostics.push({ file: path, line: result.lines[index]!, message: replacement(entry.id, result.replaces.has(entry.id)), warning: true, configuration: true })
      if (!replacing || result.replaces.has(entry.id)) byId.set(entry.id, entry)
    })
  }
  return { database: { ...database, entries: [...byId.values()] }, diagnostics }
}

function replacement(id: string, meant: boolean): string {
  return meant
    ? `entry "${id}" replaces the bundled entry of that id (listed under \`replaces:\`)`
    : `entry "${id}" has the id of a bundled entry and was not used: the bundled one applies (list the id under \`replaces:\` in this file to replace it)`
}
