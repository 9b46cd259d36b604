import type { Component } from '../../model.js'
import { declareAs, declareVersion, requestFor, toolDefault, type DeclareWhat } from '../declare.js'
import type { Extraction } from '../extractors/extractor.js'
import { readValuesKey } from '../extractors/vcluster-values.js'
import { isLiteralPath, joinPath } from '../paths.js'
import { sliceTraced, textOf, type Traced } from '../traced.js'
import { vclusterChartDistro } from '../vcluster-config.js'
import { addVariable, expand, type Variables } from './expand.js'
import type { Word } from './words.js'

/** Where commands are read and what they are read into. */
export interface CommandScope {
  out: Extraction
  /** The group of what these commands deploy (a script, a workflow job). */
  group: string
  source: string
  /** Directories a relative `-f values.yaml` is tried against, in order. */
  directories: readonly string[]
  variables: Variables
}

const ASSIGNMENT = /^([A-Za-z_]\w*)(?:\?|:|::|\+)?=/
const MAKE_OPERATOR = /^(?:\?|:|::|\+)?=$/
const MAKE_NAME = /^[A-Za-z_][\w.-]*$/
const MAKE_PREFIXES = new Set(['export', 'override'])
/** Words before a command or an assignment: `sudo`, `export`, `declare -r`, a Dockerfile `RUN` (its `--mount=` flags are skipped with it). */
const PREFIXES = new Set(['sudo', 'env', 'time', 'exec', 'command', 'nohup', 'export', 'local', 'readonly', 'declare', 'typeset', 'RUN'])

/** Where the words after the prefixes and their options start (`declare -rx NAME=v`, `RUN --mount=type=cache NAME=v`). */
function afterPrefixes(words: readonly Word[]): number {
  let i = 0
  while (i < words.length && (PREFIXES.has(words[i]!.text) || (i > 0 && isOption(words[i]!.text)))) i++
  return i
}

function isOption(text: string): boolean {
  return /^--?[A-Za-z]/.test(text)
}

/**
 * Records the variables a file assigns: `NAME=value` (shell), `NAME ?= value` (Make),
 * `ARG NAME=value` and `ENV NAME value` (Dockerfile).
 */
export function collectAssignments(commands: readonly Word[][], variables: Variables): void {
  eachAssignment(commands, (name, value) => addVariable(variables, name, { value }))
}

/** Every assignment of the commands in order, repeats included (`X=1 cmd` in two recipes is two places). */
export function eachAssignment(commands: readonly Word[][], add: (name: string, value: Traced) => void): void {
  for (const words of commands) {
    if (!words[0]) continue
    // Make: `NAME ?= value`, also `export NAME ?= value` and `override NAME := value`; a Make name may hold dots (`NODE_VERSION_v1.33`).
    const make = MAKE_PREFIXES.has(words[0].text) && words[2] && MAKE_OPERATOR.test(words[2].text) ? 1 : 0
    const first = words[make]!
    const second = words[make + 1]
    const third = words[make + 2]
    if (second && MAKE_OPERATOR.test(second.text) && MAKE_NAME.test(first.text)) {
      add(first.text, third?.value ?? [])
      continue
    }
    const dockerfile = /^(ARG|ENV)$/i.test(first.text)
    if (dockerfile && second && third && !second.text.includes('=')) {
      add(second.text, third.value)
      continue
    }
    for (const word of words.slice(dockerfile ? 1 : afterPrefixes(words))) {
      const assignment = ASSIGNMENT.exec(word.text)
      if (!assignment) break
      const name = assignment[1]!
      add(name, sliceTraced(word.value, assignment[0].length, word.text.length))
    }
  }
}

/** Reads every command that declares a version (see docs/architecture.md "Where versions are read from"). */
export function readCommands(commands: readonly Word[][], scope: CommandScope): void {
  for (const words of commands) {
    for (const word of words) readUrls(word, scope)
    let start = 0
    let afterPrefix = false
    while (start < words.length) {
      const word = words[start]!
      const assignment = ASSIGNMENT.exec(word.text)
      if (assignment) {
        if (assignment[1] === 'INSTALL_K3S_VERSION') {
          declareEach(scope, sliceTraced(word.value, assignment[0].length, word.text.length), hostK3s)
        }
      } else if (!PREFIXES.has(word.text) && !(afterPrefix && isOption(word.text))) break
      afterPrefix = !assignment
      start++
    }
    const program = programOf(words[start], scope.variables)
    const args = words.slice(start + 1)
    if (program === undefined) continue
    // Own keys only: a command named `__proto__` or `constructor` must not reach Object.prototype.
    const handler = Object.hasOwn(PROGRAMS, program) ? PROGRAMS[program] : undefined
    if (handler) handler(args, scope)
  }
}

type Handler = (args: Word[], scope: CommandScope) => void

const PROGRAMS: Record<string, Handler> = {
  kind(args, scope) {
    if (!hasWords(args, 'create', 'cluster')) return
    const images = flagValues(args, ['--image'])
    for (const image of images) {
      declareEach(scope, image.value, { component: 'kubernetes', role: 'host', distro: 'kind', what: 'kind node image', image: true })
    }
    // A --config file may name the node image (read by kind-config.ts); without either, kind picks it. A config the
    // script writes itself (a here-document) that names no image leaves it to kind too.
    const configs = flagValues(args, ['--config'])
    const text = args[0]?.value[0]?.file.text ?? ''
    const configWithoutImage = configs.length > 0 && text.includes('kind.x-k8s.io') && !/^[ \t-]*image:/m.test(text)
    if (images.length === 0 && (configs.length === 0 || configWithoutImage)) sayToolDefault(scope, args, 'kind create cluster without --image', 'Kubernetes', 'pass --image kindest/node:vX.Y.Z')
  },
  k3d(args, scope) {
    if (!hasWords(args, 'cluster', 'create')) return
    for (const image of flagValues(args, ['--image', '-i'])) declareEach(scope, image.value, { ...hostK3s, what: 'k3d image', image: true })
  },
  minikube(args, scope) {
    if (!hasWords(args, 'start')) return
    for (const version of flagValues(args, ['--kubernetes-version'])) {
      declareEach(scope, version.value, { component: 'kubernetes', role: 'host', distro: 'minikube', what: 'minikube --kubernetes-version' })
    }
  },
  vcluster(args, scope) {
    if (!hasWords(args, 'create')) return
    scope.out.deploys?.push(scope.group)
    const chartVersions = flagValues(args, ['--chart-version'])
    for (const version of chartVersions) {
      declareEach(scope, version.value, { component: 'vcluster', what: 'vcluster --chart-version', range: true })
    }
    // The CLI installs its own release's chart: known when this file pins the CLI (a setup step before), and
    // `vcluster platform create --template` takes it from the template.
    const cliPinned = scope.out.declarations.some((d) => d.component === 'vcluster')
    if (chartVersions.length === 0 && !cliPinned && !args.some((arg) => arg.text === 'platform' || arg.text.startsWith('--template'))) {
      sayToolDefault(scope, args, 'vcluster create without --chart-version', 'vcluster chart', 'pass --chart-version')
    }
    for (const version of flagValues(args, ['--kubernetes-version'])) {
      declareEach(scope, version.value, { component: 'kubernetes', role: 'virtual', what: 'vcluster --kubernetes-version' })
    }
    for (const distro of flagValues(args, ['--distro'])) {
      if (/^(k3s|k8s|k0s|eks)$/.test(distro.text)) scope.out.distros?.push({ group: scope.group, distro: distro.text, from: 'values' })
    }
    readValuesFlags(args, scope)
  },
  helm(args, scope) {
    const positionals = positionalsOf(args)
    const subcommand = positionals[0]?.text
    if (subcommand !== 'install' && subcommand !== 'upgrade' && subcommand !== 'template') return
    const generateName = args.some((arg) => arg.text === '--generate-name' || arg.text === '-g')
    const chart = positionals[generateName ? 1 : 2]
    if (!chart || !isVclusterChart(chart, args, scope.variables)) return
    scope.out.deploys?.push(scope.group)
    const versions = flagValues(args, ['--version'])
    if (versions.length === 0) {
      scope.out.diagnostics.push({ ...chart.value[0]!.file.locate(chart.value[0]!.offset), message: 'vcluster chart has no --version: helm installs the latest; pin one so upgrades can be checked', unresolved: true, cause: 'no-version' })
    }
    for (const version of versions) declareEach(scope, version.value, { component: 'vcluster', what: 'helm --version of the vcluster chart', range: true })
    readValuesFlags(args, scope)
  },
  eksctl(args, scope) {
    if (!hasWords(args, 'create', 'cluster')) return
    // The generic detectors read `--version`; a `-f` config file holds its own `metadata.version`.
    if (flagValues(args, ['--version', '-f', '--config-file']).length === 0) sayToolDefault(scope, args, 'eksctl create cluster without --version', 'Kubernetes', 'pass --version')
  },
  go(args, scope) {
    if (!hasWords(args, 'install')) return
    for (const arg of args) {
      const at = arg.text.indexOf('sigs.k8s.io/kind@')
      if (at !== -1) declareEach(scope, sliceTraced(arg.value, at + 'sigs.k8s.io/kind@'.length, arg.text.length), { component: 'kind', what: 'kind version (go install)' })
    }
  }
}

/** Downloads of a pinned binary, wherever the URL appears (curl, wget, a variable). */
const DOWNLOADS: ReadonlyArray<{ pattern: RegExp; component: Component; what: string }> = [
  { pattern: /github\.com\/loft-sh\/vcluster\/releases\/download\/([^/\s"']+)\/vcluster/, component: 'vcluster', what: 'vcluster CLI download' },
  { pattern: /kind\.sigs\.k8s\.io\/dl\/([^/\s"']+)\/kind/, component: 'kind', what: 'kind download' },
  { pattern: /github\.com\/kubernetes-sigs\/kind\/releases\/download\/([^/\s"']+)\/kind/, component: 'kind', what: 'kind download' },
  { pattern: /(?:dl\.k8s\.io|kubernetes-release\/release)\/(?:release\/)?(v\d[^/\s"']*)\/bin\/[^\s"']*kubectl/, component: 'kubectl', what: 'kubectl download' }
]
const UNPINNED_DOWNLOADS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /github\.com\/loft-sh\/vcluster\/releases\/latest\/download/, what: 'vcluster CLI download of the latest release' },
  { pattern: /dl\.k8s\.io\/release\/stable\.txt/, what: 'kubectl download of the latest stable release' }
]

function readUrls(word: Word, scope: CommandScope): void {
  if (!word.text.includes('/')) return
  for (const expanded of expand(word.value, scope.variables)) {
    const text = textOf(expanded.value)
    for (const download of DOWNLOADS) {
      const match = download.pattern.exec(text)
      if (!match?.[1]) continue
      const start = match.index + match[0].indexOf(match[1])
      const group = expanded.group ?? scope.group
      declareVersion(scope.out, expanded.value, { component: download.component, source: scope.source, group, what: download.what }, { start, end: start + match[1].length })
    }
    for (const unpinned of UNPINNED_DOWNLOADS) {
      const match = unpinned.pattern.exec(text)
      if (!match) continue
      const piece = sliceTraced(expanded.value, match.index, match.index + 1)[0]
      if (piece) scope.out.diagnostics.push({ ...piece.file.locate(piece.offset), message: `${unpinned.what} is unpinned: download a fixed version`, unresolved: true, cause: 'latest' })
    }
  }
}

const hostK3s: DeclareWhat = { component: 'kubernetes', role: 'host', distro: 'k3s', what: 'INSTALL_K3S_VERSION' }

/** Declares a value once per expansion (a matrix gives one declaration per entry). */
function declareEach(scope: CommandScope, value: Traced, what: DeclareWhat): void {
  for (const expanded of expand(value, scope.variables)) declareAs(scope.out, expanded.value, what, requestFor(what, scope.source, expanded.group ?? scope.group))
}

function sayToolDefault(scope: CommandScope, args: Word[], what: string, component: string, pin: string): void {
  const at = args[0]?.value[0]
  if (at) scope.out.diagnostics.push(toolDefault(at.file.locate(at.offset), what, component, pin))
}

/** `-f`/`--values` files join the release; `--set key=value` may set the virtual version. */
function readValuesFlags(args: Word[], scope: CommandScope): void {
  for (const file of flagValues(args, ['-f', '--values'])) {
    for (const expanded of expand(file.value, scope.variables)) {
      const path = textOf(expanded.value)
      if (!isLiteralPath(path) || path.includes('://')) continue
      const piece = expanded.value[0]
      const from = piece ? piece.file.locate(piece.offset) : { file: '', line: 1, column: 1 }
      for (const directory of scope.directories) scope.out.links?.push({ group: scope.group, target: { file: joinPath(directory, path) }, from })
    }
  }
  for (const set of flagValues(args, ['--set', '--set-string'])) {
    for (const assignment of set.text.split(',')) {
      const equals = assignment.indexOf('=')
      if (equals === -1) continue
      const offset = set.text.indexOf(assignment) + equals + 1
      const value = sliceTraced(set.value, offset, offset + assignment.length - equals - 1)
      for (const expanded of expand(value, scope.variables)) {
        readValuesKey(scope.out, assignment.slice(0, equals), expanded.value, expanded.group ?? scope.group, scope.source)
      }
    }
  }
}

/** The program a command runs: `./bin/kind` → kind; `$(KIND)` with KIND unknown → kind. */
function programOf(word: Word | undefined, variables: Variables): string | undefined {
  if (!word) return undefined
  const written = word.text.replace(/^[@+-]+/, '')
  const expanded = textOf(expand(word.value, variables)[0]?.value ?? word.value)
  const resolved = expanded.includes('$') ? written : expanded
  const reference = /^\$[({]([A-Za-z_]\w*)[)}]$/.exec(resolved)
  const name = reference ? reference[1]!.toLowerCase() : resolved.slice(resolved.lastIndexOf('/') + 1)
  return name.replace(/^[@+-]+/, '')
}

/** Flags that take a value as the next word (so that value is not a positional argument). */
const VALUE_FLAGS = new Set(['--version', '-f', '--values', '--set', '--set-string', '--set-file', '-n', '--namespace', '--repo', '--kube-context', '--kubeconfig', '--timeout', '--image', '-i', '--name', '--config', '--chart-version', '--kubernetes-version', '--distro', '--username', '--password', '--ca-file', '--cert-file', '--key-file', '--post-renderer', '--description'])

function flagValues(args: Word[], names: string[]): Word[] {
  const values: Word[] = []
  args.forEach((arg, i) => {
    for (const name of names) {
      if (arg.text === name && args[i + 1]) values.push(args[i + 1]!)
      else if (arg.text.startsWith(`${name}=`)) {
        values.push({ text: arg.text.slice(name.length + 1), value: sliceTraced(arg.value, name.length + 1, arg.text.length) })
      }
    }
  })
  return values
}

function positionalsOf(args: Word[]): Word[] {
  const positionals: Word[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg.text.startsWith('-')) {
      if (VALUE_FLAGS.has(arg.text)) i++
      continue
    }
    positionals.push(arg)
  }
  return positionals
}

function hasWords(args: Word[], ...expected: string[]): boolean {
  const positionals = positionalsOf(args).map((arg) => arg.text)
  return expected.every((word, i) => positionals[i] === word)
}

/** `vcluster`, `loft/vcluster`, `oci://…/vcluster`, or `vcluster` with `--repo https://charts.loft.sh`. */
function isVclusterChart(chart: Word, args: Word[], variables: Variables): boolean {
  const name = textOf(expand(chart.value, variables)[0]?.value ?? chart.value)
  if (!vclusterChartDistro(name)) return false
  if (name.includes('/')) return true
  const repo = flagValues(args, ['--repo'])[0]?.text
  return repo === undefined || repo.includes('loft')
}
