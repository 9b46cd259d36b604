import { posix } from 'node:path'
import { blobId } from '../commits/tree-listing.js'
import type { GitHubClient } from './client.js'

/** One file of a commit through the contents API, or why the answer is not that file's bytes. */
export type FileAt = { bytes: Buffer } | { refused: string }

/**
 * The bytes of `path` at commit `ref`, read through the contents API (`contents: read`). A
 * directory, a submodule, a link (GitHub answers a link to a file of the repository with that
 * file under its own path) or a file over the 1 MB the API sends is `refused`, saying which, and
 * so are bytes that are not the blob the answer names (their size or their git object id differs).
 * A failed request (a 404 for a path the commit lacks) is thrown, for the caller to decide what it costs.
 */
export async function fileAt(client: GitHubClient, repository: { owner: string; repo: string }, path: string, ref: string): Promise<FileAt> {
  const { data } = await client.rest.repos.getContent({ ...repository, path, ref })
  if (Array.isArray(data)) return { refused: `${path} is a directory` }
  if (data.type !== 'file') return { refused: `${path} is a ${data.type}` }
  if (posix.normalize(data.path) !== path) return { refused: `${path} is a symbolic link` }
  if (data.encoding !== 'base64') return { refused: `${path} is over the 1 MB the contents API sends (${data.size} bytes)` }
  const bytes = Buffer.from(data.content, 'base64')
  if (bytes.length !== data.size || blobId(bytes) !== data.sha) return { refused: `the answer for ${path} is not the blob it names (${bytes.length} bytes, ${data.size} announced)` }
  return { bytes }
}
