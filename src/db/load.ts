import { describeFileError } from '../errors.js'
import { readFile } from 'node:fs/promises'
import { refusedFile } from '../config/repository-file.js'
import bundled from './bundled-db.json' with { type: 'json' }
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

/**
 * The bundled database plus the user's extra files. An extra entry with the id of a
 * bundled one replaces it, so a team can adjust an entry without forking the tool.
 */
export async function loadDatabase(extraFiles: readonly string[] = []): Promise<Database> {
  const database = bundledDatabase()
  const byId = new Map(database.entries.map((entry) => [entry.id, entry]))
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
    for (const entry of result.entries) byId.set(entry.id, entry)
  }
  return { ...database, entries: [...byId.values()] }
}
