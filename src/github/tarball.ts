import { mkdir, realpath, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { inputInside } from '../config/contained-path.js'
import { extractTar, listTar, makeTempDir, MAX_UNPACKED_FILE_BYTES, memberFor, type CommitTree } from '../commits/commit-tree.js'
import { archiveMismatch } from './archive-check.js'
import type { GitHubClient } from './client.js'

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
    // A file too large to be read is not written either, and the log names it.
    const { member, top, oversized } = memberFor(await listTar(archive), path)
    const skipped = new Map<string, number>()
    for (const { name, size } of oversized) {
      const file = name.slice(top.length + 1)
      skipped.set(file, size)
      warn(`${file} of commit ${sha.slice(0, 12)} is not unpacked nor read: ${size} bytes is over the ${MAX_UNPACKED_FILE_BYTES} bytes a file may have to be read (the most maxFileBytes allows)`)
    }
    if (member !== undefined || path === '.' || path === '') {
      await extractTar(archive, tree, { gzip: true, stripComponents: 1, ...(member ? { members: [member] } : {}), exclude: oversized.map(({ name }) => name) })
    }
    // The commit may turn `path` into a link out of its own files: refused, never followed.
    const root = await inputInside('input "path"', path, tree, `the files of commit ${sha.slice(0, 12)} in`)
    // An archive that leaves files out or rewrites them is not read: the gate fails, saying why.
    const resolved = relative(await realpath(tree), root).split(sep).join('/') || '.'
    const differs = await archiveMismatch(client, repository, sha, resolved, tree, new Set(skipped.keys()), warn)
    if (differs) throw new Error(`the archive of commit ${sha.slice(0, 12)} is not the commit as git stores it: ${differs}`)
    await mkdir(root, { recursive: true })
    // The scan reports them like any file over the limit (a declaring file the change grew past it fails the gate).
    const under = resolved === '.' ? '' : `${resolved}/`
    const notUnpacked = [...skipped]
      .filter(([file]) => file.startsWith(under))
      .map(([file, size]) => ({ file: file.slice(under.length), message: `skipped: ${size} bytes is over the ${MAX_UNPACKED_FILE_BYTES}-byte limit a file may have to be read, so it was not unpacked`, warning: true as const }))
    return { root, via: 'api', dispose: temp.dispose, ...(notUnpacked.length ? { notUnpacked } : {}) }
  } catch (error) {
    await temp.dispose()
    throw error
  }
}
