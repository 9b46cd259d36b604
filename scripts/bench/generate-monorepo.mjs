#!/usr/bin/env node
/**
 * Writes a deterministic synthetic platform monorepo for the benchmark:
 *
 *   node scripts/bench/generate-monorepo.mjs --out DIR [--files 20000] [--seed kube-compat-gate]
 *
 * `--files` counts the files a scanner must look at (everything that .gitignore and the
 * always-skipped folders do not hide); the hidden files (node_modules/, vendor/, build
 * output, logs) come on top. The same flags give a byte-identical tree on any machine.
 * A summary (counts, bytes, how many files should hit the seed incident) is printed as JSON
 * and kept in DIR/.bench-tree.json, which the tree's .gitignore hides.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { serviceChart, vclusterChart } from './generate/charts.mjs'
import {
  hiddenIncidentChart,
  nestedGitignore,
  nestedIgnoredFiles,
  nodeModulesFile,
  otherIgnoredFile,
  ROOT_GITIGNORE
} from './generate/ignored.mjs'
import { kindConfigFile } from './generate/kind-configs.mjs'
import { largeYamlFile } from './generate/large-yaml.mjs'
import { createLayout, PathRegistry } from './generate/layout.mjs'
import { manifestFile } from './generate/manifests.mjs'
import { otherFile } from './generate/other-files.mjs'
import { sourceFile } from './generate/source.mjs'
import { terraformFile } from './generate/terraform.mjs'
import { vclusterAppFile } from './generate/vcluster-apps.mjs'
import { workflowFile } from './generate/workflows.mjs'
import { createRandom } from './lib/prng.mjs'

/** Bump when the generated tree changes, so reused trees from an older generator are rejected. */
export const GENERATOR_VERSION = 1
export const DEFAULT_FILES = 20_000
export const DEFAULT_SEED = 'kube-compat-gate'
export const MARKER_FILE = '.bench-tree.json'
const MIN_FILES = 100

/**
 * How many tracked files of each kind, from the mix: ~60% source, ~25% manifests,
 * ~1.5% Argo CD/Flux vcluster apps, then charts, kind configs, Terraform, workflows, a few
 * 1 MB YAML files; "other" (docs, build files) takes up the rest so the total is exact.
 */
export function planTree(files) {
  const share = (fraction, minimum = 0) => Math.max(minimum, Math.round(files * fraction))
  const plan = {
    source: share(0.6),
    manifests: share(0.25),
    vclusterApps: share(0.015, 1),
    vclusterCharts: share(0.0025, 1), // two files each
    serviceCharts: share(0.003), // five files each
    kindConfigs: share(0.004, 1),
    terraform: share(0.02, 1),
    workflows: share(0.004, 1),
    largeYaml: share(0.00015, 1),
    nestedGitignores: share(0.0005, 1) // two files each (.gitignore + a negated file)
  }
  const fixed =
    1 + // the root .gitignore
    plan.source +
    plan.manifests +
    plan.vclusterApps +
    plan.vclusterCharts * 2 +
    plan.serviceCharts * 5 +
    plan.kindConfigs +
    plan.terraform +
    plan.workflows +
    plan.largeYaml +
    plan.nestedGitignores * 2
  return { ...plan, other: files - fixed }
}

/** Every file of the tree, tracked first, in a fixed order. */
export function* treeEntries({ files, seed }) {
  if (!Number.isInteger(files) || files < MIN_FILES) throw new Error(`--files must be an integer of at least ${MIN_FILES}`)
  const plan = planTree(files)
  const { services } = createLayout(files)
  const registry = new PathRegistry()
  const rng = (category, index) => createRandom(seed, category, index)
  const serviceFor = (random) => random.pick(services)
  const tracked = (category, entry) => ({ ...entry, path: registry.claim(entry.path), category, tracked: true })

  yield tracked('gitignore', { path: '.gitignore', content: ROOT_GITIGNORE })
  for (let i = 0; i < plan.nestedGitignores; i++) {
    for (const entry of nestedGitignore(services[i % services.length])) yield tracked('gitignore', entry)
  }
  for (let i = 0; i < plan.source; i++) {
    const random = rng('source', i)
    yield tracked('source', sourceFile(random, serviceFor(random)))
  }
  for (let i = 0; i < plan.manifests; i++) {
    const random = rng('manifest', i)
    yield tracked('manifest', manifestFile(random, serviceFor(random)))
  }
  for (let i = 0; i < plan.vclusterApps; i++) {
    const random = rng('vcluster-app', i)
    yield tracked('vcluster-app', vclusterAppFile(random, i, serviceFor(random)))
  }
  for (let i = 0; i < plan.vclusterCharts; i++) {
    const random = rng('vcluster-chart', i)
    for (const entry of vclusterChart(random, i, serviceFor(random), registry)) yield tracked('vcluster-chart', entry)
  }
  for (let i = 0; i < plan.serviceCharts; i++) {
    const random = rng('service-chart', i)
    for (const entry of serviceChart(random, serviceFor(random), registry)) yield tracked('service-chart', entry)
  }
  for (let i = 0; i < plan.kindConfigs; i++) {
    const random = rng('kind', i)
    yield tracked('kind-config', kindConfigFile(random, serviceFor(random)))
  }
  for (let i = 0; i < plan.terraform; i++) yield tracked('terraform', terraformFile(rng('terraform', i), i))
  for (let i = 0; i < plan.workflows; i++) {
    const random = rng('workflow', i)
    yield tracked('workflow', workflowFile(random, serviceFor(random)))
  }
  for (let i = 0; i < plan.largeYaml; i++) yield tracked('large-yaml', largeYamlFile(rng('large', i), i))
  for (let i = 0; i < plan.other; i++) {
    const random = rng('other', i)
    yield tracked('other', otherFile(random, serviceFor(random)))
  }

  // Hidden files: about a quarter of N again, most of it node_modules/ as in any JS monorepo.
  const hidden = (category, entry) => ({ ...entry, path: registry.claim(entry.path), category, tracked: false })
  const nodeModules = Math.round(files * 0.2)
  const apps = services.filter((service) => service.root.startsWith('apps/'))
  for (let i = 0; i < nodeModules; i++) {
    const random = rng('node_modules', i)
    // Most packages sit in the root node_modules/; workspaces keep a few of their own.
    const prefix = i % 10 === 9 && apps.length > 0 ? `${apps[i % apps.length].root}/` : ''
    yield hidden('node_modules', nodeModulesFile(random, i, prefix))
  }
  for (const entry of hiddenIncidentChart(rng('hidden-chart', 0), 'node_modules/@platform/vcluster-chart')) yield hidden('node_modules', entry)
  for (let i = 0; i < plan.nestedGitignores; i++) {
    for (const entry of nestedIgnoredFiles(rng('nested-ignored', i), services[i % services.length])) yield hidden('ignored', entry)
  }
  for (let i = 0; i < Math.round(files * 0.04); i++) {
    const random = rng('ignored', i)
    yield hidden('ignored', otherIgnoredFile(random, i, serviceFor(random)))
  }
}

/** Writes the tree into an empty (or missing) directory and returns its summary. */
export function generateMonorepo({ out, files = DEFAULT_FILES, seed = DEFAULT_SEED }) {
  const root = resolve(out)
  mkdirSync(root, { recursive: true })
  if (readdirSync(root).length > 0) throw new Error(`${root} is not empty; the tree is only reproducible in an empty directory`)
  const summary = { generator: GENERATOR_VERSION, files, seed, trackedFiles: 0, hiddenFiles: 0, trackedBytes: 0, hiddenBytes: 0, categories: {}, seedIncidentFiles: [] }
  const made = new Set()
  for (const entry of treeEntries({ files, seed })) {
    const absolute = join(root, entry.path)
    const folder = dirname(absolute)
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true })
      made.add(folder)
    }
    writeFileSync(absolute, entry.content)
    const bytes = Buffer.byteLength(entry.content)
    if (entry.tracked) {
      summary.trackedFiles++
      summary.trackedBytes += bytes
      summary.categories[entry.category] = (summary.categories[entry.category] ?? 0) + 1
      if (entry.incident) summary.seedIncidentFiles.push(entry.path)
    } else {
      summary.hiddenFiles++
      summary.hiddenBytes += bytes
    }
  }
  if (summary.trackedFiles !== files) throw new Error(`internal: planned ${files} tracked files, wrote ${summary.trackedFiles}`)
  writeFileSync(join(root, MARKER_FILE), JSON.stringify(summary, null, 2) + '\n')
  return summary
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      files: { type: 'string', default: String(DEFAULT_FILES) },
      seed: { type: 'string', default: DEFAULT_SEED },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help || !values.out) {
    process.stdout.write('usage: generate-monorepo.mjs --out DIR [--files N] [--seed S]\n')
    process.exitCode = values.help ? 0 : 2
    return
  }
  const summary = generateMonorepo({ out: values.out, files: Number(values.files), seed: values.seed })
  const { seedIncidentFiles, ...rest } = summary
  process.stdout.write(JSON.stringify({ ...rest, seedIncidentFiles: seedIncidentFiles.length }, null, 2) + '\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main()
  } catch (error) {
    process.stderr.write(`generate-monorepo: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  }
}
