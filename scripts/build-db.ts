/**
 * Compiles the database (db/*.yaml) into src/db/bundled-db.json, which the bundles
 * inline. Validation happens here, at build time, and again when the data is loaded.
 * Exits non-zero and names the file and line of every problem.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DatabaseMeta, type Database } from '../src/db/schema.js'
import { validateEntryFile } from '../src/db/validate-file.js'

const dbDir = join(import.meta.dirname, '..', 'db')
const output = join(import.meta.dirname, '..', 'src', 'db', 'bundled-db.json')

const meta = DatabaseMeta.parse(parse(readFileSync(join(dbDir, 'database.yaml'), 'utf8')))
const files = readdirSync(dbDir)
  .filter((name) => name.endsWith('.yaml') && name !== 'database.yaml')
  .sort()

const database: Database = { ...meta, entries: [] }
let failed = false
for (const name of files) {
  const result = validateEntryFile(readFileSync(join(dbDir, name), 'utf8'), `db/${name}`, meta.date)
  if (!result.ok) {
    failed = true
    for (const problem of result.problems) console.error(`${problem.file}:${problem.line ?? 1}: ${problem.message}`)
    continue
  }
  database.entries.push(...result.entries)
}
const ids = new Set<string>()
for (const entry of database.entries) {
  if (ids.has(entry.id)) {
    failed = true
    console.error(`duplicate id across files: ${entry.id}`)
  }
  ids.add(entry.id)
}
if (failed) process.exit(1)
writeFileSync(output, `${JSON.stringify(database, null, 2)}\n`)
console.log(`wrote ${database.entries.length} entries (${files.length} files) to src/db/bundled-db.json`)
