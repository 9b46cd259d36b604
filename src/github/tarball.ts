import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { inputInside } from '../config/contained-path.js'
import { extractTar, listTar, makeTempDir, memberFor, type CommitTree } from '../commits/commit-tree.js'
import type { GitHubClient } from './client.js'
import { archiveAttributes } from './archive-attributes.js'

/**
 * Downloads a commit as a tarball through the REST API (`contents: read`) and unpacks the
 * scanned path. Used when the checkout does not contain the commit (the checkout action
 * fetches a single commit by default) or for the head of `pull_request_target` runs, whose
 * workspace holds the base. The content is only read by the scanner, never executed.
 */
export async function treeFromApi(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
  path: string,
  warn: (message: string) => void
): Promise<CommitTree> {
  const temp = await makeTempDir('kcg-api-')
  try {
    const response = await client.rest.repos.downloadTarballArchive({ ...repository, ref: sha })
    const archive = join(temp.dir, 'tree.tar.gz')
    await writeFile(archive, Buffer.from(response.data as ArrayBuffer))
    const tree = join(temp.dir, 'tree')
    await mkdir(tree)
    // GitHub wraps the files in one `<owner>-<repo>-<sha>/` folder.
    // Only the top folder that holds `path` is unpacked, and only within the size limits.
    const { member } = memberFor(await listTar(archive), path)
    if (member !== undefined || path === '.' || path === '') await extractTar(archive, tree, { gzip: true, stripComponents: 1, ...(member ? { members: [member] } : {}) })
    // An archive that leaves files out or rewrites them is not read: the gate fails, saying why.
    const differs = await archiveAttributes(client, repository, sha, tree, warn)
    if (differs) throw new Error(`the archive of commit ${sha.slice(0, 12)} is not the commit as git stores it: ${differs}, so files may be missing from it or rewritten`)
    // The commit may turn `path` into a link out of its own files: refused, never followed.
    const root = await inputInside('input "path"', path, tree, `the files of commit ${sha.slice(0, 12)} in`)
    await mkdir(root, { recursive: true })
    return { root, via: 'api', dispose: temp.dispose }
  } catch (error) {
    await temp.dispose()
    throw error
  }
}
