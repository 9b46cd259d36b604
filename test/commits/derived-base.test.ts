import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveBase } from '../../src/commits/derived-base.js'
import { treeFromGit } from '../../src/commits/git-tree.js'
import { runGate, type GateOptions, type GateResult } from '../../src/pipeline.js'
import { DEFAULT_MAX_FILE_BYTES, scanRepository, scanTree } from '../../src/scan/scan.js'
import { TempRepo } from '../github/action-harness.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/**
 * The base derived from the head's scan and git objects must give the reports that scanning
 * the whole base commit written to disk gives, byte for byte, whatever the change: added,
 * removed, renamed and edited files, symbolic links, a changed .gitignore or configuration,
 * uncommitted and untracked files.
 */

const chart = (version: string): string =>
  `apiVersion: v2\nname: team\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${version}\n    repository: https://charts.loft.sh\n`
const values = (tag: string): string =>
  `vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          repository: rancher/k3s\n          tag: ${tag}\n`
const kind = (tag: string): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:${tag}\n`
const workflow = (tag: string): string =>
  `on: pull_request\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: helm/kind-action@v1\n        with:\n          node_image: kindest/node:${tag}\n`

const CONTENTS = [
  chart('0.22.1'),
  chart('0.23.0'),
  chart('0.20.0'),
  values('v1.32.0-k3s1'),
  values('v1.31.1-k3s1'),
  kind('v1.31.4'),
  kind('v1.34.0'),
  workflow('v1.30.0'),
  'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: x\n',
  'broken: [yaml\n',
  '# notes\nnothing here\n',
  ''
]
const PATHS = [
  'clusters/dev/Chart.yaml',
  'clusters/dev/values.yaml',
  'clusters/prod/Chart.yaml',
  'clusters/prod/values.yaml',
  'hack/kind.yaml',
  '.github/workflows/e2e.yaml',
  'apps/psp.yaml',
  'docs/notes.md',
  'build/out.yaml'
]

type Operation =
  | { kind: 'write'; path: string; content: string }
  | { kind: 'remove'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'gitignore'; pattern: string }
  | { kind: 'config'; text: string }

const path = fc.constantFrom(...PATHS)
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('write' as const), path, content: fc.constantFrom(...CONTENTS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), path }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: path, to: path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('symlink' as const), path: fc.constantFrom('linked/values.yaml', 'linked/kind.yaml'), target: path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gitignore' as const), pattern: fc.constantFrom('build/', 'docs/', '*.md', 'hack/') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('config' as const), text: fc.constantFrom('exclude:\n  - docs/\n', 'exclude:\n  - hack/\n') }) }
)
/** A repository where every path declares something, so that most changes change what is declared. */
const populated: fc.Arbitrary<Operation[]> = fc.tuple(...PATHS.map(() => fc.constantFrom(...CONTENTS.slice(0, 8)))).map((contents) =>
  contents.map((content, index) => ({ kind: 'write' as const, path: PATHS[index]!, content }))
)
/** How the head's side of the change is left: committed, staged, or in the work tree only. */
const leftAs = fc.constantFrom('committed' as const, 'uncommitted' as const)

function apply(dir: string, operations: readonly Operation[]): void {
  for (const op of operations) {
    const at = (relative: string): string => join(dir, ...relative.split('/'))
    switch (op.kind) {
      case 'write':
        rmSync(at(op.path), { force: true })
        mkdirSync(dirname(at(op.path)), { recursive: true })
        writeFileSync(at(op.path), op.content)
        break
      case 'remove':
        rmSync(at(op.path), { force: true })
        break
      case 'rename':
        try {
          const text = readFileSync(at(op.from), 'utf8')
          rmSync(at(op.from), { force: true })
          rmSync(at(op.to), { force: true })
          mkdirSync(dirname(at(op.to)), { recursive: true })
          writeFileSync(at(op.to), text)
        } catch {
          // nothing to rename
        }
        break
      case 'symlink':
        rmSync(at(op.path), { force: true })
        mkdirSync(dirname(at(op.path)), { recursive: true })
        symlinkSync(join('..', ...op.target.split('/')), at(op.path))
        break
      case 'gitignore':
        writeFileSync(at('.gitignore'), `${op.pattern}\n`)
        break
      case 'config':
        writeFileSync(at('.kube-compat-gate.yml'), op.text)
        break
    }
  }
}

/** Everything a user sees of a run with a base: the JSON report and the changed lines. */
function observable(result: GateResult): unknown {
  return { report: JSON.stringify(result.report), changedLines: [...result.changedLines].map(([file, lines]) => [file, [...lines].sort()]) }
}

describe('the base derived from the head scan and git objects', () => {
  it('gives the reports a full scan of the base commit gives (property, random commit pairs)', async () => {
    let derived = 0
    let runs = 0
    await fc.assert(
      fc.asyncProperty(populated, fc.array(operation, { maxLength: 3 }), fc.array(operation, { minLength: 1, maxLength: 5 }), leftAs, async (start, baseOps, headOps, left) => {
        runs++
        const repo = new TempRepo()
        apply(repo.dir, [...start, ...baseOps])
        writeFileSync(join(repo.dir, 'keep.txt'), 'x\n')
        repo.git('add', '-A')
        repo.git('commit', '-q', '-m', 'base')
        const sha = repo.git('rev-parse', 'HEAD').trim()
        apply(repo.dir, headOps)
        if (left === 'committed') {
          repo.git('add', '-A')
          repo.git('commit', '-q', '--allow-empty', '-m', 'head')
        }
        const options: GateOptions = { root: repo.dir, failOn: 'error', date: '2026-12-01' }
        const written = await treeFromGit(repo.dir, sha, repo.dir)
        try {
          // The base's scan itself (declarations, diagnostics, usages, files counted), not only what the diff shows of it.
          const derivedBase = await deriveBase(repo.dir, await scanTree(repo.dir), { top: repo.dir, sha }, DEFAULT_MAX_FILE_BYTES)
          if ('source' in derivedBase) {
            const fullScan = await scanRepository(written.root)
            expect(await scanRepository(repo.dir, { source: derivedBase.source })).toEqual(fullScan)
          }
          const full = await runGate({ ...options, baseRoot: written.root })
          const logs: string[] = []
          const fromGit = await runGate({ ...options, baseCommit: { top: repo.dir, sha }, log: (message) => logs.push(message) })
          if (logs.some((line) => line.includes('derived'))) derived++
          expect(observable(fromGit)).toEqual(observable(full))
        } finally {
          await written.dispose()
          rmSync(repo.dir, { recursive: true, force: true })
        }
      }),
      fuzzParameters(20)
    )
    // Most random changes touch no ignore rules or links: the property must mostly test the derived path.
    expect(derived).toBeGreaterThan(runs / 3)
  }, 240_000)
})
