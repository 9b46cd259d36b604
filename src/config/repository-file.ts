import { realpath, stat } from 'node:fs/promises'
import { relative, resolve, sep } from 'node:path'
import { isInside } from './contained-path.js'

/** Configuration and database files are a few kilobytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024

/**
 * Why a file the gate was told to read as configuration or database cannot be read, or
 * undefined when it can: it must be a regular file of a sane size (a FIFO blocks a reader
 * forever, `/dev/zero` never ends), and when `within` is given it must resolve, links
 * followed, inside one of those directories. A pull request controls the configuration file in
 * its repository and the database paths that file lists; they must not reach the runner's files,
 * nor git's own folder (`.git/config` holds the token actions/checkout persists).
 */
export async function refusedFile(path: string, within?: readonly string[]): Promise<string | undefined> {
  if (within !== undefined && !within.some((root) => isInside(resolve(root), resolve(path)))) return 'it is outside the repository'
  if (within !== undefined && inGitFolder(within, resolve(path))) return GIT_FOLDER
  let real: string
  try {
    real = await realpath(path)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error)
  }
  // Again with links followed: a link inside may point out.
  if (within !== undefined) {
    const roots = await Promise.all(within.map((dir) => realpath(dir).catch(() => dir)))
    if (!roots.some((root) => isInside(root, real))) return 'it is outside the repository'
    if (inGitFolder(roots, real)) return GIT_FOLDER
  }
  const stats = await stat(real)
  if (!stats.isFile()) return 'it is not a regular file'
  if (stats.size > MAX_CONFIG_BYTES) return `${stats.size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`
  return undefined
}

const GIT_FOLDER = "it is inside .git, git's own folder"

/** Whether `path`, seen from the root that holds it, goes through a `.git` folder. */
function inGitFolder(roots: readonly string[], path: string): boolean {
  return roots.some((root) => isInside(resolve(root), path) && relative(resolve(root), path).split(sep).some((part) => part.toLowerCase() === '.git'))
}
