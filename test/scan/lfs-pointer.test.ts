import { describe, expect, it } from 'vitest'
import { readText } from '../../src/scan/file-scan.js'

const OID = 'a'.repeat(64)
const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 2048\n`
const bytes = (text: string) => ({ ok: true as const, bytes: Buffer.from(text) })

describe('a Git LFS pointer in place of a declaring file', () => {
  it('is not read as the file: a warning worded "skipped", so a change that makes a declaring file a pointer fails', () => {
    const read = readText('clusters/dev/values.yaml', bytes(pointer), () => '')
    expect(read).toEqual({ declarations: [], usages: [], diagnostics: [{ file: 'clusters/dev/values.yaml', warning: true, message: expect.stringMatching(/^skipped: a Git LFS pointer, not the file \(check out with `lfs: true`/) }] })
  })

  it.each([
    ['with CRLF line ends', pointer.replace(/\n/g, '\r\n')],
    ['with the older hawser spec URL', pointer.replace('git-lfs.github.com', 'hawser.github.com')],
    ['with the git-media spec line', pointer.replace('https://git-lfs.github.com/spec/v1', 'http://git-media.io/v/2')]
  ])('is recognised %s, as git-lfs accepts it', (_, text) => {
    expect(readText('values.yaml', bytes(text), () => '')).toMatchObject({ diagnostics: [{ message: expect.stringMatching(/^skipped: a Git LFS pointer/) }] })
  })

  it.each([
    ['a file that only quotes the pointer line', `# see version https://git-lfs.github.com/spec/v1\nvcluster: 0.22.1\n`],
    ['the pointer line without an oid', 'version https://git-lfs.github.com/spec/v1\nsize 12\n'],
    ['a long file that starts like a pointer', `${pointer}${'image: rancher/k3s:v1.32.0-k3s1\n'.repeat(100)}`]
  ])('%s is read as text', (_, text) => {
    expect(readText('values.yaml', bytes(text), () => '')).toMatchObject({ text })
  })
})
