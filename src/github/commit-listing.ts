import type { ListedEntry } from '../commits/tree-listing.js'
import type { GitHubClient } from './client.js'

/** The git trees API stops at 100,000 entries or 7 MB and says `truncated` (GitHub's "Get a tree" description). */
export class TruncatedListing extends Error {
  override name = 'TruncatedListing'
}

/**
 * The entries of commit `sha` under `path` as git stores them, from the git trees API
 * (`contents: read`). A repository too large for one recursive answer is walked down to `path`
 * one tree at a time and `path`'s own tree is asked for; still too large, TruncatedListing.
 * `counter.requests` counts the requests it took.
 */
export async function commitListing(client: GitHubClient, repository: { owner: string; repo: string }, sha: string, path: string, counter = { requests: 0 }): Promise<ListedEntry[]> {
  const tree = async (at: string, recursive: boolean): Promise<{ entries: ListedEntry[]; truncated: boolean }> => {
    counter.requests++
    return treeAt(client, repository, at, recursive)
  }
  const whole = await tree(sha, true)
  if (!whole.truncated) return whole.entries
  const parts = path === '.' || path === '' ? [] : path.replace(/\/$/, '').split('/')
  const tooLarge = (what: string): TruncatedListing => new TruncatedListing(`GitHub lists at most 100,000 entries of a tree, and ${what} of commit ${sha.slice(0, 12)} has more`)
  if (parts.length === 0) throw tooLarge('the repository')
  let at = sha
  for (const name of parts) {
    const level = await tree(at, false)
    const next = level.entries.find((entry) => entry.path === name)
    if (next === undefined && level.truncated) throw tooLarge(`a folder on the way to "${path}"`)
    if (next === undefined || next.mode !== '040000') return [] // not a folder there: nothing under `path` to compare
    at = next.sha
  }
  const own = await tree(at, true)
  if (own.truncated) throw tooLarge(`"${path}"`)
  const prefix = `${parts.join('/')}/`
  return own.entries.map((entry) => ({ ...entry, path: `${prefix}${entry.path}` }))
}

async function treeAt(client: GitHubClient, repository: { owner: string; repo: string }, sha: string, recursive: boolean): Promise<{ entries: ListedEntry[]; truncated: boolean }> {
  const { data } = await client.rest.git.getTree({ ...repository, tree_sha: sha, ...(recursive ? { recursive: '1' } : {}) })
  const entries: ListedEntry[] = []
  for (const entry of data.tree) if (entry.path !== undefined && entry.mode !== undefined && entry.sha !== undefined) entries.push({ path: entry.path, mode: entry.mode, sha: entry.sha })
  return { entries, truncated: data.truncated }
}
