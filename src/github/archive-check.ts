import { archiveDifferences } from '../commits/tree-listing.js'
import { archiveAttributes } from './archive-attributes.js'
import type { GitHubClient } from './client.js'
import { commitListing, TruncatedListing } from './commit-listing.js'
import { describeApiFailure } from './write-failure.js'

/**
 * Why the unpacked archive of commit `sha` is not the commit as git stores it under `path`, or
 * undefined. GitHub builds archives with `git archive`, which leaves out paths that any
 * `.gitattributes` marks `export-ignore` (a nested one may mark itself too) and rewrites
 * `export-subst` files: a pull request could hide its declaring file from a gate that reads the
 * head's archive (pull_request_target). So the archive is compared with the commit's tree from
 * the git trees API: each file missing or with other bytes is named. A tree too large to list is
 * refused. When GitHub cannot answer, the archive is judged as it is, with a warning, and only
 * the `.gitattributes` files that can be seen are checked: the verdict does not depend on the API.
 */
export async function archiveMismatch(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
  path: string,
  tree: string,
  skipped: ReadonlySet<string>,
  warn: (message: string) => void
): Promise<string | undefined> {
  let listing
  try {
    listing = await commitListing(client, repository, sha, path)
  } catch (error) {
    if (error instanceof TruncatedListing) return `${error.message}, so the archive cannot be compared with it`
    warn(
      `could not list the tree of commit ${sha.slice(0, 12)} to compare its archive with it (${describeApiFailure('contents: read', error)}); the archive is read as it is, so a file that a .gitattributes leaves out of it would be missing`
    )
    const attributes = await archiveAttributes(client, repository, sha, tree, warn)
    return attributes && `${attributes}, so files may be missing from it or rewritten`
  }
  return archiveDifferences(tree, listing, path, skipped)
}
