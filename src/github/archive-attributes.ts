import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitHubClient } from './client.js'
import { fileAt } from './file-at.js'
import { describeApiFailure } from './write-failure.js'

/** A `.gitattributes` line that makes an archive differ from the commit: files left out or rewritten. */
const ARCHIVE_ATTRIBUTE = /(^|\s)(export-ignore|export-subst)(\s|$|=)/m

/**
 * Why an archive of commit `sha` may not be the commit as git stores it, or undefined, when the
 * commit's tree cannot be listed to compare (archive-check.ts): any `export-ignore` or
 * `export-subst` in a `.gitattributes`. The root one is asked of the contents API (it may mark
 * itself `export-ignore`); the others are those the archive holds, so a nested one that leaves
 * itself out is not seen: only the comparison with the tree sees that.
 */
export async function archiveAttributes(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
  tree: string,
  warn: (message: string) => void
): Promise<string | undefined> {
  const root = await rootAttributes(client, repository, sha, warn)
  if (root !== undefined && ARCHIVE_ATTRIBUTE.test(root)) return `.gitattributes ${attribute(root)}`
  for (const file of await attributeFiles(tree)) {
    const text = await readFile(join(tree, file), 'utf8')
    if (ARCHIVE_ATTRIBUTE.test(text)) return `${file} ${attribute(text)}`
  }
  return undefined
}

function attribute(text: string): string {
  return `marks paths ${ARCHIVE_ATTRIBUTE.exec(text)![2]}`
}

/**
 * The root `.gitattributes` of the commit, or undefined. When GitHub cannot answer, the archive is
 * read as it is with a warning: the verdict comes from the files the gate has, not from the API.
 */
async function rootAttributes(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
  warn: (message: string) => void
): Promise<string | undefined> {
  try {
    const file = await fileAt(client, repository, '.gitattributes', sha)
    return 'bytes' in file ? file.bytes.toString('utf8') : undefined
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    // In words: a timeout is not "GitHub answered 500", though Octokit gives it that status.
    warn(
      `could not check the root .gitattributes of commit ${sha.slice(0, 12)} for export-ignore/export-subst (${describeApiFailure('contents: read', error)}); the archive is read as it is, and a file it marks export-ignore would be missing`
    )
    return undefined
  }
}

/** The `.gitattributes` files in the unpacked archive (relative paths), links not followed. */
async function attributeFiles(tree: string): Promise<string[]> {
  const entries = await readdir(tree, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name === '.gitattributes')
    .map((entry) => join(entry.parentPath, entry.name).slice(tree.length + 1))
}
