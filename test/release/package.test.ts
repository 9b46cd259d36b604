import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { subset } from 'semver'
import { parse } from 'yaml'
import pkg from '../../package.json' with { type: 'json' }
import lock from '../../package-lock.json' with { type: 'json' }

const ROOT = join(import.meta.dirname, '..', '..')
const DIST = join(ROOT, 'dist')

describe('the npm package', () => {
  it('is publishable, with the CLI as its bin and only the bundles in it', () => {
    expect(pkg).not.toHaveProperty('private')
    expect(pkg.bin).toEqual({ 'kube-compat-gate': 'dist/cli.js' })
    expect(readFileSync(join(ROOT, pkg.bin['kube-compat-gate']), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/)
    expect(pkg.files).toEqual(['dist/', 'CHANGELOG.md'])
  })

  it('installs nothing else: every dependency is bundled into dist/', () => {
    // A dependency listed here would be installed by every `npx kube-compat-gate` for nothing.
    expect(pkg).not.toHaveProperty('dependencies')
  })

  it('declares only Node versions that every locked package supports (npm ci warns otherwise)', () => {
    const ours = pkg.engines.node
    const narrower = Object.entries(lock.packages as Record<string, { version?: string; optional?: boolean; engines?: { node?: string } }>)
      .filter(([path, entry]) => path !== '' && !entry.optional && entry.engines?.node !== undefined)
      .filter(([, entry]) => !subset(ours, entry.engines!.node!))
      .map(([path, entry]) => `${path}@${entry.version} needs node ${entry.engines!.node}`)
    expect(narrower).toEqual([])
  })
})

describe('the pre-commit hook', () => {
  it('runs the package bin once per commit on the whole repository, installed with the system Node', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; pass_filenames: boolean }[]
    expect(hooks).toEqual([expect.objectContaining({ id: 'kube-compat-gate', entry: 'kube-compat-gate scan', language: 'node', pass_filenames: false })])
    expect(Object.keys(pkg.bin)).toContain(hooks[0]!.entry.split(' ')[0])
  })
})

/** A third of the 50 MB that three separate ncc bundles took, each with its own copy of the Kubernetes client. */
const DIST_LIMIT_BYTES = 16 * 1024 * 1024

describe('dist/', () => {
  const files = (readdirSync(DIST, { recursive: true }) as string[]).filter((name) => statSync(join(DIST, name)).isFile())

  it(`stays under ${DIST_LIMIT_BYTES / 1024 / 1024} MiB`, () => {
    const bytes = files.reduce((sum, name) => sum + statSync(join(DIST, name)).size, 0)
    expect(bytes).toBeLessThanOrEqual(DIST_LIMIT_BYTES)
  })

  it('has the entries action.yml and the package name, and no source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['index.js', 'post.js', 'cli.js']))
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([])
  })
})
