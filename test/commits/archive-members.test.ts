import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractTar, listTar, MAX_UNPACKED_BYTES, MAX_UNPACKED_FILE_BYTES, memberFor } from '../../src/commits/commit-tree.js'
import { TempRepo } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'

/** A commit's archive as GitHub makes it (git archive, one top folder), with a link `clusters/root -> /`. */
function archiveOf(files: Record<string, string>): { archive: string } {
  const repo = new TempRepo()
  repo.commit(files)
  repo.commitLinks({ 'clusters/root': '/' })
  const archive = join(tempDir('kcg-archive-'), 'tree.tar.gz')
  execFileSync('sh', ['-c', `git -C "${repo.dir}" archive --format=tar.gz --prefix=o-r-abc1234/ HEAD > "${archive}"`])
  return { archive }
}

describe('unpacking only what `path` needs from a commit archive (real git archive, real tar)', () => {
  it('lists members with their sizes, and unpacks only the top folder that holds `path`', async () => {
    const { archive } = archiveOf({ 'clusters/dev/values.yaml': 'a: 1\n', 'other/big file.bin': 'x'.repeat(5000) })
    const members = await listTar(archive)
    expect(members).toContainEqual({ name: 'o-r-abc1234/other/big file.bin', size: 5000 })
    expect(members).toContainEqual({ name: 'o-r-abc1234/clusters/root', size: 0, link: true })
    const { member } = memberFor(members, 'clusters/dev')
    expect(member).toBe('o-r-abc1234/clusters')
    const into = tempDir('kcg-unpacked-')
    await extractTar(archive, into, { gzip: true, stripComponents: 1, members: [member!] })
    expect(existsSync(join(into, 'clusters/dev/values.yaml'))).toBe(true)
    expect(existsSync(join(into, 'other'))).toBe(false)
  })

  it.each([
    ['bytes', [{ name: 't/clusters/', size: 0 }, ...Array.from({ length: MAX_UNPACKED_BYTES / MAX_UNPACKED_FILE_BYTES + 1 }, (_, i) => ({ name: `t/clusters/f${i}`, size: MAX_UNPACKED_FILE_BYTES }))]],
    ['entries', Array.from({ length: 200_001 }, (_, i) => ({ name: `t/clusters/f${i}`, size: 1 }))]
  ])('refuses a folder past the limit of %s', (_, members) => {
    expect(() => memberFor([{ name: 't/', size: 0 }, ...members], 'clusters')).toThrow(/more than the 536870912 bytes and 200000 entries a run unpacks/)
  })

  it('does not count what lies outside `path` (3 GB elsewhere in the archive is not unpacked)', () => {
    const members = [{ name: 't/', size: 0 }, { name: 't/clusters/values.yaml', size: 10 }, { name: 't/other/huge.bin', size: 3 * 1024 ** 3 }]
    expect(memberFor(members, 'clusters')).toEqual({ member: 't/clusters', top: 't', oversized: [] })
    expect(memberFor(members, '.').oversized).toEqual([{ name: 't/other/huge.bin', size: 3 * 1024 ** 3 }])
  })

  it('unpacks the whole archive when a link is on the way to `path`: the commit decides where it leads', () => {
    const members = [{ name: 't/', size: 0 }, { name: 't/clusters', size: 0, link: true as const }, { name: 't/deploy-b/dev/values.yaml', size: 10 }]
    expect(memberFor(members, 'clusters/dev').member).toBe('t')
    expect(memberFor(members, 'deploy-b/dev').member).toBe('t/deploy-b')
  })

  it('leaves out a file too large to be read, even with wildcard characters in its name, and counts it toward no limit', async () => {
    const big = 'x'.repeat(MAX_UNPACKED_FILE_BYTES + 1)
    const { archive } = archiveOf({ 'clusters/dev/values.yaml': 'a: 1\n', 'clusters/dev/huge[1]*.yaml': big, 'clusters/dev/huge[1]x.yaml': 'b: 2\n' })
    const { member, oversized } = memberFor(await listTar(archive), 'clusters')
    expect(oversized).toEqual([{ name: 'o-r-abc1234/clusters/dev/huge[1]*.yaml', size: big.length }])
    const into = tempDir('kcg-unpacked-')
    await extractTar(archive, into, { gzip: true, stripComponents: 1, members: [member!], exclude: oversized.map(({ name }) => name) })
    expect(existsSync(join(into, 'clusters/dev/huge[1]*.yaml'))).toBe(false)
    expect(existsSync(join(into, 'clusters/dev/huge[1]x.yaml'))).toBe(true)
    expect(existsSync(join(into, 'clusters/dev/values.yaml'))).toBe(true)
  })
})
