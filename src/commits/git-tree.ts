import { mkdir, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { inputInside } from '../config/contained-path.js'
import { extractTar, makeTempDir, runTool, type CommitTree } from './commit-tree.js'
import { archiveDifferences, type ListedEntry } from './tree-listing.js'

/** The repository's top directory when `dir` is inside a git work tree. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await runTool('git', ['-C', dir, 'rev-parse', '--show-toplevel'])).trim()
  } catch {
    return undefined
  }
}

/** The full commit id a ref names, when that commit is in the local repository. */
export async function resolveCommit(top: string, ref: string): Promise<string | undefined> {
  // `--end-of-options` keeps a ref that starts with '-' from being read as an option.
  try {
    return (await runTool('git', ['-C', top, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || undefined
  } catch {
    return undefined
  }
}

/**
 * The best common ancestor of two commits, when the local repository holds both and enough of
 * their history to meet (a shallow checkout usually does not: git then finds none).
 */
export async function gitMergeBase(top: string, a: string, b: string): Promise<string | undefined> {
  // A commit git does not have fails like commits without a common one: no answer either way.
  try {
    return (await runTool('git', ['-C', top, 'merge-base', '--end-of-options', a, b])).trim() || undefined
  } catch {
    return undefined
  }
}

/**
 * Writes the commit's copy of `scanRoot` (a directory inside the work tree `top`) to a
 * temporary directory with `git archive`: no checkout, no change to the repository.
 */
export async function treeFromGit(top: string, sha: string, scanRoot: string): Promise<CommitTree> {
  const temp = await makeTempDir('kcg-base-')
  try {
    const sub = relative(top, scanRoot).split(sep).join('/')
    const archive = join(temp.dir, 'tree.tar')
    const tree = join(temp.dir, 'tree')
    await mkdir(tree)
    // A link on the way to the path may lead anywhere in the commit: then the whole commit is written.
    const whole = !sub || (await linkOnTheWay(top, sha, sub))
    const exists = whole || (await pathExists(top, sha, sub))
    if (exists) {
      await runTool('git', ['-C', top, 'archive', '--format=tar', '-o', archive, sha, ...(whole ? [] : ['--', sub])])
      await extractTar(archive, tree)
    }
    // The commit may turn the path into a link out of its own files: refused, never followed.
    const root = await inputInside('input "path"', sub || '.', tree, `the files of commit ${sha.slice(0, 12)} in`)
    if (exists) {
      // git archive honours the commit's own export-ignore and export-subst too: compared with the tree, it fails closed.
      const resolved = relative(await realpath(tree), root).split(sep).join('/')
      const differs = await archiveDifferences(tree, await gitListing(top, sha, resolved), resolved || '.', new Set())
      if (differs) throw new Error(`git archive of commit ${sha.slice(0, 12)} is not the commit as git stores it: ${differs}`)
    }
    await mkdir(root, { recursive: true }) // the path may not exist in that commit: then it declares nothing
    return { root, via: 'git', dispose: temp.dispose }
  } catch (error) {
    await temp.dispose()
    throw error
  }
}

/** The commit's entries under `sub` (`git ls-tree -r`), paths relative to the repository's top. */
export async function gitListing(top: string, sha: string, sub: string): Promise<ListedEntry[]> {
  const out = await runTool('git', ['-C', top, 'ls-tree', '-r', '-z', '--full-tree', '--end-of-options', sha, ...(sub ? ['--', sub] : [])])
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t')
      const [mode, , object] = line.slice(0, tab).split(' ')
      return { path: line.slice(tab + 1), mode: mode!, sha: object! }
    })
}

/** Whether the path, or a folder on the way to it, is a symbolic link in the commit. */
async function linkOnTheWay(top: string, sha: string, sub: string): Promise<boolean> {
  const parts = sub.split('/')
  const ways = parts.map((_, index) => parts.slice(0, index + 1).join('/'))
  const out = await runTool('git', ['-C', top, 'ls-tree', '-z', '--full-tree', '--end-of-options', sha, '--', ...ways])
  return out.split('\0').some((line) => line.startsWith('120000 '))
}

async function pathExists(top: string, sha: string, path: string): Promise<boolean> {
  try {
    await runTool('git', ['-C', top, 'cat-file', '-e', `${sha}:${path}`])
    return true
  } catch {
    return false
  }
}
