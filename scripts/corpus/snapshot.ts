/**
 * Brings a pinned commit of a public repository out of a local bare snapshot
 * (`<mirror>/<owner>+<name>/...`) into a temporary directory, so the scanner reads the files as a
 * checkout would have them. Nothing is fetched: without a snapshot the repository is skipped.
 * Blobs the snapshot lacks (large files it left out) are skipped and counted, never fatal.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

/** The git directory of `owner/name` under `mirror`, or undefined when there is none. */
export function findGitDirectory(mirror: string, repository: string): string | undefined {
  const base = join(mirror, repository.replace('/', '+'))
  if (!existsSync(base)) return undefined
  const candidates = [base, join(base, 'repo'), join(base, '.git'), ...subdirectories(base)]
  return candidates.find(isGitDirectory)
}

function subdirectories(path: string): string[] {
  try {
    return readdirSync(path)
      .map((name) => join(path, name))
      .filter((child) => statSync(child).isDirectory())
      .flatMap((child) => [child, join(child, '.git')])
  } catch {
    return []
  }
}

function isGitDirectory(path: string): boolean {
  return existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'))
}

export function hasCommit(gitDirectory: string, commit: string): boolean {
  try {
    execFileSync('git', ['--git-dir', gitDirectory, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

interface TreeEntry {
  mode: string
  type: string
  object: string
  path: string
}

function listTree(gitDirectory: string, commit: string): TreeEntry[] {
  const output = execFileSync('git', ['--git-dir', gitDirectory, 'ls-tree', '-r', '-z', '--full-tree', commit], {
    maxBuffer: 256 * 1024 * 1024
  }).toString('utf8')
  return output
    .split('\0')
    .filter((record) => record.length > 0)
    .map((record) => {
      const tab = record.indexOf('\t')
      const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ')
      return { mode, type, object, path: record.slice(tab + 1) }
    })
}

/** Reads blobs through one `git cat-file --batch`; a blob the snapshot lacks comes back undefined. */
async function readBlobs(gitDirectory: string, objects: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  const child = spawn('git', ['--git-dir', gitDirectory, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] })
  const blobs = new Map<string, Buffer | undefined>()
  const wanted = [...new Set(objects)]
  let pending: Buffer = Buffer.alloc(0)
  let index = 0
  const done = new Promise<void>((resolvePromise, reject) => {
    child.on('error', reject)
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      for (;;) {
        const newline = pending.indexOf(10)
        if (newline < 0) return
        const header = pending.subarray(0, newline).toString('utf8').split(' ')
        if (header[1] === 'missing' || header.length < 3) {
          blobs.set(wanted[index++]!, undefined)
          pending = pending.subarray(newline + 1)
          continue
        }
        const size = Number(header[2])
        if (pending.length < newline + 1 + size + 1) return
        blobs.set(wanted[index++]!, Buffer.from(pending.subarray(newline + 1, newline + 1 + size)))
        pending = pending.subarray(newline + 1 + size + 1)
      }
    })
    child.on('close', () => resolvePromise())
  })
  child.stdin.end(wanted.map((object) => `${object}\n`).join(''))
  await done
  return blobs
}

export interface Materialised {
  root: string
  files: number
  /** Blobs the snapshot does not hold (left out for their size); their files are absent. */
  missing: string[]
}

/** Writes `commit`'s tree into a new temporary directory (submodules are left out, as in an archive). */
export async function materialise(gitDirectory: string, commit: string): Promise<Materialised> {
  const root = mkdtempSync(join(tmpdir(), 'kcg-corpus-'))
  const entries = listTree(gitDirectory, commit).filter((entry) => entry.type === 'blob')
  const blobs = await readBlobs(
    gitDirectory,
    entries.map((entry) => entry.object)
  )
  const missing: string[] = []
  let files = 0
  for (const entry of entries) {
    const target = resolve(root, entry.path)
    if (relative(root, target).startsWith('..')) continue
    const content = blobs.get(entry.object)
    if (content === undefined) {
      missing.push(entry.path)
      continue
    }
    mkdirSync(dirname(target), { recursive: true })
    if (entry.mode === '120000') symlinkSync(content.toString('utf8'), target)
    else writeFileSync(target, content)
    files++
  }
  return { root, files, missing }
}
