import { isMap, isScalar, isSeq } from 'yaml'
import { fileGroup } from '../group-key.js'
import { dirnameOf } from '../paths.js'
import { collectAssignments, readCommands } from '../shell/commands.js'
import { addVariable, type Variables } from '../shell/expand.js'
import { commandsOf } from '../shell/words.js'
import { embeddedSource, type SourceFile } from '../source-file.js'
import { tracedOf } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { shellScript } from './shell-script.js'
import { yamlExtractor } from './yaml-extractor.js'

const SOURCE = 'ci-script'

/**
 * CI and task-runner files whose steps are shell lines: GitLab CI (`script:`, `before_script:`,
 * `after_script:`, also in included files under `.gitlab/`), Taskfile (`cmds:`), CircleCI, Drone,
 * Woodpecker, Azure Pipelines, Bitbucket Pipelines, Buildkite, Travis CI, Cloud Build and Tekton.
 * (GitHub workflows have their own reader, github-workflow.ts.)
 */
const CI_FILE =
  /(^|\/)([^/]*\.gitlab-ci\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/[^/]+\.ya?ml|taskfile(\.[^/]+)?\.ya?ml|\.circleci\/config\.ya?ml|\.drone\.ya?ml|\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)|azure-pipelines[^/]*\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite\/[^/]+\.ya?ml|\.travis\.ya?ml|cloudbuild[^/]*\.ya?ml|\.tekton\/[^/]+\.ya?ml)$/i

/** Keys whose string, or list of strings, is run by a shell. */
const SCRIPT_KEYS = new Set(['script', 'before_script', 'after_script', 'cmds', 'cmd', 'commands', 'command', 'run', 'bash', 'sh', 'install', 'before_install', 'pre', 'post'])
/** Keys holding a job's or the file's variables. */
const VARIABLE_KEYS = new Set(['variables', 'vars', 'env', 'environment'])

export const ciScripts: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => CI_FILE.test(path),
  // The commands are read by the shell reader: the same tools, the same pre-filter.
  mightDeclare: shellScript.mightDeclare,
  readDocument(out: Extraction, file: SourceFile, root: unknown): void {
    if (!isMap(root)) return
    const variables: Variables = new Map()
    collectVariables(file, root, variables, 0)
    walk(file, root, [], (value, path) => {
      const script = embeddedSource(file, value.text, value.range)
      const commands = commandsOf(script)
      collectAssignments(commands, variables)
      // A job (GitLab's top-level key, a Taskfile task, a pipeline step) deploys what its own lines deploy.
      const job = path[0] === 'tasks' || path[0] === 'jobs' || path[0] === 'steps' || path[0] === 'pipelines' ? path.slice(0, 2) : path.slice(0, 1)
      readCommands(commands, { out, group: fileGroup(file.path, job.join('.') || 'script'), source: SOURCE, directories: [dirnameOf(file.path), '.'], variables })
    })
  }
})

interface ScriptText {
  text: string
  range: readonly number[]
}

const MAX_DEPTH = 32

/** Every string under a script key (directly, in a list, or a Taskfile `cmd:` map), with the key path to it. */
function walk(file: SourceFile, node: unknown, path: readonly string[], visit: (value: ScriptText, path: readonly string[]) => void): void {
  if (path.length > MAX_DEPTH) return
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined
      if (key === undefined) continue
      if (SCRIPT_KEYS.has(key)) scriptsIn(pair.value, (value) => visit(value, path), 0)
      walk(file, pair.value, [...path, key], visit)
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(file, item, [...path, String(i)], visit))
  }
}

function scriptsIn(node: unknown, visit: (value: ScriptText) => void, depth: number): void {
  if (depth > 4) return
  if (isScalar(node) && typeof node.value === 'string' && node.range) visit({ text: node.value, range: node.range })
  else if (isSeq(node)) for (const item of node.items) scriptsIn(item, visit, depth + 1)
}

/** `variables:`/`vars:`/`env:` maps of the file and its jobs (GitLab `variables`, Taskfile `vars`, Drone `environment`). */
function collectVariables(file: SourceFile, node: unknown, variables: Variables, depth: number): void {
  if (!isMap(node) || depth > 2) return
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (key === undefined) continue
    if (VARIABLE_KEYS.has(key) && isMap(pair.value)) {
      for (const variable of pair.value.items) {
        const name = isScalar(variable.key) ? String(variable.key.value) : undefined
        // GitLab also writes `NAME: { value: "…", description: "…" }`.
        const value = isMap(variable.value) ? variable.value.get('value', true) : variable.value
        if (name !== undefined && isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') && value.range) {
          const traced = tracedOf(file, { node: value, value: String(value.value) })
          addVariable(variables, name, { value: traced })
          // Taskfile writes `{{.NAME}}`, read as a template parameter.
          addVariable(variables, `template.${name}`, { value: traced })
        }
      }
    } else collectVariables(file, pair.value, variables, depth + 1)
  }
}

/** `Jenkinsfile`, `Jenkinsfile.deploy`, `ci/deploy.jenkinsfile`, `vars/*.groovy`: the strings given to `sh`. */
const JENKINS_FILE = /(^|\/)(jenkinsfile[^/]*|[^/]+\.jenkinsfile|[^/]+\.groovy)$/i
/** `sh '…'`, `sh "…"`, `sh '''…'''`, `sh """…"""`, `sh(script: '…', …)`, `sh label: 'x', script: '…'`. */
const SH_STEP = /\bsh\b\s*\(?\s*(?:(?:label|returnStdout|returnStatus|encoding)\s*:\s*(?:'[^'\n]*'|"[^"\n]*"|\w+)\s*,\s*)*(?:script\s*:\s*)?('''|"""|'|")/g

export const jenkinsfile: Extractor = {
  id: 'jenkinsfile',
  accepts: (path) => JENKINS_FILE.test(path),
  // The commands are read by the shell reader: the same tools, the same pre-filter.
  mightDeclare: shellScript.mightDeclare,
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const variables: Variables = new Map()
    const text = file.text
    const steps = new RegExp(SH_STEP.source, 'g')
    for (let match = steps.exec(text); match !== null; match = steps.exec(text)) {
      const quote = match[1]!
      const from = match.index + match[0].length
      const to = closingQuote(text, from, quote)
      if (to === -1) continue
      steps.lastIndex = to + quote.length
      const commands = commandsOf(file, { from, to })
      collectAssignments(commands, variables)
      readCommands(commands, { out, group: fileGroup(file.path, 'sh'), source: 'jenkinsfile', directories: [dirnameOf(file.path), '.'], variables })
    }
    return out
  }
}

/** Where a Groovy string opened with `quote` ends (a backslash escapes one character), or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text.startsWith(quote, i)) return i
    else if (quote.length === 1 && text[i] === '\n') return -1
  }
  return -1
}
