import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gitTopLevel, resolveCommit, treeFromGit } from '../../src/commits/git-tree.js'
import { TempRepo } from '../github/action-harness.js'
import { tempDir } from '../helpers/run-bundle.js'

describe('treeFromGit', () => {
  it('writes the scanned directory as it was in an earlier commit, without touching the work tree', async () => {
    const repo = new TempRepo()
    const base = repo.commit({ 'clusters/dev/Chart.yaml': 'version: 0.22.1\n', 'other/x.yaml': 'a: 1\n' }, 'base')
    repo.commit({ 'clusters/dev/Chart.yaml': 'version: 0.23.0\n' }, 'head')
    const top = (await gitTopLevel(join(repo.dir, 'clusters')))!

    const tree = await treeFromGit(top, base, join(repo.dir, 'clusters'))
    try {
      expect(tree.via).toBe('git')
      expect(readFileSync(join(tree.root, 'dev', 'Chart.yaml'), 'utf8')).toBe('version: 0.22.1\n')
      expect(existsSync(join(tree.root, '..', 'other'))).toBe(false) // only the scanned path is written
      expect(readFileSync(join(repo.dir, 'clusters', 'dev', 'Chart.yaml'), 'utf8')).toBe('version: 0.23.0\n')
      expect(repo.git('status', '--porcelain')).toBe('')
    } finally {
      await tree.dispose()
    }
    expect(existsSync(tree.root)).toBe(false)
  })

  it('gives an empty directory when the scanned path did not exist yet in that commit', async () => {
    const repo = new TempRepo()
    const base = repo.commit({ 'README.md': 'x\n' }, 'base')
    repo.commit({ 'clusters/dev/Chart.yaml': 'version: 0.22.1\n' }, 'adds the cluster')
    const tree = await treeFromGit(repo.dir, base, join(repo.dir, 'clusters'))
    expect(readdirSync(tree.root)).toEqual([])
    await tree.dispose()
  })
})

describe('resolveCommit and gitTopLevel', () => {
  it('resolve refs to commit ids and say so when there is none', async () => {
    const repo = new TempRepo()
    const sha = repo.commit({ 'a.txt': 'a\n' })
    expect(await resolveCommit(repo.dir, 'HEAD')).toBe(sha)
    expect(await resolveCommit(repo.dir, '--output=/tmp/x')).toBeUndefined()
    expect(await resolveCommit(repo.dir, 'f'.repeat(40))).toBeUndefined()
    expect(await gitTopLevel(tempDir('kcg-nogit-'))).toBeUndefined()
  })
})
