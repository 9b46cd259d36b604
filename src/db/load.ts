import { readFile } from 'node:fs/promises'
import { refusedFile } from '../config/repository-file.js'
import bundled from './bundled-db.json' with { type: 'json' }
import { DatabaseMeta, Entry, type Database } from './schema.js'
import { validateEntryFile } from './validate-file.js'

/** A database file given by the user that is missing or invalid: a configuration error. */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
}

/** The database shipped in the bundle, validated again so a bad build can never gate. */
export function bundledDatabase(): Database {
  const meta = DatabaseMeta.parse({ version: bundled.version, date: bundled.date })
  return { ...meta, entries: Entry.array().parse(bundled.entries) }
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
      throw new DatabaseError(`cannot read database file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`)
    }
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
