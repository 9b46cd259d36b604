import type { YAMLMap } from 'yaml'
import { requestFor, toolDefault, type DeclareWhat } from '../declare.js'
import { namedMeaning } from '../detectors/named-value.js'
import { dirnameOf, joinPath } from '../paths.js'
import { expand, type Variables } from '../shell/expand.js'
import type { SourceFile } from '../source-file.js'
import { textOf } from '../traced.js'
import { mapAt, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import type { Extraction } from './extractor.js'

const SOURCE = 'action-input'

/** Names the repository's own actions are looked up under (`uses: ./`, `uses: ./actions/setup`), one per action directory. */
function scopeOf(directory: string): string {
  return `action:${directory}`
}

/**
 * `uses: ./` or `uses: ./path` with `with:` inputs (a step's, or a job's calling a reusable workflow
 * `./.github/workflows/e2e.yaml`): each value a workflow gives an input of the repository's own action (a matrix gives one per entry, at the entry's line) is that input's
 * value; what the input means is read from the action's own `action.yml` (localActionInputs).
 */
export function readLocalActionStep(out: Extraction, file: SourceFile, step: YAMLMap, uses: string, variables: Variables): void {
  if (!/^\.\/?/.test(uses) || uses.includes('@') || uses.includes('..')) return
  const directory = joinPath('.', uses.replace(/^\.\/?/, '').replace(/\/$/, '') || '.')
  // Said only when the action turns out to create a vcluster it gives no version (localActionInputs defines CREATES).
  const at = file.locate(step.range?.[0] ?? 0)
  const message = toolDefault(at, `uses: ${uses} (creates a vcluster, no version input)`, 'vcluster', 'give the action a version input (or its template a version)').message
  out.uses?.push({ scope: scopeOf(directory), name: CREATES, request: requestFor(UNVERSIONED_VCLUSTER, SOURCE, directory, 'inferred'), from: at, whenDefined: { message, cause: 'tool-default' } })
  for (const pair of mapAt(step, ['with'])?.items ?? []) {
    const name = stringAt(pair.key, [])?.value
    const value = stringAt(pair.value, [])
    if (name === undefined || !value) continue
    for (const expanded of expand(tracedOf(file, value), variables)) {
      const text = textOf(expanded.value)
      if (text.trim() === '' || text.includes('${{')) continue
      out.values?.push({ scope: scopeOf(directory), name, value: expanded.value, priority: 2 })
    }
  }
}

/** Unpinned spellings of an input's default: the action installs whatever is current. */
const UNPINNED = /^(latest|stable|main|master|edge)$/i

/**
 * An action's inputs whose name, description or action says they hold a kind, kubectl, Kubernetes or
 * vcluster version: a use the workflows of the repository give values to (readLocalActionStep), with
 * the input's default as the value when none does. A default of `latest` is named at its line.
 */
export function localActionInputs(out: Extraction, file: SourceFile, root: YAMLMap): void {
  // A reusable workflow (`jobs.<id>.uses: ./.github/workflows/e2e.yaml`) is known by its path, an action by its directory.
  const called = mapAt(root, ['on', 'workflow_call', 'inputs'])
  if (!root.has('runs') && !called) return
  const inputs = called ?? mapAt(root, ['inputs'])
  const about = [stringIn(root, 'name')?.value ?? '', stringIn(root, 'description')?.value ?? '']
  const directory = called ? file.path : dirnameOf(file.path)
  let versionsVcluster = false
  for (const pair of inputs?.items ?? []) {
    const name = stringAt(pair.key, [])?.value
    if (name === undefined) continue
    const meaning = inputMeaning(name, stringAt(pair.value, ['description'])?.value ?? '', about)
    if (!meaning) continue
    if (meaning.component === 'vcluster') versionsVcluster = true
    const at = file.locate((pair.key as { range?: number[] }).range?.[0] ?? 0)
    out.uses?.push({ scope: scopeOf(directory), name, request: requestFor(meaning, SOURCE, directory, 'inferred'), from: at, ...(meaning.image ? { image: true } : {}) })
    const fallback = stringAt(pair.value, ['default'])
    if (!fallback || fallback.value.trim() === '') continue
    if (UNPINNED.test(fallback.value.trim())) {
      const where = tracedOf(file, fallback)[0]!
      out.diagnostics.push({ ...file.locate(where.offset), message: `input "${name}" (${meaning.what}) defaults to "${fallback.value.trim()}": a run without it installs whatever is current; default to a version`, unresolved: true })
      continue
    }
    // As strong as a caller's value: the default is what the action installs for every caller that gives none, so both count.
    out.values?.push({ scope: scopeOf(directory), name, value: tracedOf(file, fallback), priority: 2 })
  }
  // "Create vCluster Platform vCluster" with no input for the version: each step using it is a vcluster of no known version.
  const named = stringIn(root, 'name')
  if (!called && !versionsVcluster && named && CREATES_VCLUSTER.test(about.join(' '))) out.values?.push({ scope: scopeOf(directory), name: CREATES, value: tracedOf(file, named), priority: 0 })
}

/** The name under which an action that creates a vcluster without a version input is known to the steps using it. */
const CREATES = '(creates a vcluster without a version)'
const CREATES_VCLUSTER = /\bcreat(e|es|ing)\b[^.\n]{0,80}\bv-?cluster\b/i
const UNVERSIONED_VCLUSTER: DeclareWhat = { component: 'vcluster', what: 'vcluster created by the action' }

/** What a description says a version is of ("The version of Knative to install"). */
const SUBJECT = /\b(?:version|release|tag)\s+of\s+(?:the\s+)?([A-Za-z][\w./-]*)/i
/** Subjects that name no tool of their own ("the version of the CLI to install"). */
const GENERIC_SUBJECTS = /^(tool|cli|binary|action|release|package|software|it|this|that)$/i

/** Components an input's words may name, most specific first (`vcluster` before `cluster`, `kubectl` before `kube`). */
const COMPONENT_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\bv-?cluster\b/i, 'vcluster_version'],
  // "on the current kubectl context" says where the action works, not what it installs.
  [/\bkubectl\b(?![\s-]+(context|config))/i, 'kubectl_version'],
  [/\bkind\b(?!\s+of\b)/i, 'kind_version'],
  [/\bk3s\b/i, 'k3s_version'],
  [/\b(kubernetes|k8s)\b/i, 'kubernetes_version']
]

/**
 * What an input holds: by its name (`kubectl-version`), or a `version` input by its description, then by
 * the action's name and description. An input named for another tool (`helm-version`, `sops_version`) is
 * that tool's whatever the action installs beside it: only its own description may say otherwise.
 */
function inputMeaning(name: string, description: string, about: readonly string[]): DeclareWhat | undefined {
  const byName = namedMeaning(name)
  if (byName) return { ...byName, what: `input ${name}` }
  if (/(^|[-_])image$/i.test(name)) return imageMeaning(name, description)
  const suffix = /(^|[-_])(version|tag|release)$/i.exec(name)
  if (!suffix) return undefined
  const ownTool = suffix.index > 0
  // "The version of Hakn to install": the input says whose version it holds, and it is no component's.
  const subject = SUBJECT.exec(description)?.[1]
  if (subject && !GENERIC_SUBJECTS.test(subject) && !COMPONENT_WORDS.some(([pattern]) => pattern.test(subject))) return undefined
  for (const words of ownTool ? [description] : [description, ...about]) {
    const found = COMPONENT_WORDS.find(([pattern]) => pattern.test(words))
    const meaning = found && namedMeaning(found[1])
    if (meaning) return { ...meaning, what: `input ${name}` }
  }
  return undefined
}

/** Cluster images an image input may say it holds (`k3s-image`, "the kindest/node image"); a plain `node-image` may be Node.js. */
const CLUSTER_IMAGE_WORDS: ReadonlyArray<[RegExp, string | undefined]> = [
  [/\bk3s\b/i, 'k3s'],
  [/\bkind(est)?\b/i, 'kind'],
  [/\b(kubernetes|k8s)\b/i, undefined]
]

/** An image input whose name or description says it is a cluster's node image: its tag is the host's Kubernetes version. */
function imageMeaning(name: string, description: string): DeclareWhat | undefined {
  const words = `${name.replace(/[-_]/g, ' ')} ${description}`
  const found = CLUSTER_IMAGE_WORDS.find(([pattern]) => pattern.test(words))
  if (!found) return undefined
  return { component: 'kubernetes', role: 'host', ...(found[1] ? { distro: found[1] } : {}), image: true, what: `input ${name}` }
}
