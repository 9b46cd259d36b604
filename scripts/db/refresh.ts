/**
 * `npm run db:refresh`: brings each upstream source to its newest commit, regenerates the
 * tables from there and rewrites db/sources.lock.json. Run weekly by
 * .github/workflows/db-refresh.yml, which opens a pull request with the diff.
 *
 *   --no-fetch   use the snapshots as they are (offline; newest commit each snapshot has)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generate, REPO_ROOT } from './generate.js'
import { DEFAULT_SNAPSHOTS, gitDir } from './snapshot.js'
import { SOURCES } from './tables.js'

function bringUpToDate(snapshots: string, repository: string): void {
  const dir = gitDir(snapshots, repository)
  const url = `https://github.com/${repository}.git`
  if (!existsSync(dir)) {
    mkdirSync(dirname(dir), { recursive: true })
    // Blobs are fetched on demand: only the few files the generator reads are downloaded.
    execFileSync('git', ['clone', '--quiet', '--bare', '--filter=blob:none', url, dir], { stdio: 'inherit' })
    return
  }
  execFileSync('git', ['--git-dir', dir, 'fetch', '--quiet', '--tags', '--force', url, '+HEAD:HEAD'], { stdio: 'inherit' })
}

const fetch = !process.argv.includes('--no-fetch')
try {
  if (fetch) for (const repository of SOURCES) bringUpToDate(DEFAULT_SNAPSHOTS, repository)
  const { files, lock } = generate({ snapshots: DEFAULT_SNAPSHOTS, refresh: true })
  for (const [path, text] of files) {
    if (readFileSync(join(REPO_ROOT, path), 'utf8') === text) continue
    writeFileSync(join(REPO_ROOT, path), text)
    console.log(`wrote ${path}`)
  }
  for (const source of lock.sources) console.log(`${source.repository} at ${source.commit.slice(0, 12)} (${source.committed})`)
} catch (error) {
  console.error(`db:refresh: ${(error as Error).message}`)
  process.exitCode = 2
}
