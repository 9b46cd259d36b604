import { createHash } from 'node:crypto'
import { lstat, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'

/** One entry of a commit's tree as git stores it (`git ls-tree -r`, or GitHub's git trees API). */
export interface ListedEntry {
  /** Relative to the repository's top. */
  path: string
  /** `100644`, `100755` (file), `120000` (symbolic link), `160000` (submodule), `040000` (tree). */
  mode: string
  /** The blob's object id. */
  sha: string
}

/** How many differences a message names before it counts the rest. */
const NAMED = 5

/**
 * How an unpacked archive of a commit differs from the commit's tree under `path`: files left out
 * (`export-ignore`, which git and GitHub's archives honour in any `.gitattributes`, nested or
 * marking itself) and files rewritten (`export-subst`), in words; undefined when none. Files in
 * `skipped` were left out on purpose (too large to read). Submodules and trees are not compared.
 * A file whose only difference is CRLF line ends (the `eol` attribute) counts as the same text.
 */
export async function archiveDifferences(tree: string, listing: readonly ListedEntry[], path: string, skipped: ReadonlySet<string>): Promise<string | undefined> {
  const prefix = path === '.' || path === '' ? '' : `${path.replace(/\/$/, '')}/`
  const missing: string[] = []
  const rewritten: string[] = []
  for (const entry of listing) {
    if (!entry.path.startsWith(prefix) || skipped.has(entry.path)) continue
    const link = entry.mode === '120000'
    if (!link && !entry.mode.startsWith('100')) continue
    const bytes = await unpacked(join(tree, entry.path), link)
    if (bytes === undefined) missing.push(entry.path)
    else if (blobId(bytes) !== entry.sha && !(bytes.includes(13) && blobId(Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')) === entry.sha)) rewritten.push(entry.path)
  }
  const parts = [...(missing.length ? [`${named(missing)} ${missing.length === 1 ? 'is' : 'are'} missing from it`] : []), ...(rewritten.length ? [`${named(rewritten)} ${rewritten.length === 1 ? 'differs' : 'differ'} from the commit`] : [])]
  return parts.length ? `${parts.join('; ')} (a .gitattributes with export-ignore or export-subst does that)` : undefined
}

function named(paths: readonly string[]): string {
  const shown = paths.slice(0, NAMED).join(', ')
  return paths.length > NAMED ? `${shown} and ${paths.length - NAMED} more files` : shown
}

/** The file's bytes (a link's target), or undefined when the archive does not hold it as that kind of entry. */
async function unpacked(file: string, link: boolean): Promise<Buffer | undefined> {
  try {
    const stats = await lstat(file)
    if (link) return stats.isSymbolicLink() ? Buffer.from(await readlink(file, 'buffer')) : undefined
    return stats.isFile() ? await readFile(file) : undefined
  } catch {
    return undefined
  }
}

/** Git's object id of a blob with these bytes (SHA-1 of `blob <size>\0` and the bytes). */
export function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}
