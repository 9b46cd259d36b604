import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Extraction, Extractor } from '../../src/scan/extractors/extractor.js'
import { EXTRACTORS } from '../../src/scan/extractors/index.js'
import { SourceFile } from '../../src/scan/source-file.js'
import { fuzzParameters } from '../helpers/fuzz.js'
import { readChartArchive } from '../../src/scan/chart-archive.js'
import { REPO_ROOT, tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * Every extractor in the registry gets random text and mutations of the real files under
 * test/fixtures and examples/. Whatever it gets, it must return (never throw) and place every
 * declaration, usage and diagnostic at a real line and column of the file it was given.
 * `npm run fuzz` runs it longer with a new seed; a failure prints the seed that replays it.
 */

/** Paths of every source kind; each extractor must accept at least one (a new kind adds its path here). */
const PATHS = [
  'values.yaml',
  'clusters/dev/vcluster.yaml',
  'charts/tenant/Chart.yaml',
  'charts/tenant/charts/vcluster-0.22.1.tgz',
  'hack/kind.yaml',
  '.github/workflows/e2e.yml',
  'actions/setup/action.yaml',
  'infra/main.tf',
  'infra/prod.tfvars',
  'infra/prod.tfvars.example',
  'templates/variables.tf.tpl',
  'hack/up.sh',
  'Makefile',
  'Dockerfile',
  '.tool-versions',
  'mise.toml',
  'devbox.json',
  'docker-compose.yml',
  'kustomization.yaml',
  'helmfile.yaml',
  'fleet.yaml',
  'package.json',
  '.github/kind_versions.json',
  'ci/k8s-versions.yaml',
  '.gitlab-ci.yml',
  'Jenkinsfile'
]

/** Real files, so mutations start from text each reader understands. */
function seedFiles(): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = join(dir, entry.name)
      if (entry.isDirectory()) walk(absolute)
      else if (entry.name !== 'expected.json') files.push({ path: relative(REPO_ROOT, absolute), text: readFileSync(absolute, 'utf8') })
    }
  }
  walk(join(REPO_ROOT, 'test', 'fixtures', 'repos'))
  walk(join(REPO_ROOT, 'examples'))
  return files
}

/** Pieces that YAML, HCL, shell and the version reader give meaning to. */
const TOKENS = [
  '\n', '\r\n', '\t', ' ', '  ', '- ', ': ', ':', '#', '---\n', '...\n', '|', '|-\n', '>', '{', '}', '[', ']', ',', '"', "'", '`', '\\',
  '&a ', '*a', '<<: *a\n', '!!str ', '? ', '%YAML 1.2\n', '${', '${{ ', ' }}', '{{ ', '}}', '$(', ')', '(', '<<EOF\n', '<<-EOT\n', 'EOF\n', 'EOT\n',
  '/*', '*/', '//', '=', ';', '&&', '|| ', '&', 'var.x', 'local.y', 'controlPlane', 'distro', 'k3s', 'enabled: true', 'image', 'tag',
  'version', 'chart', 'vcluster', 'kind', 'kindest/node:', 'rancher/k3s:', 'v1.32.0-k3s1', '0.22.1', 'v1.31.2', '1.32', '>=0.20.0-0',
  '99999999999999999999', 'latest', 'kind create cluster --image ', 'helm upgrade --install vc vcluster --version ', '--set ', '-f ',
  'apt-get install -y kubectl', 'kubectl=1.30.*', 'apt-get install -y kubeadm=1.30.2-1.1 kubelet', 'setup-envtest use ', '1.30.x!', 'TOOLS=(', '"kubectl=1.31.0"', '[kind]=0.24.0', '${K0S_FROM:-"v1.21.6+k0s.0"}', 'kubectl-1.30.2', 'clusterctl generate cluster x --infrastructure vcluster ', 'CHART_VERSION=',
  'kind create cluster --config kind.yaml', '"packages": {', '"kind": "latest"', '"kubectl@1.30.2"', 'uses: tale/kubectl-action@v1',
  'resource "helm_release" "v" {', 'resource "digitalocean_kubernetes_cluster" "c" {', 'kubernetes_version = ', 'uses: helm/kind-action@v1', 'matrix', 'apiVersion: v1\n', 'kind: Application\n',
  'uses: ./setup-kind\n', 'with:\n', 'k8s-version: ', '1.31.x', 'inputs:\n', 'runs:\n', 'default: ', 'description: The version of Hakn\n', 'k3s-image: ',
  'name: Create a vCluster\n', 'uses: loft-sh/create-vcluster@v1', 'k0s_from: [v1.21.6+k0s.0]', 'v1.30.2+k3s1', 'minikube start', 'uses: medyagh/setup-minikube@v0.0.18',
  '\u0000', '\uFFFD', '\uFEFF', '\u2028', '\u202E', '😀', 'é', '__proto__', 'constructor', 'toString'
]
const token = fc.constantFrom(...TOKENS)
const tokenText = fc.array(token, { maxLength: 60 }).map((parts) => parts.join(''))

type Mutation = (text: string) => string
/** Edits a person or a broken tool makes: cut, repeat, insert, re-indent, truncate, break lines. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1)
    return text.slice(0, start) + text.slice(start + length)
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1)
    return text.slice(0, start + length) + text.slice(start, start + length) + text.slice(start + length)
  }),
  fc.tuple(fc.nat(), tokenText).map(([at, inserted]): Mutation => (text) => {
    const start = at % (text.length + 1)
    return text.slice(0, start) + inserted + text.slice(start)
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]): Mutation => (text) => {
    const lines = text.split('\n')
    const i = at % lines.length
    lines[i] = shift >= 0 ? ' '.repeat(shift) + lines[i]! : lines[i]!.replace(new RegExp(`^ {0,${-shift}}`), '')
    return lines.join('\n')
  }),
  fc.nat().map((at): Mutation => (text) => text.slice(0, at % (text.length + 1))),
  fc.constant<Mutation>((text) => text.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((text) => text.replace(/\n/g, '\r'))
)

function mutatedSeeds(seeds: ReadonlyArray<{ path: string; text: string }>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([seed, mutations]) => mutations.reduce((text, mutate) => mutate(text), seed.text))
}

/** A location must name the file and point at a character of it (or just past a line's end). */
function expectInside(what: string, text: string, path: string, location: { file: string; line?: number; column?: number }): void {
  expect(location.file, what).toBe(path)
  if (location.line === undefined) return
  const lines = text.split('\n')
  expect(location.line, what).toBeGreaterThanOrEqual(1)
  expect(location.line, what).toBeLessThanOrEqual(lines.length)
  if (location.column === undefined) return
  expect(location.column, what).toBeGreaterThanOrEqual(1)
  expect(location.column, what).toBeLessThanOrEqual(lines[location.line - 1]!.length + 1)
}

function expectWellPlaced(extraction: Extraction, text: string, path: string): void {
  for (const d of extraction.declarations) {
    expectInside(`declaration ${d.component} ${d.version}`, text, path, d)
    expect(d.version.length).toBeGreaterThan(0)
  }
  for (const usage of extraction.usages ?? []) expectInside(`usage ${usage.feature}`, text, path, usage)
  for (const diagnostic of extraction.diagnostics) {
    expectInside(`diagnostic "${diagnostic.message}"`, text, path, diagnostic)
    expect(diagnostic.message.length).toBeGreaterThan(0)
  }
}

const seeds = seedFiles()
const pathsOf = (extractor: Extractor): string[] => PATHS.filter((path) => extractor.accepts(path))

describe('every extractor on random and mutated text (fuzz)', () => {
  it('has a path of its kind to be fed, and real files to start mutating from', () => {
    expect(EXTRACTORS.filter((extractor) => pathsOf(extractor).length === 0).map((extractor) => extractor.id)).toEqual([])
    expect(seeds.length).toBeGreaterThan(50)
  })

  it.each(EXTRACTORS.map((extractor) => [extractor.id, extractor] as const))('%s never throws and places everything inside the file', (_id, extractor) => {
    const paths = pathsOf(extractor)
    const ownSeeds = seeds.filter((seed) => extractor.accepts(seed.path))
    const text = fc.oneof(
      { weight: 4, arbitrary: mutatedSeeds(ownSeeds.length > 0 ? ownSeeds : seeds) },
      { weight: 1, arbitrary: mutatedSeeds(seeds) },
      { weight: 2, arbitrary: tokenText },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) }
    )
    fc.assert(
      fc.property(text, fc.constantFrom(...paths), (input, path) => {
        // Straight to extract, past the cheap pre-filter, so every reader sees every input.
        expectWellPlaced(extractor.extract(new SourceFile(path, input)), input, path)
      }),
      fuzzParameters(150)
    )
  })
})

describe('chart archives on random and mutated bytes (fuzz)', () => {
  it('readChartArchive never throws, and puts whatever it says at the archive itself', async () => {
    const packed = tempDir('kcg-fuzz-chart-')
    writeTree(packed, { 'vcluster/Chart.yaml': 'apiVersion: v2\nname: vcluster\nversion: 0.22.1\ndependencies:\n  - name: x\n    alias: y\n    repository: file://../x\n' })
    const tar = execFileSync('tar', ['cf', '-', '-C', packed, 'vcluster'])
    const path = 'charts/app/charts/vcluster-0.22.1.tgz'
    const bytes = fc.oneof(
      // Flipped bytes in the tar before gzip (the header checksums and sizes), and in the gzip stream itself.
      fc.array(fc.tuple(fc.nat(tar.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }).map((flips) => {
        const copy = Buffer.from(tar)
        for (const [at, value] of flips) copy[at] = value
        return gzipSync(copy)
      }),
      fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }).map((flips) => {
        const copy = gzipSync(tar)
        for (const [at, value] of flips) copy[at % copy.length] = value
        return copy
      }),
      fc.uint8Array({ maxLength: 600 }).map((random) => Buffer.from(random))
    )
    fc.assert(
      fc.property(bytes, (input) => {
        const extraction = readChartArchive(path, input)
        for (const place of [...extraction.diagnostics, ...(extraction.unknowns ?? []), ...(extraction.charts ?? []).flatMap((chart) => [...(chart.version ? [chart.version] : []), ...chart.dependencies.map((d) => d.from)])]) {
          expect(place).toMatchObject({ file: path, line: 1, column: 1 })
        }
        for (const chart of extraction.charts ?? []) expect(chart.dependencies.every((d) => d.local === undefined)).toBe(true)
      }),
      fuzzParameters(300)
    )
  })
})
