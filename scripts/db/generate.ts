/**
 * Regenerates the data-shaped tables of the database from local snapshots of the upstream
 * sources (docs/database.md):
 *
 *   npm run db:generate            at the commits pinned in db/sources.lock.json
 *   npm run db:generate -- --check only compare: exit 1 when a committed table differs
 *   npm run db:refresh             at the newest commits of the snapshots; rewrites the lock
 *
 * Snapshots are bare git repositories under $KCG_DB_SNAPSHOTS (default /work/.mirror),
 * one per source as <owner>+<name>/repo. Upstream files are read, never copied: what is
 * written is our own tables, each naming the commit and path it was read from.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTables, SOURCES } from './tables.js'
import { DEFAULT_SNAPSHOTS, SourceReader, type Lock } from './snapshot.js'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')
export const LOCK_PATH = join(REPO_ROOT, 'db', 'sources.lock.json')

export interface Generated {
  /** Repository-relative path → full new text. */
  files: Map<string, string>
  lock: Lock
}

export function readLock(): Lock {
  return JSON.parse(readFileSync(LOCK_PATH, 'utf8')) as Lock
}

/** Everything the generator would write, without writing it. */
export function generate(options: { snapshots: string; refresh: boolean }): Generated {
  const lock = options.refresh ? undefined : readLock()
  const readers = new Map(
    SOURCES.map((repository) => {
      const pinned = lock?.sources.find((source) => source.repository === repository)
      if (lock && !pinned) throw new Error(`db/sources.lock.json pins no commit of ${repository}: run npm run db:refresh`)
      return [repository, new SourceReader(options.snapshots, repository, pinned)] as const
    })
  )
  const files = buildTables(readers, (path) => readFileSync(join(REPO_ROOT, path), 'utf8'))
  const newLock: Lock = {
    $comment:
      'Upstream sources of the generated tables: the commit of each repository and the sha256 of every file read (tag files with their own commit). Written by npm run db:refresh; npm run db:generate reads exactly these. See docs/database.md.',
    sources: [...readers.values()].map((reader) => reader.locked())
  }
  if (lock && JSON.stringify(newLock.sources) !== JSON.stringify(lock.sources)) {
    throw new Error('the files read differ from db/sources.lock.json (a derivation changed what it reads): run npm run db:refresh')
  }
  files.set('db/sources.lock.json', `${JSON.stringify(newLock, null, 2)}\n`)
  return { files, lock: newLock }
}

function main(argv: string[]): number {
  const refresh = argv.includes('--refresh')
  const check = argv.includes('--check')
  const { files } = generate({ snapshots: DEFAULT_SNAPSHOTS, refresh })
  let differing = 0
  for (const [path, text] of files) {
    const current = readFileSync(join(REPO_ROOT, path), 'utf8')
    if (current === text) continue
    differing++
    if (check) console.error(`${path} differs from what the pinned sources give`)
    else {
      writeFileSync(join(REPO_ROOT, path), text)
      console.log(`wrote ${path}`)
    }
  }
  if (differing === 0) console.log(`${files.size} files up to date`)
  return check && differing > 0 ? 1 : 0
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    console.error(`db:generate: ${(error as Error).message}`)
    process.exitCode = 2
  }
}
