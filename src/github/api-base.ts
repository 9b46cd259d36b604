import { realpath } from 'node:fs/promises'
import { relative, sep } from 'node:path'
import type { CommitTree } from '../commits/commit-tree.js'
import { isControlFile, readBlobs, type Change, type RemoteChange } from '../commits/derived-base.js'
import { blobId } from '../commits/tree-listing.js'
import { describeError } from '../errors.js'
import type { GitHubClient } from './client.js'
import { checkCompare, type CompareCheck } from './compare-check.js'
import { fileAt } from './file-at.js'

/**
 * GitHub's compare answer lists at most 300 files: the diff limit that GitHub's "Limits for
 * viewing content and diffs in a repository" (docs.github.com) says applies to the API too; the
 * REST description itself names no limit. An answer that long may be cut, and the base is then
 * read from its tarball.
 */
export const MAX_COMPARE_FILES = 300

/**
 * Each touched file the base has costs one contents request. Past this many, the tarball (one
 * request) is cheaper on the rate limit (1,000 requests an hour for a workflow's token).
 */
export const MAX_CONTENT_REQUESTS = 100

/** Contents requests in flight at once. */
const PARALLEL_REQUESTS = 8

export interface ApiBaseRequest {
  repository: { owner: string; repo: string }
  /** The base commit, which the checkout does not have. */
  base: string
  /** The checkout's HEAD. */
  head: string
  /** The work tree's top directory and the scanned directory inside it. */
  top: string
  root: string
  /** The base on disk from its tarball, for when it cannot be derived after all. */
  fullTree(): Promise<CommitTree>
}

/**
 * The change between a base commit the checkout lacks and the checkout's HEAD, through the
 * REST API (`contents: read`): one compare for the touched files, their status and previous
 * names, the base's tree (git trees API) to check that compare named every file that differs,
 * then one contents request per touched file the base has (a renamed file whose content
 * did not change is the head's blob, read from git). Nothing is written to disk.
 *
 * Why the whole base is needed instead, in words for the log: the compare answer may be cut,
 * disagrees with the trees, is not measured from the base, names a type change; a `.gitignore` or `.gitattributes`
 * changed; the base's file is a symbolic link, a submodule or over the contents API's 1 MB;
 * too many files; any failed request.
 */
export async function baseFromApi(client: GitHubClient, request: ApiBaseRequest): Promise<RemoteChange | ApiFallback> {
  try {
    return await readChange(client, request)
  } catch (error) {
    return { fallback: `the REST API answered: ${describeError(error)}` }
  }
}

/** Why the base is read whole; `suspicious` when GitHub's answers contradict each other (a warning, not a note). */
export interface ApiFallback {
  fallback: string
  suspicious?: true
}

async function readChange(client: GitHubClient, request: ApiBaseRequest): Promise<RemoteChange | ApiFallback> {
  const { repository, base, head } = request
  const prefix = relative(await realpath(request.top), await realpath(request.root)).split(sep).join('/')
  if (prefix.startsWith('..')) return { fallback: 'the scanned directory is not inside the git work tree' }
  // per_page keeps the commit list short; the files come whole with the first page.
  const { data } = await client.rest.repos.compareCommits({ ...repository, base, head, per_page: 1 })
  if (data.merge_base_commit.sha !== base) return { fallback: `the compare answer is measured from ${data.merge_base_commit.sha.slice(0, 12)}, not from the base` }
  const files = data.files ?? []
  if (files.length >= MAX_COMPARE_FILES) return { fallback: `the change touches ${files.length} or more files, more than GitHub's compare answer lists` }

  const inside = (path: string): string | undefined => {
    if (prefix === '') return path
    return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined
  }
  const changes = new Map<string, Change>()
  /** Base paths whose content is the head's blob (a rename that changed nothing). */
  const sameAsBlob = new Map<string, string>()
  for (const file of files) {
    const path = inside(file.filename)
    const previous = file.previous_filename === undefined ? undefined : inside(file.previous_filename)
    for (const touched of [path, previous]) if (touched !== undefined && isControlFile(touched)) return { fallback: `the change touches ${touched}` }
    switch (file.status) {
      case 'added':
      case 'copied':
        if (path !== undefined) changes.set(path, { status: 'A' })
        break
      case 'removed':
        if (path !== undefined) changes.set(path, { status: 'D' })
        break
      case 'modified':
        if (path !== undefined) changes.set(path, { status: 'M' })
        break
      case 'renamed':
        if (path !== undefined) changes.set(path, { status: 'A' })
        if (previous !== undefined) {
          changes.set(previous, { status: 'D' })
          if (file.changes === 0 && file.sha) sameAsBlob.set(previous, file.sha)
        }
        break
      case 'unchanged':
        break
      default:
        return { fallback: `${file.filename} changed in a way a derived base does not follow (${file.status})` }
    }
  }

  // The compare answer may be cut or wrong without saying so: checked against both commits' trees.
  const touched = new Set(changes.keys())
  let checked: CompareCheck
  try {
    checked = await checkCompare(client, request, prefix, touched)
  } catch (error) {
    return { fallback: `the base's tree could not be listed to check the compare answer (${describeError(error)})` }
  }
  if ('mismatch' in checked) return { fallback: checked.mismatch, suspicious: true }
  const { baseBlobs } = checked

  const bytes = new Map<string, Buffer>()
  const local = sameAsBlob.size === 0 ? new Map<string, Buffer>() : await readBlobs(request.top, [...sameAsBlob.values()]).catch(() => new Map<string, Buffer>())
  /** The head's blob of each modified file: its base content cannot be that blob. */
  const headBlobs = new Map(files.flatMap((file) => (file.status === 'modified' && file.sha ? [[inside(file.filename), file.sha] as const] : [])))
  const wanted: string[] = []
  for (const [path, change] of changes) {
    if (change.status === 'A') continue
    // GitHub counts no changes for a binary file (git's test: a NUL in its first 8000 bytes), so
    // a renamed one may have changed: its base content is asked for.
    const blob = sameAsBlob.get(path) === baseBlobs.get(path) ? local.get(sameAsBlob.get(path) ?? '') : undefined
    if (blob && !blob.subarray(0, 8000).includes(0)) bytes.set(path, blob)
    else wanted.push(path)
  }
  if (wanted.length > MAX_CONTENT_REQUESTS) return { fallback: `${wanted.length} touched files would take as many requests, more than ${MAX_CONTENT_REQUESTS}` }

  let refused: string | undefined
  await inParallel(wanted, PARALLEL_REQUESTS, async (path) => {
    if (refused) return
    const full = prefix ? `${prefix}/${path}` : path
    const file = await fileAt(client, repository, full, base)
    if (!('bytes' in file)) refused = `${file.refused} in the base`
    else if (headBlobs.get(path) === blobId(file.bytes)) refused = `the base content of ${full} is its head's, though the file is modified`
    else if (baseBlobs.get(path) !== blobId(file.bytes)) refused = `the base content of ${full} is not the blob the base's tree lists`
    else bytes.set(path, file.bytes)
  })
  if (refused) return { fallback: refused }
  return { changes, bytes, requests: 1 + checked.requests + wanted.length, fullTree: request.fullTree }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
