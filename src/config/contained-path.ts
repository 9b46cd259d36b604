import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { UsageError } from '../errors.js'

/** A path the gate was told to read or write leads out of the directory it must stay in. */
export class PathEscapeError extends UsageError {
  override name = 'PathEscapeError'
}

/**
 * `path` (relative to `root`, or absolute) with every symbolic link resolved, when it stays inside
 * `root` (also with `root`'s own links resolved); else a reason. A part of the path that does not
 * exist yet is kept as written after the longest part that does, so a directory the caller is about
 * to create is checked too (`mkdir -p` would follow a link in the existing part).
 *
 * A pull request controls the files of its checkout and of its commit: turning `clusters` into a
 * link to `/` made the gate scan the runner's files and print them into the comment.
 */
export async function containedPath(root: string, path: string): Promise<{ ok: true; real: string } | { ok: false; reason: string }> {
  const lexicalRoot = resolve(root)
  const lexical = resolve(lexicalRoot, path)
  if (!isInside(lexicalRoot, lexical)) return { ok: false, reason: 'it is outside' }
  const realRoot = await realpath(lexicalRoot).catch(() => lexicalRoot)
  let existing = lexical
  const missing: string[] = []
  for (;;) {
    try {
      const real = resolve(await realpath(existing), ...missing)
      return isInside(realRoot, real) ? { ok: true, real } : { ok: false, reason: `it resolves to ${real}, outside` }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A dangling link is not "missing": creating through it would write where it points.
      if (code !== 'ENOENT' || (await lstat(existing).catch(() => undefined))?.isSymbolicLink()) {
        return { ok: false, reason: `it cannot be resolved (${code ?? String(error)})` }
      }
      if (existing === lexicalRoot) return { ok: true, real: lexical }
      missing.unshift(basename(existing))
      existing = dirname(existing)
    }
  }
}

/**
 * `containedPath` for an action input: the real path, or a PathEscapeError that names the input (`label`),
 * what it was and where it leads.
 */
export async function inputInside(label: string, value: string, root: string, rootName = 'the workspace'): Promise<string> {
  const checked = await containedPath(root, value)
  if (checked.ok) return checked.real
  throw new PathEscapeError(`${label} (${value}) is refused: ${checked.reason} ${rootName} ${root}`)
}

/**
 * A file the gate writes into the workspace (the SARIF file, the smoke evidence): its folder must
 * resolve inside the workspace and the file itself must not be a link, or the checkout of a pull
 * request could make the gate overwrite any file the runner's user can write. Paths the workflow
 * puts outside the workspace (the runner's temporary directory) are its own choice.
 */
export async function writableInside(label: string, path: string, workspace: string): Promise<void> {
  const lexical = resolve(workspace, path)
  if (!isInside(resolve(workspace), lexical)) return
  await inputInside(label, path, workspace)
  if ((await lstat(lexical).catch(() => undefined))?.isSymbolicLink()) {
    throw new PathEscapeError(`${label} (${path}) is refused: it is a symbolic link, and the gate does not write through links`)
  }
}

export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path)
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}
