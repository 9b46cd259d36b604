import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Diagnostic } from '../model.js'
import { MAX_FILE_BYTES_CEILING } from '../scan/limits.js'

const run = promisify(execFile)

/** The files of one commit, written out to a temporary directory for the scanner to read. */
export interface CommitTree {
  /** The directory to scan: the commit's copy of the scanned path. */
  root: string
  /** How the content was obtained, for the log. */
  via: 'git' | 'api'
  /** Files of the scanned path left out of the archive for their size, relative to `root`, as scan diagnostics. */
  notUnpacked?: Diagnostic[]
  dispose(): Promise<void>
}

/** Commit content is data to scan, never code to run: git and tar get argument arrays, no shell. */
export async function runTool(file: string, args: readonly string[], cwd?: string): Promise<string> {
  const { stdout } = await run(file, [...args], { cwd, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' })
  return stdout
}

export async function makeTempDir(prefix: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), prefix))
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Unpacks a tar archive. GNU and BSD tar both refuse members that climb out with `..` or
 * start with `/`; ownership and modes from the archive are not applied.
 */
export async function extractTar(
  archive: string,
  into: string,
  options: { gzip?: boolean; stripComponents?: number; members?: readonly string[]; exclude?: readonly string[] } = {}
): Promise<void> {
  const args = [options.gzip ? '-xzf' : '-xf', archive, '-C', into, '--no-same-owner', '--no-same-permissions']
  if (options.stripComponents) args.push(`--strip-components=${options.stripComponents}`)
  // Exclusions are globs to GNU and BSD tar alike: the name's own wildcard characters are escaped.
  for (const name of options.exclude ?? []) args.push(`--exclude=${name.replace(/[\\*?[\]]/g, '\\$&')}`)
  await runTool('tar', [...args, ...(options.members ?? [])])
}

/**
 * What an archive unpacks at most: 3 MB of gzip can hold 3 GB of zeros. A file larger than the
 * largest `maxFileBytes` a configuration may ask for is never read, so it is not unpacked either.
 */
export const MAX_UNPACKED_FILE_BYTES = MAX_FILE_BYTES_CEILING
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024
export const MAX_UNPACKED_ENTRIES = 200_000

/** One member of a tar listing (`tar -tv`, GNU or BSD): its name and size. */
export interface Member {
  name: string
  size: number
  /** A symbolic link (listed with mode `l…`). */
  link?: true
}

/**
 * The members of a tar.gz archive, from `tar -tzvf` (GNU: `mode owner/group size date time name`;
 * BSD: `mode links owner group size month day time name`); a link's ` -> target` is cut off.
 */
export async function listTar(archive: string): Promise<Member[]> {
  const listing = await runTool('tar', ['-tzvf', archive])
  const members: Member[] = []
  for (const line of listing.split('\n')) {
    const match = /^\S+\s+\S+\/\S+\s+(\d+)\s+\S+\s+\S+\s(.*)$/.exec(line) ?? /^\S+\s+\d+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s(.*)$/.exec(line)
    if (match) members.push({ size: Number(match[1]), name: match[2]!.replace(/ -> .*$/, ''), ...(line.startsWith('l') ? { link: true as const } : {}) })
  }
  return members
}

/**
 * The member to unpack so that `path` (relative to the archive's one top folder) can be read: the
 * top folder's entry that holds it (so a link on the way is unpacked, and refused later, not
 * followed), refused when what it holds is past the limits. Undefined when `path` is the whole tree.
 * `oversized` are its files over MAX_UNPACKED_FILE_BYTES, to leave out (they count toward no limit).
 * A symbolic link on the way to `path` may lead anywhere in the commit: then the whole archive is the member.
 */
export function memberFor(members: readonly Member[], path: string): { member: string | undefined; top: string; oversized: Member[] } {
  const top = members[0]?.name.split('/')[0] ?? ''
  // A link on the way to `path` may lead anywhere in the commit: then the whole archive is unpacked.
  const parts = path === '.' || path === '' ? [] : path.split('/')
  const onTheWay = new Set(parts.map((_, index) => `${top}/${parts.slice(0, index + 1).join('/')}`))
  const linked = members.some((entry) => entry.link && onTheWay.has(entry.name))
  const first = parts.length === 0 || linked ? undefined : parts[0]!
  const member = first === undefined ? top : `${top}/${first}`
  let bytes = 0
  let entries = 0
  const oversized: Member[] = []
  for (const entry of members) {
    const { name, size } = entry
    if (name.replace(/\/$/, '') !== member && !name.startsWith(`${member}/`)) continue
    if (size > MAX_UNPACKED_FILE_BYTES) oversized.push(entry)
    else bytes += size
    entries++
  }
  if (bytes > MAX_UNPACKED_BYTES || entries > MAX_UNPACKED_ENTRIES) {
    throw new Error(`the archive's ${first ?? 'files'} hold ${bytes} bytes in ${entries} entries, more than the ${MAX_UNPACKED_BYTES} bytes and ${MAX_UNPACKED_ENTRIES} entries a run unpacks`)
  }
  return { member: parts.length === 0 || entries === 0 ? undefined : member, top, oversized }
}
