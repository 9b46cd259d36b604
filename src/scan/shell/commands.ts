import type { Component } from '../../model.js'
import { declareAs, declareVersion, requestFor, toolDefault, type DeclareWhat } from '../declare.js'
import type { Extraction } from '../extractors/extractor.js'
import type { SourceFile } from '../source-file.js'
import { readValuesKey } from '../extractors/vcluster-values.js'
import { isLiteralPath, joinPath } from '../paths.js'
import { sliceTraced, textOf, type Traced } from '../traced.js'
import { vclusterChartDistro, virtualVersionKey } from '../vcluster-config.js'
import { namedMeaning } from '../detectors/named-value.js'
import { declarePackage, isKubernetesPackage } from '../package-pin.js'
import { addVariable, expand, type Variables } from './expand.js'
import { commandsOf, MAX_NESTING, type Word } from './words.js'

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
function afterPrefixes(words: readonly Word[], from = 0): number {
  let i = from
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
      // Flags kept for a command (`HELM_FLAGS += --set …`) are the whole line; otherwise the first word, as before.
      const rest = words.slice(make + 2)
      const flags = rest.length > 1 && rest.some((word) => word.text.startsWith('-'))
      add(first.text, flags ? restOfLine(rest) : (third?.value ?? []))
      continue
    }
    const dockerfile = /^(ARG|ENV)$/i.test(first.text)
    if (dockerfile && second && third && !second.text.includes('=')) {
      add(second.text, third.value)
      continue
    }
    for (let i = dockerfile ? 1 : afterPrefixes(words, commandStart(words)); i < words.length; i++) {
      const word = words[i]!
      const assignment = ASSIGNMENT.exec(word.text)
      if (!assignment) break
      const name = assignment[1]!
      if (ARRAY_OPEN.test(word.text)) {
        // `TOOLS=(…)`: each element is a value of the array; a `key=value` element (`"kubectl=1.31.0"`, `[kind]=0.24.0`) the value of `TOOLS[key]`.
        const array = arrayAt(words, i)
        for (const element of array.elements) {
          const pair = arrayPair(element)
          if (pair) add(`${name}[${pair.key}]`, pair.value)
          else add(name, element.value)
        }
        i = array.end - 1
        continue
      }
      add(name, sliceTraced(word.value, assignment[0].length, word.text.length))
    }
  }
}

/** The word that opens an array (`TOOLS=(`, `TOOLS+=(`), as the word reader leaves it. */
const ARRAY_OPEN = /^[A-Za-z_]\w*\+?=\($/

/** The elements of the array opened by `words[open]`, and the index after the `)` that closes it (or after the last word). */
function arrayAt(words: readonly Word[], open: number): { elements: Word[]; end: number } {
  const elements: Word[] = []
  let i = open + 1
  for (; i < words.length && words[i]!.text !== ')'; i++) elements.push(words[i]!)
  return { elements, end: Math.min(i + 1, words.length) }
}

/** `kubectl=1.31.0`, `kind@v0.24.0` (a tool and its version) and `[kind]=0.24.0` (an associative array's key): the key and the value. */
const ARRAY_PAIR = /^(?:\[([A-Za-z_][\w.-]{0,63})\]=|([A-Za-z][\w.-]{0,63})[=@])(?=.)/

function arrayPair(element: Word): { key: string; value: Traced } | undefined {
  const pair = ARRAY_PAIR.exec(element.text)
  if (!pair) return undefined
  return { key: pair[1] ?? pair[2]!, value: sliceTraced(element.value, pair[0].length, element.text.length) }
}

/**
 * An array of tool pins (`TOOLS=("kind=0.24.0" "kubectl=1.31.0")`, installed by a loop over it): an element whose key
 * names a tool the gate reads (`kubectl`, `kind`, `vcluster`, `k3s`, or a key that says so itself, `kubernetes_version`)
 * and whose value is written as a version declares that tool's version. Other tools' pins (`helm=3.16.1`) say nothing.
 */
function readToolPins(words: readonly Word[], open: number, scope: CommandScope): number {
  const array = arrayAt(words, open)
  const name = words[open]!.text.replace(/\+?=\($/, '')
  for (const element of array.elements) {
    const pair = arrayPair(element)
    if (!pair || !/^v?\d+\.\d+/.test(textOf(pair.value))) continue
    const meaning = namedMeaning(pair.key) ?? namedMeaning(`${pair.key}_version`)
    if (meaning) declareEach(scope, pair.value, { ...meaning, what: `${pair.key} in the array ${name}` })
  }
  return array.end
}

/** Where words are written, from the first character of the first to the last of the last, when that is one file's text. */
function spanOf(words: readonly Word[]): { file: SourceFile; from: number; to: number } | undefined {
  const first = words[0]?.value[0]
  const lastWord = words[words.length - 1]
  const last = lastWord?.value[lastWord.value.length - 1]
  if (!first || !last || first.file !== last.file) return undefined
  return { file: first.file, from: first.offset, to: last.offset + last.text.length }
}

/** A Make value of several words (`FLAGS += --set a=b -f x.yaml`): the text as written, from its first word to its last. */
function restOfLine(words: readonly Word[]): Traced {
  const span = spanOf(words)
  if (!span) return words[0]?.value ?? []
  return [{ text: span.file.text.slice(span.from, span.to), file: span.file, offset: span.from, exact: true }]
}

/** Reads every command that declares a version (see docs/architecture.md "Where versions are read from"). */
export function readCommands(commands: readonly Word[][], scope: CommandScope, depth = 0): void {
  for (const words of commands) readCommand(withoutSubshellParentheses(words), commandStart(words), scope, depth)
}

/** `(helm … v1)` written without spaces: the parentheses are the shell's, not part of the first and last words. */
function withoutSubshellParentheses(words: readonly Word[]): readonly Word[] {
  const first = words[0]
  if (!first || !first.text.startsWith('(') || first.text.startsWith('((') || first.text === '(') return words
  const last = words[words.length - 1]!
  const trimmed = [...words]
  trimmed[0] = { text: first.text.slice(1), value: sliceTraced(first.value, 1, first.text.length) }
  if (last.text.endsWith(')') && !last.text.endsWith('$()')) {
    const end = trimmed[trimmed.length - 1]!
    trimmed[trimmed.length - 1] = { text: end.text.slice(0, -1), value: sliceTraced(end.value, 0, end.text.length - 1) }
  }
  return trimmed
}

function readCommand(words: readonly Word[], from: number, scope: CommandScope, depth: number): void {
  for (const word of words.slice(from)) readUrls(word, scope)
  let start = from
  let afterPrefix = false
  while (start < words.length) {
    const word = words[start]!
    const assignment = ASSIGNMENT.exec(word.text)
    if (assignment && ARRAY_OPEN.test(word.text)) {
      start = readToolPins(words, start, scope)
      afterPrefix = false
      continue
    }
    if (assignment) {
      if (assignment[1] === 'INSTALL_K3S_VERSION') {
        declareEach(scope, sliceTraced(word.value, assignment[0].length, word.text.length), hostK3s)
      }
    } else if (!PREFIXES.has(word.text) && !(afterPrefix && isOption(word.text))) break
    afterPrefix = !assignment
    start++
  }
  const program = programOf(words[start], scope.variables)
  if (program === undefined) return
  const args = words.slice(start + 1).flatMap((word) => splitReference(word, scope.variables))
  const wrapped = wrappedCommand(program, args)
  if (wrapped !== undefined) {
    // `timeout 5m helm …`, `xargs -n1 helm …`: the wrapped command is read as if written alone.
    readCommand(args, wrapped, scope, depth)
    return
  }
  const string = commandString(program, args)
  if (string) {
    readCommandString(string, scope, depth)
    return
  }
  // Own keys only: a command named `__proto__` or `constructor` must not reach Object.prototype.
  const handler = Object.hasOwn(PROGRAMS, program) ? PROGRAMS[program] : undefined
  if (handler) handler(args, scope)
}

const WHOLE_REFERENCE = /^\$(?:\([A-Za-z_]\w*\)|\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/

/**
 * An argument that is only a variable holding several words (`helm upgrade dev . $(HELM_FLAGS)` after
 * `HELM_FLAGS += --set …`), split into those words as the shell or Make would; the words of every value
 * the variable is given (`:=` then `+=`) are kept, each traced to where it is written.
 */
function splitReference(word: Word, variables: Variables): Word[] {
  if (!WHOLE_REFERENCE.test(word.text)) return [word]
  const split: Word[] = []
  for (const expanded of expand(word.value, variables)) {
    const text = textOf(expanded.value)
    if (!/\s/.test(text)) return [word]
    for (const token of text.matchAll(/\S+/g)) split.push({ text: token[0], value: sliceTraced(expanded.value, token.index, token.index + token[0].length) })
  }
  return split.length > 0 ? split : [word]
}

/**
 * Shell words that open a compound command or a branch of one (`if …; then helm …; fi`, `do`,
 * `{ helm …; }`, `( helm … )`, `! helm …`), a case arm's pattern (`up) helm … ;;`, after `case X in`)
 * and a one-line function's head (`deploy() { helm …; }`): the command itself starts after them.
 */
const COMPOUND_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '(', '((', 'function'])
const CASE_PATTERN = /^\(?[^()$`'"]*\)$/
const FUNCTION_HEAD = /^[A-Za-z_][\w:.-]*\(\)$/

/** Where a command's own words start, after the compound-command words that lead it. */
export function commandStart(words: readonly Word[]): number {
  let i = 0
  while (i < words.length) {
    const text = words[i]!.text
    if (text === 'case' && words[i + 2]?.text === 'in') i += 3
    else if (text === 'function' && words[i + 1]) i += 2
    else if (COMPOUND_WORDS.has(text) || FUNCTION_HEAD.test(text) || (CASE_PATTERN.test(text) && i + 1 < words.length)) i++
    else break
  }
  return i
}

/** Programs that run the command given after their own options (and, for `timeout`, a duration). */
const WRAPPERS: Record<string, { valueFlags: ReadonlySet<string>; leading: number }> = {
  xargs: { valueFlags: new Set(['-I', '-n', '-P', '-L', '-d', '-s', '-E', '-a', '--max-args', '--max-procs', '--arg-file', '--delimiter']), leading: 0 },
  timeout: { valueFlags: new Set(['-s', '-k', '--signal', '--kill-after']), leading: 1 },
  nice: { valueFlags: new Set(['-n', '--adjustment']), leading: 0 },
  stdbuf: { valueFlags: new Set(['-i', '-o', '-e']), leading: 0 },
  /** Make's `$(shell helm …)`. */
  shell: { valueFlags: new Set(), leading: 0 }
}

/** The index in `args` of the command a wrapper runs, or undefined when `program` is not one. */
function wrappedCommand(program: string, args: readonly Word[]): number | undefined {
  const wrapper = Object.hasOwn(WRAPPERS, program) ? WRAPPERS[program] : undefined
  if (!wrapper) return undefined
  let i = 0
  while (i < args.length && isOption(args[i]!.text)) i += wrapper.valueFlags.has(args[i]!.text) ? 2 : 1
  i += wrapper.leading
  return i < args.length ? i : undefined
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash'])

/** The words holding a command written as a string: `bash -c "…"`, `sh -ec '…'`, `eval "…"`. */
function commandString(program: string, args: readonly Word[]): readonly Word[] | undefined {
  if (program === 'eval') return args.length > 0 ? args : undefined
  if (!SHELLS.has(program)) return undefined
  const flag = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg.text))
  const string = flag === -1 ? undefined : args[flag + 1]
  return string ? [string] : undefined
}

/**
 * Reads a command string where it is written: the text from its first character to its last, as
 * the shell reads it once the quotes around it are gone. A string too deep in others, or pieced
 * together from several places, is named as not read when it mentions a tool the gate reads.
 */
function readCommandString(string: readonly Word[], scope: CommandScope, depth: number): void {
  const span = spanOf(string)
  if (span && depth < MAX_NESTING) {
    readCommands(commandsOf(span.file, { lineQuotes: false, from: span.from, to: span.to, depth: depth + 1 }), scope, depth + 1)
    return
  }
  const first = string[0]?.value[0]
  if (first && /\b(?:helm|vcluster|kind|k3d|minikube|kubectl)\b/.test(string.map((word) => word.text).join(' '))) {
    scope.out.diagnostics.push({ ...first.file.locate(first.offset), message: 'a command inside a command string is not read: versions it sets are not checked', unresolved: true, cause: 'unreadable' })
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
    else if (images.length === 0 && !text.includes('kind.x-k8s.io')) for (const config of configs) checkKindConfig(scope, config)
  },
  k3d(args, scope) {
    if (!hasWords(args, 'cluster', 'create')) return
    for (const image of flagValues(args, ['--image', '-i'])) declareEach(scope, image.value, { ...hostK3s, what: 'k3d image', image: true })
  },
  minikube(args, scope) {
    if (!hasWords(args, 'start')) return
    const versions = flagValues(args, ['--kubernetes-version'])
    for (const version of versions) {
      declareEach(scope, version.value, { component: 'kubernetes', role: 'host', distro: 'minikube', what: 'minikube --kubernetes-version' })
    }
    // minikube's own default (the newest Kubernetes it supports) unless MINIKUBE_KUBERNETES_VERSION or a flag says otherwise.
    if (versions.length === 0 && !scope.variables.has('MINIKUBE_KUBERNETES_VERSION')) sayToolDefault(scope, args, 'minikube start without --kubernetes-version', 'Kubernetes', 'pass --kubernetes-version')
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
    if (!chart) return
    if (!isVclusterChart(chart, args, scope.variables)) {
      // A local umbrella chart (`helm upgrade dev . --set vcluster.controlPlane…`): what --set gives its
      // vcluster dependency joins the chart's folder, where Chart.yaml pins the dependency.
      const local = localChartFolder(chart, scope)
      if (local !== undefined) readSetFlags(args, scope, local)
      return
    }
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
  clusterctl(args, scope) {
    if (!hasWords(args, 'generate', 'cluster')) return
    // The vcluster infrastructure provider's templates install the chart version in CHART_VERSION (the provider's default without it).
    const infrastructure = flagValues(args, ['--infrastructure', '-i'])
    if (!infrastructure.some((value) => /^vcluster(:|$)/.test(textOf(expand(value.value, scope.variables)[0]?.value ?? value.value)))) return
    const chartVersions = scope.variables.get('CHART_VERSION') ?? []
    for (const version of chartVersions) declareEach(scope, version.value, { component: 'vcluster', what: 'CHART_VERSION of clusterctl --infrastructure vcluster', range: true })
    if (chartVersions.length === 0) sayToolDefault(scope, args, 'clusterctl generate cluster --infrastructure vcluster without CHART_VERSION', 'vcluster chart', 'set CHART_VERSION')
  },
  'setup-envtest'(args, scope) {
    // `setup-envtest use 1.35.0 -p path`: the API server the tests run against (`1.29.x!`: the newest patch of 1.29).
    const use = args.findIndex((arg) => arg.text === 'use')
    if (use === -1) return
    const version = args.slice(use + 1).find((arg, i, rest) => !arg.text.startsWith('-') && !ENVTEST_VALUE_FLAGS.has(rest[i - 1]?.text ?? ''))
    if (version) declareEach(scope, version.value, { component: 'kubernetes', role: 'host', what: 'setup-envtest use', wildcardPatch: true })
    else sayToolDefault(scope, args, 'setup-envtest use without a version', 'Kubernetes', 'name one (setup-envtest use 1.31.x)')
  },
  'apt-get': packageInstall,
  apt: packageInstall,
  yum: packageInstall,
  dnf: packageInstall,
  microdnf: packageInstall,
  apk: packageInstall,
  go(args, scope) {
    if (!hasWords(args, 'install')) return
    for (const arg of args) {
      const at = arg.text.indexOf('sigs.k8s.io/kind@')
      if (at !== -1) declareEach(scope, sliceTraced(arg.value, at + 'sigs.k8s.io/kind@'.length, arg.text.length), { component: 'kind', what: 'kind version (go install)' })
    }
  }
}

/** Flags of `setup-envtest` that take a value as the next word. */
const ENVTEST_VALUE_FLAGS = new Set(['-p', '-i', '--bin-dir', '--os', '--arch', '--index', '--remote-bucket', '--remote-server'])

/**
 * `apt-get install -y kubectl kubeadm` (a Dockerfile, a CI image script, a node's bootstrap): Kubernetes packages from the
 * distribution's repository, pinned or not (package-pin.ts).
 */
function packageInstall(args: Word[], scope: CommandScope): void {
  if (!args.some((arg) => arg.text === 'install' || arg.text === 'add')) return
  for (const arg of args) {
    if (isKubernetesPackage(arg.text)) declarePackage(scope.out, arg.value, scope.source, scope.group)
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

/**
 * `kind create cluster --config cluster.yaml` with a config file of the repository: its first node's image is the cluster's
 * version (read there by kind-config.ts); a config that names none leaves it to kind, said at the command once every file is read.
 */
function checkKindConfig(scope: CommandScope, config: Word): void {
  const path = config.text
  const piece = config.value[0]
  if (!piece || !isLiteralPath(path) || path.includes('://')) return
  const what: DeclareWhat = { component: 'kubernetes', role: 'host', distro: 'kind', what: `kind node image of ${path}`, image: true }
  scope.out.keyed?.push({
    files: scope.directories.map((directory) => joinPath(directory, path)),
    pick: 'nearest',
    path: ['nodes', '0', 'image'],
    request: requestFor(what, scope.source, scope.group, 'inferred'),
    image: true,
    from: piece.file.locate(piece.offset),
    written: `${path} nodes[0].image`,
    absent: { message: toolDefault(piece.file.locate(piece.offset), `kind create cluster --config ${path} (no node image there)`, 'Kubernetes', 'set nodes[].image or pass --image').message, cause: 'tool-default' }
  })
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
  readSetFlags(args, scope, scope.group)
}

/**
 * `--set key=value` (and `--set-string`, `--set-literal`: one value, commas included) may set the virtual
 * version; `--set-json key=JSON` is read leaf by leaf; a version key set from a file (`--set-file`) or by
 * JSON the gate cannot read is named as unknown at its line, never left to the chart default.
 */
function readSetFlags(args: Word[], scope: CommandScope, group: string): void {
  const read = (key: string, value: Traced): void => {
    for (const expanded of expand(value, scope.variables)) readValuesKey(scope.out, key, expanded.value, expanded.group ?? group, scope.source)
  }
  for (const set of flagValues(args, ['--set', '--set-string'])) {
    for (const assignment of set.text.split(',')) {
      const equals = assignment.indexOf('=')
      if (equals === -1) continue
      const offset = set.text.indexOf(assignment) + equals + 1
      read(assignment.slice(0, equals), sliceTraced(set.value, offset, offset + assignment.length - equals - 1))
    }
  }
  for (const set of flagValues(args, ['--set-literal'])) {
    const equals = set.text.indexOf('=')
    if (equals !== -1) read(set.text.slice(0, equals), sliceTraced(set.value, equals + 1, set.text.length))
  }
  for (const set of flagValues(args, ['--set-json'])) readSetJson(set, scope, group, read)
  for (const set of flagValues(args, ['--set-file'])) {
    const key = set.text.slice(0, Math.max(0, set.text.indexOf('=')))
    if (virtualVersionKey(key)) unknownSet(scope, set, group, `--set-file ${key}: the value is read from a file when helm runs`)
  }
}

function readSetJson(set: Word, scope: CommandScope, group: string, read: (key: string, value: Traced) => void): void {
  const equals = set.text.indexOf('=')
  if (equals === -1) return
  const key = set.text.slice(0, equals)
  let parsed: unknown
  try {
    parsed = JSON.parse(set.text.slice(equals + 1))
  } catch {
    if (/tag|image|version|distro|controlPlane/i.test(set.text)) unknownSet(scope, set, group, `--set-json ${key}: the JSON value cannot be read`)
    return
  }
  let cursor = equals + 1
  const visit = (path: string, node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      const written = JSON.stringify(node)
      const at = set.text.indexOf(written, cursor)
      const quoted = typeof node === 'string' ? 1 : 0
      if (at === -1 || written.length - 2 * quoted !== String(node).length) {
        if (virtualVersionKey(path)) unknownSet(scope, set, group, `--set-json ${path}: the value cannot be placed`)
        return
      }
      cursor = at + written.length
      read(path, sliceTraced(set.value, at + quoted, at + written.length - quoted))
    } else if (Array.isArray(node)) node.forEach((item, i) => visit(`${path}[${i}]`, item))
    else if (node !== null && typeof node === 'object') for (const [name, value] of Object.entries(node)) visit(`${path}.${name}`, value)
  }
  visit(key, parsed)
}

function unknownSet(scope: CommandScope, set: Word, group: string, reason: string): void {
  const at = set.value[0]
  if (!at) return
  scope.out.unknowns?.push({ ...at.file.locate(at.offset), component: 'kubernetes', role: 'virtual', raw: set.text.slice(0, 200), reason, cause: 'unreadable', group })
}

/** The folder of a chart given as a relative path (`.`, `./charts/x`, `../x`), or undefined for a chart reference. */
function localChartFolder(chart: Word, scope: CommandScope): string | undefined {
  const path = textOf(expand(chart.value, scope.variables)[0]?.value ?? chart.value)
  if (!isLiteralPath(path) || !(path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../'))) return undefined
  return joinPath(scope.directories[0] ?? '.', path)
}

/** The program a command runs: `./bin/kind` → kind; `$(KIND)` with KIND unknown → kind. */
function programOf(word: Word | undefined, variables: Variables): string | undefined {
  if (!word) return undefined
  const written = word.text.replace(/^[@+(-]+/, '')
  const expanded = textOf(expand(word.value, variables)[0]?.value ?? word.value)
  // `HELM="helm --debug"` then `${HELM} upgrade …`: the program is the value's first word.
  const resolved = expanded.includes('$') ? written : (expanded.trim().split(/\s+/)[0] ?? '')
  const reference = /^\$[({]([A-Za-z_]\w*)[)}]$/.exec(resolved)
  const name = reference ? reference[1]!.toLowerCase() : resolved.slice(resolved.lastIndexOf('/') + 1)
  return name.replace(/^[@+-]+/, '')
}

/** Flags that take a value as the next word (so that value is not a positional argument). */
const VALUE_FLAGS = new Set(['--version', '-f', '--values', '--set', '--set-string', '--set-file', '--set-literal', '--set-json', '-n', '--namespace', '--repo', '--kube-context', '--kubeconfig', '--timeout', '--image', '-i', '--name', '--config', '--chart-version', '--kubernetes-version', '--distro', '--username', '--password', '--ca-file', '--cert-file', '--key-file', '--post-renderer', '--description'])

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
