import type * as ChildProcess from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, posix } from 'node:path'
import type { Declaration, Diagnostic } from '../model.js'

/** At most this many entries are listed under the folders the walk skips, when git cannot list them. */
const MAX_LISTED = 20_000

/**
 * Files that declared versions at the base, that the change removed, and whose name reappears
 * under a folder the walk never enters (`vendor/`, `.terraform/`, `node_modules/`) as a file of
 * the commit: a pull request moved its declaring folder under `vendor/` (a deployment reads it
 * from there) and its versions read as "fixed" (redteam G06, G07). Each such file is named, and
 * the change cannot be judged, so the gate fails. Asked only when a declaring file is gone and
 * the walk skipped such a folder, so an ordinary run starts no process here.
 */
export function movedOutOfSight(base: readonly Declaration[], head: readonly Declaration[], headRoot: string, skippedFolders: readonly string[]): Diagnostic[] {
  if (skippedFolders.length === 0) return []
  const declaredAtHead = new Set(head.map((declaration) => declaration.file))
  const gone = new Map<string, string>()
  for (const { file } of base) {
    if (declaredAtHead.has(file) || existsSync(join(headRoot, ...file.split('/')))) continue
    gone.set(posix.basename(file), file)
  }
  if (gone.size === 0) return []
  const out: Diagnostic[] = []
  for (const path of committedFilesUnder(headRoot, skippedFolders)) {
    const was = gone.get(posix.basename(path))
    if (was === undefined) continue
    const folder = skippedFolders.find((skipped) => path.startsWith(`${skipped}/`)) ?? posix.dirname(path)
    out.push({
      file: path,
      message: `skipped: under ${folder}/, which the scan does not read (not read); ${was} declared versions at the base and the change removed it: if it moved here, the change cannot be judged, so the gate fails`,
      warning: true
    })
  }
  return out
}

/** The files git tracks under `folders`; outside a git work tree (a commit unpacked from its archive) the files on disk, up to `MAX_LISTED`. */
function committedFilesUnder(root: string, folders: readonly string[]): string[] {
  try {
    // Loaded here, not imported: most runs never get here, and the CLI starts no process without --base.
    const { execFileSync } = process.getBuiltinModule('node:child_process') as typeof ChildProcess
    const listing = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--', ...folders.map((folder) => `:(literal)${folder}`)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024
    })
    return listing.split('\0').filter(Boolean)
  } catch {
    return filesOnDisk(root, folders)
  }
}

function filesOnDisk(root: string, folders: readonly string[]): string[] {
  const files: string[] = []
  const pending = [...folders]
  let listed = 0
  for (let folder = pending.pop(); folder !== undefined && listed < MAX_LISTED; folder = pending.pop()) {
    let entries
    try {
      entries = readdirSync(join(root, ...folder.split('/')), { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      listed++
      const path = `${folder}/${entry.name}`
      if (entry.isDirectory()) pending.push(path)
      else if (entry.isFile()) files.push(path)
    }
  }
  return files
}
