import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/report.js'
import { chart, runAction, schedulePayload, TempRepo, useGitHubStandIn } from '../github/action-harness.js'
import { REPO_ROOT, runBundle, tempDir } from '../helpers/run-bundle.js'

/** The built CLI and action on the pairing fixtures (issue 19): evidence, unknown versions, --strict, environments:, --target. */
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'pairing')
const DATE = ['--date', '2026-12-07']

function json(args: string[]): { code: number | null; report: Report } {
  const run = runBundle('cli', ['scan', ...args, '--format', 'json', ...DATE])
  return { code: run.code, report: JSON.parse(run.stdout) as Report }
}

const evidenceKinds = (report: Report) => new Set(report.environments.flatMap((e) => e.evidence.map((x) => x.kind)))

describe('dist/cli.js: pairing evidence', () => {
  it.each([
    ['seed-readable-values', 'same-release'],
    ['gitops-unreferenced', 'explicit-reference'],
    ['gitops-unreferenced', 'unpaired'],
    ['several-hosts', 'repository-level'],
    ['examples-siblings', 'release-default']
  ])('%s: the JSON report carries %s evidence', (fixture, kind) => {
    expect(evidenceKinds(json([join(FIXTURES, fixture)]).report).has(kind as never)).toBe(true)
  })

  it('same-subtree and only-candidate: values beside an Application, the repository\'s only host', () => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'gitops-unreferenced', 'apps'), join(root, 'apps'), { recursive: true })
    // The Application names no values of its own here: the values beside it are in its directory.
    writeFileSync(join(root, 'apps/vclusters.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  source:\n    repoURL: https://charts.loft.sh\n    chart: vcluster\n    targetRevision: 0.35.0\n')
    writeFileSync(join(root, 'apps/values.yaml'), 'controlPlane:\n  distro:\n    k8s:\n      image:\n        tag: v1.33.4\n')
    writeFileSync(join(root, 'kind.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:v1.33.1\n')
    const { report } = json([root])
    expect(report.environments[0]!.evidence.map((x) => `${x.slot} ${x.kind} ${x.file}:${x.line}`)).toEqual([
      'vcluster same-release apps/vclusters.yaml:9',
      'virtual same-subtree apps/values.yaml:5',
      'host only-candidate kind.yaml:5'
    ])
  })

  it('text and Markdown say why, with one line per environment', () => {
    const text = runBundle('cli', ['scan', join(FIXTURES, 'gitops-unreferenced'), ...DATE]).stdout
    expect(text).toContain('values from values/prod.yaml:5 (referenced by apps/vclusters.yaml:14)')
    const markdown = runBundle('cli', ['scan', join(FIXTURES, 'several-hosts'), '--format', 'markdown', ...DATE]).stdout
    expect(markdown).toMatch(/\| paired by \|/)
    expect(markdown).toContain('host from hack/kind.yaml:5 \\(repository-level host')
  })
})

describe('dist/cli.js: unknown is not a default', () => {
  it('a templated tenant is unknown in every format, "cannot be decided", and fails only with --strict', () => {
    const root = join(FIXTURES, 'seed-quoted-template')
    const text = runBundle('cli', ['scan', root, ...DATE])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/virtual unknown \(clusters\/dev\/values\.yaml:7\)/)
    expect(text.stdout).toContain('Cannot be decided: the virtual Kubernetes version at clusters/dev/values.yaml:7 cannot be read')
    const { report } = json([root])
    expect(report.summary.unknown).toBe(1)
    expect(report.environments[0]!.unknown).toEqual([expect.objectContaining({ slot: 'virtual', version: 'unknown', file: 'clusters/dev/values.yaml', line: 7 })])
    expect(runBundle('cli', ['scan', root, '--format', 'markdown', ...DATE]).stdout).toContain('**unknown**')
    expect(runBundle('cli', ['scan', root, '--strict', ...DATE]).code).toBe(1)
  })

  it('a `latest` repository-level host: one place with its cause at the top, the tenant cannot be decided, --strict fails', () => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'seed-readable-values'), root, { recursive: true })
    writeFileSync(join(root, 'kind.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:latest\n')
    const text = runBundle('cli', ['scan', root, ...DATE]).stdout.split('\n')
    expect(text.slice(0, 2)).toEqual([
      'A version is used but could not be read, so the gate cannot check it:',
      '  kind.yaml:5  `latest` or no tag — kind node image "kindest/node:latest" is unpinned: pin it to a version (and a digest)'
    ])
    const { report } = json([root])
    expect(report.unknown).toEqual([expect.objectContaining({ file: 'kind.yaml', line: 5, cause: 'latest', slot: 'host' })])
    expect(report.summary.unknown).toBe(1)
    expect(report.findings.some((f) => f.message.startsWith('Cannot be decided: the host Kubernetes version at kind.yaml:5'))).toBe(true)
    expect(runBundle('cli', ['scan', root, '--strict', ...DATE]).code).toBe(1)
  })
})

describe('dist/cli.js: environments: and --target', () => {
  it('a stated pairing in .kube-compat-gate.yml turns the inferred warning into an error', () => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'several-hosts'), root, { recursive: true })
    writeFileSync(join(root, '.kube-compat-gate.yml'), 'environments:\n  - name: dev\n    vcluster: clusters/dev/**\n    host: hack/kind.yaml\n')
    const { code, report } = json([root])
    expect(code).toBe(1)
    const dev = report.environments.find((e) => e.name === 'dev')!
    expect(dev.evidence).toContainEqual(expect.objectContaining({ slot: 'host', kind: 'configuration', file: 'hack/kind.yaml' }))
  })

  it('a bad environments: entry is a configuration error at its line (exit 2, no stack trace)', () => {
    const root = tempDir()
    cpSync(join(FIXTURES, 'several-hosts'), root, { recursive: true })
    writeFileSync(join(root, '.kube-compat-gate.yml'), 'environments:\n  - vcluster: clusters/dev/**\n    hosts: hack/kind.yaml\n')
    const run = runBundle('cli', ['scan', root])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\.kube-compat-gate\.yml:3: .*hosts/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('--target vcluster=0.23.0 plans the fix: the seed error goes', () => {
    const root = join(FIXTURES, 'seed-readable-values')
    expect(runBundle('cli', ['scan', root, ...DATE]).code).toBe(1)
    const planned = json([root, '--target', 'vcluster=0.23.0', '--target', 'kubernetes=1.32'])
    expect(planned.report.findings.some((f) => f.id === 'vcluster-qosclass-immutable-k8s-1.32')).toBe(false)
    expect(planned.report.declarations.filter((d) => d.source === 'what-if').map((d) => `${d.component}${d.role ? `/${d.role}` : ''} ${d.version}`).sort()).toEqual([
      'kubernetes/host 1.32',
      'kubernetes/virtual 1.32',
      'vcluster 0.23.0'
    ])
  })

  it('a malformed --target is a usage error', () => {
    const run = runBundle('cli', ['scan', join(FIXTURES, 'seed-readable-values'), '--target', 'k8s=1.34'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--target "k8s=1.34"')
  })
})

describe('dist/index.js: strict and targets inputs', () => {
  const github = useGitHubStandIn()

  it('strict fails an audit on a version that cannot be read; targets evaluates as if deployed', async () => {
    const repo = new TempRepo()
    const files = chart('0.22.1', '"{{ .Values.tag }}"')
    const sha = repo.commit(files, 'templated tenant')
    const audit = (inputs: Record<string, string>) => runAction({ workspace: repo.dir, eventName: 'schedule', payload: schedulePayload(), apiUrl: github().url, sha, inputs })
    expect((await audit({})).code).toBe(0)
    const strict = await audit({ strict: 'true' })
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/strict: 1 version\(s\) cannot be read/)
    const planned = await audit({ targets: 'virtual=1.32.0' })
    expect(planned.code).toBe(1)
    expect(planned.stdout).toMatch(/^::error title=vcluster below 0\.23/m)
  })
})
