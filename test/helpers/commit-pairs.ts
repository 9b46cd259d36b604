import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import type { GateResult } from '../../src/pipeline.js'

/**
 * Random commit pairs for the property tests of a derived base (test/commits): a repository
 * where every path declares something, and changes to it (added, removed, renamed and edited
 * files, symbolic links, a .gitignore, the configuration).
 */

const chart = (version: string): string =>
  `apiVersion: v2\nname: team\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${version}\n    repository: https://charts.loft.sh\n`
const values = (tag: string): string =>
  `vcluster:\n  controlPlane:\n    distro:\n      k3s:\n        enabled: true\n        image:\n          repository: rancher/k3s\n          tag: ${tag}\n`
const kind = (tag: string): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:${tag}\n`
const workflow = (tag: string): string =>
  `on: pull_request\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: helm/kind-action@v1\n        with:\n          node_image: kindest/node:${tag}\n`

export const CONTENTS = [
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
export const PATHS = [
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

export type Operation =
  | { kind: 'write'; path: string; content: string }
  | { kind: 'remove'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'gitignore'; pattern: string }
  | { kind: 'config'; text: string }
  | { kind: 'comment'; path: string; at: 'start' | 'end' }

const path = fc.constantFrom(...PATHS)
export const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('write' as const), path, content: fc.constantFrom(...CONTENTS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), path }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: path, to: path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('symlink' as const), path: fc.constantFrom('linked/values.yaml', 'linked/kind.yaml'), target: path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gitignore' as const), pattern: fc.constantFrom('build/', 'docs/', '*.md', 'hack/') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('config' as const), text: fc.constantFrom('exclude:\n  - docs/\n', 'exclude:\n  - hack/\n') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), path, at: fc.constantFrom('start' as const, 'end' as const) }) }
)
/**
 * A comment line added to files: at the end it leaves every declaration where it was (the base
 * then gives resolve and evaluation what the head gives, and its findings are the head's), at
 * the start it moves them all down a line.
 */
export const comment: fc.Arbitrary<Operation> = fc.record({ kind: fc.constant('comment' as const), path, at: fc.constantFrom('start' as const, 'end' as const) })
/** The head's side of a change: any operations, or (as often) comment lines only. */
export const headChange: fc.Arbitrary<Operation[]> = fc.oneof(fc.array(operation, { minLength: 1, maxLength: 5 }), fc.array(comment, { minLength: 1, maxLength: 3 }))
/** A repository where every path declares something, so that most changes change what is declared. */
export const populated: fc.Arbitrary<Operation[]> = fc.tuple(...PATHS.map(() => fc.constantFrom(...CONTENTS.slice(0, 8)))).map((contents) =>
  contents.map((content, index) => ({ kind: 'write' as const, path: PATHS[index]!, content }))
)
/** How the head's side of the change is left: committed, staged, or in the work tree only. */
export const leftAs = fc.constantFrom('committed' as const, 'uncommitted' as const)

export function apply(dir: string, operations: readonly Operation[]): void {
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
      case 'comment': {
        let text = ''
        try {
          text = readFileSync(at(op.path), 'utf8')
        } catch {
          mkdirSync(dirname(at(op.path)), { recursive: true })
        }
        writeFileSync(at(op.path), op.at === 'start' ? `# edited\n${text}` : `${text}# edited\n`)
        break
      }
    }
  }
}

/** Everything a user sees of a run with a base: the JSON report and the changed lines. */
export function observable(result: GateResult): unknown {
  return { report: JSON.stringify(result.report), changedLines: [...result.changedLines].map(([file, lines]) => [file, [...lines].sort()]) }
}
