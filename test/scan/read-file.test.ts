import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFileBytes } from '../../src/scan/read-file.js'

const root = mkdtempSync(join(tmpdir(), 'kcg-read-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function file(name: string, content: string | Buffer): string {
  const path = join(root, name)
  writeFileSync(path, content)
  return path
}

function text(result: ReturnType<typeof readFileBytes>): string {
  if (!result.ok) throw new Error(`not read: ${JSON.stringify(result)}`)
  return result.bytes.toString('utf8')
}

describe('readFileBytes', () => {
  it('reads a file whole, and an empty file as empty', () => {
    expect(text(readFileBytes(file('small.yaml', 'kind: Cluster\n'), 100))).toBe('kind: Cluster\n')
    expect(text(readFileBytes(file('empty.yaml', ''), 100))).toBe('')
  })

  it('reads a file larger than the shared buffer, and the next small file after it', () => {
    const large = 'x'.repeat(700 * 1024 + 3)
    expect(text(readFileBytes(file('large.yaml', large), 2 * 1024 * 1024))).toBe(large)
    expect(text(readFileBytes(file('after.yaml', 'a: 1'), 100))).toBe('a: 1')
  })

  it('takes a file of exactly the limit and gives the true size of one over it', () => {
    expect(text(readFileBytes(file('at-limit.yaml', 'y'.repeat(1000)), 1000))).toHaveLength(1000)
    expect(readFileBytes(file('over-limit.yaml', 'y'.repeat(5000)), 1000)).toEqual({ ok: false, size: 5000 })
    expect(readFileBytes(file('one-over.yaml', 'y'.repeat(1001)), 1000)).toEqual({ ok: false, size: 1001 })
  })

  it('reads a file whose size stat does not tell (procfs)', () => {
    expect(text(readFileBytes('/proc/self/status', 1024 * 1024))).toMatch(/^Name:/)
  })

  it('names a FIFO (put in place of a file after the walk) and a directory instead of reading them', () => {
    const fifo = join(root, 'swapped.yaml')
    execFileSync('mkfifo', [fifo])
    expect(readFileBytes(fifo, 1000)).toEqual({ ok: false, notRegular: true })
    const directory = join(root, 'dir.yaml')
    mkdirSync(directory)
    expect(readFileBytes(directory, 1000)).toEqual({ ok: false, notRegular: true })
  })

  it('gives the error code of a file that cannot be opened', () => {
    expect(readFileBytes(join(root, 'missing.yaml'), 1000)).toEqual({ ok: false, code: 'ENOENT' })
  })
})
