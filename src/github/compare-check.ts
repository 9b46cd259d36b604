import { gitListing } from '../commits/git-tree.js'
import type { ListedEntry } from '../commits/tree-listing.js'
import type { GitHubClient } from './client.js'
import { commitListing } from './commit-listing.js'

/** How many paths a mismatch names before it counts the rest. */
const NAMED = 3

export type CompareCheck =
  | {
      /** The base's blob id of every file under the scanned directory (relative to it). */
      baseBlobs: ReadonlyMap<string, string>
      requests: number
    }
  | { mismatch: string }

/**
 * Whether the compare answer names exactly the files that differ between the base and the head
 * under the scanned directory. GitHub's compare answer may be cut without saying so (its diff
 * limits), and a broken or hostile answer may leave the declaring file out: the derived base
 * would then reuse the head's file as the base's, and a new error would count as already
 * present. So the base's tree comes from the git trees API (one request for most repositories)
 * and the head's from the checkout's own git objects; the files whose mode or blob differ must
 * be the ones the compare answer touched. A failed or too large listing is thrown: the caller
 * reads the whole base instead.
 */
export async function checkCompare(
  client: GitHubClient,
  request: { repository: { owner: string; repo: string }; base: string; head: string; top: string },
  prefix: string,
  touched: ReadonlySet<string>
): Promise<CompareCheck> {
  const counter = { requests: 0 }
  const [baseEntries, headEntries] = await Promise.all([commitListing(client, request.repository, request.base, prefix || '.', counter), gitListing(request.top, request.head, prefix)])
  const base = underPrefix(baseEntries, prefix)
  const head = underPrefix(headEntries, prefix)
  const differing = new Set<string>()
  for (const [path, entry] of base) {
    const other = head.get(path)
    if (other === undefined || other.sha !== entry.sha || other.mode !== entry.mode) differing.add(path)
  }
  for (const path of head.keys()) if (!base.has(path)) differing.add(path)
  const left = [...differing].filter((path) => !touched.has(path)).sort()
  const extra = [...touched].filter((path) => !differing.has(path)).sort()
  const where = prefix ? `${prefix}/` : ''
  if (left.length > 0) return { mismatch: `the compare answer leaves out ${named(left, where)}, which the base's tree and the head's tell apart` }
  if (extra.length > 0) return { mismatch: `the compare answer names ${named(extra, where)}, which the base's tree and the head's hold alike` }
  return { baseBlobs: new Map([...base].map(([path, entry]) => [path, entry.sha])), requests: counter.requests }
}

/** Files, links and submodules under `prefix`, by their path relative to it (folders are implied by them). */
function underPrefix(entries: readonly ListedEntry[], prefix: string): Map<string, ListedEntry> {
  const start = prefix ? `${prefix}/` : ''
  const out = new Map<string, ListedEntry>()
  for (const entry of entries) if (entry.mode !== '040000' && entry.path.startsWith(start)) out.set(entry.path.slice(start.length), entry)
  return out
}

function named(paths: readonly string[], where: string): string {
  const shown = paths.slice(0, NAMED).map((path) => JSON.stringify(`${where}${path}`)).join(', ')
  return paths.length > NAMED ? `${shown} and ${paths.length - NAMED} more` : shown
}
