/**
 * npm run db:check-fixes: walks the release tags of the local snapshots ($KCG_DB_SNAPSHOTS),
 * writes db/fix-boundaries.json and exits non-zero when a tag inside an entry's range holds
 * its fix (or one outside lacks it). Needs git and the snapshots; `npm run build:db` does not.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkFixBoundaries, REPO_ROOT, RESULTS_PATH, serialise } from './fix-boundaries.js'
import { DEFAULT_SNAPSHOTS } from './snapshot.js'

const { results, violations } = checkFixBoundaries(DEFAULT_SNAPSHOTS)
writeFileSync(join(REPO_ROOT, RESULTS_PATH), serialise(results))
const tags = results.entries.reduce((sum, entry) => sum + entry.tags.length, 0)
console.log(`checked ${results.entries.length} entries against ${tags} release tags; wrote ${RESULTS_PATH}`)
for (const violation of violations) console.error(`${violation.id}: ${violation.message}`)
if (violations.length > 0) {
  console.error(`${violations.length} tag(s) disagree with upstream history`)
  process.exit(1)
}
