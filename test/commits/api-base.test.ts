import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { treeFromGit } from '../../src/commits/git-tree.js'
import { baseFromApi } from '../../src/github/api-base.js'
import { createGitHubClient } from '../../src/github/client.js'
import { runGate, type GateOptions } from '../../src/pipeline.js'
import { TempRepo, useGitHubStandIn } from '../github/action-harness.js'
import { apply, headChange, leftAs, observable, operation, populated } from '../helpers/commit-pairs.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/**
 * A shallow checkout's base derived from the head's scan and the REST API (compare, then the
 * touched files' contents at the base, answered by the OpenAPI-checked stand-in from the real
 * repository) must give the reports that scanning the whole base commit gives, byte for byte:
 * added, removed, renamed and edited files, symbolic links, a changed .gitignore or
 * configuration, a work tree that differs from HEAD.
 */
const github = useGitHubStandIn()

describe('the base of a shallow checkout, derived through the REST API', () => {
  it('gives the reports a full scan of the base commit gives (property, random commit pairs)', async () => {
    const client = createGitHubClient('ghs_test', { warning: () => {}, debug: () => {} }, github().url)
    let derived = 0
    let committed = 0
    await fc.assert(
      fc.asyncProperty(populated, fc.array(operation, { maxLength: 3 }), headChange, leftAs, async (start, baseOps, headOps, left) => {
        if (left === 'committed') committed++
        const repo = new TempRepo()
        apply(repo.dir, [...start, ...baseOps])
        writeFileSync(join(repo.dir, 'keep.txt'), 'x\n')
        const sha = repo.commit({}, 'base')
        apply(repo.dir, headOps)
        repo.git('add', '-A')
        repo.git('commit', '-q', '--allow-empty', '-m', 'head')
        const head = repo.git('rev-parse', 'HEAD').trim()
        const shallow = repo.shallowCheckout(head)
        // Left uncommitted: an edit in the work tree after the checkout, which the API does not know of.
        if (left === 'uncommitted') writeFileSync(join(shallow, 'keep.txt'), 'edited\n')
        github().repository = repo.dir
        const options: GateOptions = { root: shallow, failOn: 'error', date: '2026-12-01' }
        const written = await treeFromGit(repo.dir, sha, repo.dir)
        try {
          const remote = await baseFromApi(client, {
            repository: { owner: 'Codertocat', repo: 'Hello-World' },
            base: sha,
            head,
            top: shallow,
            root: shallow,
            fullTree: () => treeFromGit(repo.dir, sha, repo.dir)
          })
          const full = await runGate({ ...options, baseRoot: written.root })
          if (!('changes' in remote)) return // the tarball's path, as today
          const logs: string[] = []
          const fromApi = await runGate({ ...options, baseCommit: { top: shallow, sha, remote }, log: (message) => logs.push(message) })
          if (logs.some((line) => line.includes('derived'))) derived++
          expect(observable(fromApi)).toEqual(observable(full))
        } finally {
          await written.dispose()
          rmSync(repo.dir, { recursive: true, force: true })
          rmSync(shallow, { recursive: true, force: true })
        }
      }),
      fuzzParameters(20)
    )
    // Most random changes touch no ignore rules or links: the property must mostly test the derived path.
    expect(derived).toBeGreaterThan(committed / 3)
  }, 300_000)
})

describe('when the REST API cannot give the base file by file', () => {
  const client = () => createGitHubClient('ghs_test', { warning: () => {}, debug: () => {} }, github().url)
  const many = (count: number, text: string): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, index) => [`many/file-${index}.yaml`, text]))
  const link = (repo: TempRepo): void => void repo.commitLinks({ 'linked/values.yaml': '../clusters/values.yaml' })

  const cases: Array<{ name: string; base: (repo: TempRepo) => void; head: (repo: TempRepo) => void; fallback: RegExp }> = [
    { name: 'a changed .gitattributes', base: () => {}, head: (repo) => void repo.commit({ '.gitattributes': '*.yaml text\n' }), fallback: /^the change touches \.gitattributes$/ },
    { name: 'a symbolic link removed', base: link, head: (repo) => {
        repo.git('rm', '-q', 'linked/values.yaml')
        repo.commit({})
      }, fallback: /^linked\/values\.yaml is a symbolic link in the base$/ },
    { name: 'more touched files than contents requests allowed', base: (repo) => void repo.commit(many(101, 'a: 1\n')), head: (repo) => void repo.commit(many(101, 'a: 2\n')), fallback: /^101 touched files would take as many requests, more than 100$/ },
    { name: 'more files than compare lists', base: () => {}, head: (repo) => void repo.commit(many(300, 'a: 1\n')), fallback: /^the change touches 300 or more files, more than GitHub's compare answer lists$/ }
  ]
  for (const { name, base, head, fallback } of cases) {
    it(`reads the tarball instead, saying why: ${name}`, async () => {
      const repo = new TempRepo()
      repo.commit({ 'clusters/values.yaml': 'a: 1\n' })
      base(repo)
      const sha = repo.git('rev-parse', 'HEAD').trim()
      head(repo)
      const tip = repo.git('rev-parse', 'HEAD').trim()
      github().repository = repo.dir
      const shallow = repo.shallowCheckout(tip)
      const request = { repository: { owner: 'Codertocat', repo: 'Hello-World' }, base: sha, head: tip, top: shallow, root: shallow, fullTree: () => treeFromGit(repo.dir, sha, repo.dir) }
      const answer = await baseFromApi(client(), request)
      expect('fallback' in answer && answer.fallback).toMatch(fallback)
    })
  }

  it('reads the tarball instead when compare is measured from another commit than the base', async () => {
    const repo = new TempRepo()
    const fork = repo.commit({ 'clusters/values.yaml': 'a: 1\n' })
    const other = repo.commit({ 'clusters/values.yaml': 'a: 2\n' }, 'on the base branch')
    repo.git('checkout', '-q', '-b', 'topic', fork)
    const tip = repo.commit({ 'clusters/extra.yaml': 'b: 1\n' })
    github().repository = repo.dir
    const shallow = repo.shallowCheckout(tip)
    const answer = await baseFromApi(client(), { repository: { owner: 'Codertocat', repo: 'Hello-World' }, base: other, head: tip, top: shallow, root: shallow, fullTree: () => treeFromGit(repo.dir, other, repo.dir) })
    expect('fallback' in answer && answer.fallback).toBe(`the compare answer is measured from ${fork.slice(0, 12)}, not from the base`)
  })

  it('keeps to the scanned directory: paths outside it are not asked for, paths inside are relative to it', async () => {
    const repo = new TempRepo()
    const sha = repo.commit({ 'clusters/values.yaml': 'a: 1\n', 'docs/.gitignore': 'x\n', 'docs/notes.yaml': 'n: 1\n' })
    const tip = repo.commit({ 'clusters/values.yaml': 'a: 2\n', 'docs/.gitignore': 'y\n', 'docs/notes.yaml': 'n: 2\n' })
    github().repository = repo.dir
    const shallow = repo.shallowCheckout(tip)
    const before = github().calls.length
    const answer = await baseFromApi(client(), { repository: { owner: 'Codertocat', repo: 'Hello-World' }, base: sha, head: tip, top: shallow, root: join(shallow, 'clusters'), fullTree: () => treeFromGit(repo.dir, sha, join(repo.dir, 'clusters')) })
    expect('changes' in answer && [...answer.changes]).toEqual([['values.yaml', { status: 'M' }]])
    expect('changes' in answer && answer.bytes.get('values.yaml')?.toString()).toBe('a: 1\n')
    expect(github().calls.slice(before).map((call) => decodeURIComponent(call.path))).toEqual([
      `/repos/Codertocat/Hello-World/compare/${sha}...${tip}`,
      `/repos/Codertocat/Hello-World/git/trees/${sha}`,
      '/repos/Codertocat/Hello-World/contents/clusters/values.yaml'
    ])
  })
})

describe('a compare answer that does not name the files the two trees tell apart (redteam S07b)', () => {
  const client = () => createGitHubClient('ghs_test', { warning: () => {}, debug: () => {} }, github().url)
  const docs = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`docs/d${index}.md`, `x${index}\n`]))
  const cases: Array<{ name: string; answer: (files: Array<Record<string, unknown>>) => Array<Record<string, unknown>>; fallback: RegExp }> = [
    { name: 'the declaring file left out (an answer cut short)', answer: (files) => files.filter((file) => !String(file.filename).startsWith('clusters/')), fallback: /^the compare answer leaves out "clusters\/values\.yaml", which the base's tree and the head's tell apart$/ },
    { name: 'a file named that did not change', answer: (files) => [...files, { ...files[0]!, filename: 'clusters/same.yaml', status: 'modified' }], fallback: /^the compare answer names "clusters\/same\.yaml", which the base's tree and the head's hold alike$/ },
    { name: 'a modified file called unchanged', answer: (files) => files.map((file) => (file.filename === 'clusters/values.yaml' ? { ...file, status: 'unchanged' } : file)), fallback: /leaves out "clusters\/values\.yaml"/ }
  ]
  for (const { name, answer, fallback } of cases) {
    it(`reads the whole base instead, as a warning: ${name}`, async () => {
      const repo = new TempRepo()
      const sha = repo.commit({ 'clusters/values.yaml': 'a: 1\n', 'clusters/same.yaml': 's: 1\n' })
      const tip = repo.commit({ 'clusters/values.yaml': 'a: 2\n', ...docs })
      github().repository = repo.dir
      github().compareFiles = answer
      const shallow = repo.shallowCheckout(tip)
      const result = await baseFromApi(client(), { repository: { owner: 'Codertocat', repo: 'Hello-World' }, base: sha, head: tip, top: shallow, root: shallow, fullTree: () => treeFromGit(repo.dir, sha, repo.dir) })
      expect('fallback' in result && result.fallback).toMatch(fallback)
      expect('fallback' in result && result.suspicious).toBe(true)
    })
  }

  it('reads the whole base instead when the base\'s tree cannot be listed', async () => {
    const repo = new TempRepo()
    const sha = repo.commit({ 'clusters/values.yaml': 'a: 1\n' })
    const tip = repo.commit({ 'clusters/values.yaml': 'a: 2\n' })
    github().repository = repo.dir
    github().faults = [{ operationId: 'git/get-tree', status: 404 }]
    const shallow = repo.shallowCheckout(tip)
    const result = await baseFromApi(client(), { repository: { owner: 'Codertocat', repo: 'Hello-World' }, base: sha, head: tip, top: shallow, root: shallow, fullTree: () => treeFromGit(repo.dir, sha, repo.dir) })
    expect('fallback' in result && result.fallback).toMatch(/^the base's tree could not be listed to check the compare answer \(/)
    expect('fallback' in result && result.suspicious).toBeUndefined()
  })
})
