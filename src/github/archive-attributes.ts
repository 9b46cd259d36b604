import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitHubClient } from './client.js'

/** A `.gitattributes` line that makes an archive differ from the commit: files left out or rewritten. */
const ARCHIVE_ATTRIBUTE = /(^|\s)(export-ignore|export-subst)(\s|$|=)/m

/**
 * Why an archive of commit `sha` is not the commit as git stores it, or undefined. GitHub builds
 * its archives with `git archive`, which leaves out paths marked `export-ignore` and rewrites
 * `export-subst` files, so a pull request could hide its declaring file from a gate that reads
 * the archive (pull_request_target). The root `.gitattributes` is asked of the contents API
 * (it may mark itself `export-ignore`); the others are those the archive holds.
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
    const { data } = await client.rest.repos.getContent({ ...repository, path: '.gitattributes', ref: sha })
    if (Array.isArray(data) || data.type !== 'file' || data.encoding !== 'base64') return undefined
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    const status = (error as { status?: number }).status
    warn(
      `could not check the root .gitattributes of commit ${sha.slice(0, 12)} for export-ignore/export-subst (GitHub answered ${status ?? (error as Error).message}); the archive is read as it is, and a file it marks export-ignore would be missing`
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
