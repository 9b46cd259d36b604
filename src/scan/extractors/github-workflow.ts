import { isMap, isScalar, type YAMLMap } from 'yaml'
import type { Component, KubernetesRole } from '../../model.js'
import { declareImageTag, declareVersion, toolDefault } from '../declare.js'
import { fileGroup } from '../group-key.js'
import { isYamlPath } from '../paths.js'
import { collectAssignments, readCommands } from '../shell/commands.js'
import { addVariable, expand, type Variables } from '../shell/expand.js'
import { commandsOf } from '../shell/words.js'
import { embeddedSource, type SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn, tracedOf, type StringAt } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { localActionInputs, readLocalActionStep } from './local-action.js'
import { yamlExtractor } from './yaml-extractor.js'

const SOURCE = 'github-workflow'

interface ActionInput {
  component: Component
  role?: KubernetesRole
  distro?: string
  image?: true
}

const KIND_IMAGE: ActionInput = { component: 'kubernetes', role: 'host', distro: 'kind', image: true }
const KIND: ActionInput = { component: 'kind' }
const KUBECTL: ActionInput = { component: 'kubectl' }

/** Inputs of setup actions that pin a version, by action (owner/name, lower case). */
/** `defaultWithout`: the input without which the action uses a version of its own choosing (a default node image). */
/** `versionless`: the action creates the component with no input for its version (the Platform or a template picks it). */
const ACTIONS: Record<string, { inputs: Record<string, ActionInput>; unpinnedWithout?: string; defaultWithout?: { input: string; component: string }; versionless?: string }> = {
  'loft-sh/create-vcluster': { inputs: {}, versionless: 'vcluster' },
  'helm/kind-action': { inputs: { node_image: KIND_IMAGE, version: KIND, kubectl_version: KUBECTL }, defaultWithout: { input: 'node_image', component: 'Kubernetes' } },
  'engineerd/setup-kind': { inputs: { image: KIND_IMAGE, version: KIND } },
  'loft-sh/setup-vcluster': { inputs: { version: { component: 'vcluster' }, 'kubectl-version': KUBECTL }, unpinnedWithout: 'version' },
  'azure/setup-kubectl': { inputs: { version: KUBECTL }, unpinnedWithout: 'version' },
  'tale/kubectl-action': { inputs: { 'kubectl-version': KUBECTL }, unpinnedWithout: 'kubectl-version' },
  'medyagh/setup-minikube': { inputs: { 'kubernetes-version': { component: 'kubernetes', role: 'host', distro: 'minikube' } }, defaultWithout: { input: 'kubernetes-version', component: 'Kubernetes' } },
  'nolar/setup-k3d-k3s': { inputs: { version: { component: 'kubernetes', role: 'host', distro: 'k3s' } } }
}

/**
 * GitHub Actions workflows and composite actions: setup actions' `with:` inputs
 * (`helm/kind-action` `node_image`, `loft-sh/setup-vcluster` `version`, ...) and the commands
 * of `run:` steps. `${{ matrix.x }}`, `${{ env.X }}` and `${{ inputs.x }}` are expanded: a
 * matrix axis gives one declaration per value, at the value's line; an `include` entry is
 * its own group, so its versions are combined with each other and not with other entries.
 */
export const githubWorkflow: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => (/(^|\/)\.github\/workflows\/[^/]+$/.test(path) && isYamlPath(path)) || /(^|\/)action\.ya?ml$/.test(path),
  // `uses: ./`: a step of the repository's own action, whose inputs its action.yml describes.
  // `k8s`/`ubernetes`: an action's input for the Kubernetes version, whatever tool it runs; `vCluster`: an action that creates one;
  // `k0s`: a matrix of k0s releases.
  mightDeclare: (text) =>
    text.includes('kind') || text.includes('vcluster') || text.includes('kubectl') || text.includes('minikube') || text.includes('k3s') || text.includes('uses: ./') ||
    text.includes('k8s') || text.includes('ubernetes') || text.includes('vCluster') || text.includes('k0s') || text.includes('setup-envtest'),
  readDocument: (out: Extraction, file: SourceFile, root: unknown) => readWorkflow(out, file, root)
})

/** One workflow or composite action document; also used for workflow-shaped YAML kept elsewhere (detectors/workflow-shaped.ts). */
export function readWorkflow(out: Extraction, file: SourceFile, root: unknown): void {
    if (!isMap(root)) return
    const variables: Variables = new Map()
    addInputDefaults(file, root, variables)
    addEnv(file, root, variables)
    const jobs = mapAt(root, ['jobs'])
    for (const pair of jobs?.items ?? []) {
      const id = stringAt(pair.key, [])?.value
      if (id === undefined || !isMap(pair.value)) continue
      const inherited = jobVariables(out, file, pair.value, fileGroup(file.path, id), variables)
      readSteps(out, file, pair.value, fileGroup(file.path, id), inherited)
      const called = stringIn(pair.value, 'uses')
      if (called) readLocalActionStep(out, file, pair.value, called.value, inherited)
    }
    localActionInputs(out, file, root)
    const composite = mapAt(root, ['runs'])
    if (composite && stringIn(composite, 'using')?.value === 'composite') readSteps(out, file, composite, fileGroup(file.path, 'runs'), variables)
}

function readSteps(out: Extraction, file: SourceFile, job: YAMLMap, group: string, inherited: Variables): void {
  for (const step of itemsOf(job.get('steps', true))) {
    if (!isMap(step)) continue
    const variables = new Map(inherited)
    addEnv(file, step, variables)
    const uses = stringIn(step, 'uses')
    if (uses) readActionInputs(out, file, step, uses.value, group, variables)
    if (uses) readLocalActionStep(out, file, step, uses.value, variables)
    const run = step.get('run', true)
    if (isScalar(run) && typeof run.value === 'string' && run.range) {
      const script = embeddedSource(file, run.value, run.range)
      const commands = commandsOf(script)
      collectAssignments(commands, variables)
      const workingDirectory = stringIn(step, 'working-directory')?.value ?? stringIn(job.get('defaults', true), 'working-directory')?.value
      readCommands(commands, { out, group, source: SOURCE, directories: workingDirectory ? [workingDirectory, '.'] : ['.'], variables })
    }
  }
}

function readActionInputs(out: Extraction, file: SourceFile, step: YAMLMap, uses: string, group: string, variables: Variables): void {
  const name = uses.replace(/@.*$/, '').toLowerCase()
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined
  if (!action) return
  const inputs = mapAt(step, ['with'])
  if (action.unpinnedWithout && !stringIn(inputs, action.unpinnedWithout)) {
    out.diagnostics.push({
      ...file.locate(step.range?.[0] ?? 0),
      message: `${uses.replace(/@.*$/, '')} without "${action.unpinnedWithout}" installs the latest release: unpinned, pin a version`,
      unresolved: true,
      cause: 'no-version'
    })
  }
  if (action.versionless) out.diagnostics.push(toolDefault(file.locate(step.range?.[0] ?? 0), `${uses.replace(/@.*$/, '')} (no version input)`, action.versionless, 'set the version in the vCluster Platform template it uses'))
  const fallback = action.defaultWithout
  if (fallback && !stringIn(inputs, fallback.input)) {
    const what = `${uses.replace(/@.*$/, '')} without "${fallback.input}"`
    out.diagnostics.push(toolDefault(file.locate(step.range?.[0] ?? 0), what, fallback.component, `set "${fallback.input}"`))
  }
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = stringIn(inputs, name)
    if (!value) continue
    for (const expanded of expand(tracedOf(file, value), variables)) {
      const request = {
        component: input.component,
        ...(input.role ? { role: input.role } : {}),
        ...(input.distro ? { distro: input.distro } : {}),
        source: SOURCE,
        group: expanded.group ?? group,
        what: `${uses.replace(/@.*$/, '')} ${name}`
      }
      if (input.image) declareImageTag(out, expanded.value, request)
      else declareVersion(out, expanded.value, request)
    }
  }
}

/**
 * The job's variables: the workflow's, its `env`, and every matrix value with its group. A matrix value
 * that says by itself it is a distribution's Kubernetes release (`v1.21.6+k0s.0`, `v1.30.2-k3s1`) is declared
 * as the host's version wherever the job passes it (an env variable of a `make` target, a script).
 */
function jobVariables(out: Extraction, file: SourceFile, job: YAMLMap, group: string, workflow: Variables): Variables {
  const variables = new Map(workflow)
  addEnv(file, job, variables)
  const matrix = mapAt(job, ['strategy', 'matrix'])
  for (const pair of matrix?.items ?? []) {
    const key = stringAt(pair.key, [])?.value
    if (key === undefined || key === 'exclude') continue
    itemsOf(pair.value).forEach((item, n) => {
      if (key === 'include') {
        addMatrixEntry(out, file, item, '', fileGroup(group, `include.${n}`), variables)
      } else if (isMap(item)) {
        addMatrixEntry(out, file, item, `${key}.`, fileGroup(group, `matrix.${key}.${n}`), variables)
      } else {
        const value = stringAt(item, [])
        if (value) addMatrixValue(out, file, value, `matrix.${key}`, group, variables)
      }
    })
  }
  return variables
}

function addMatrixEntry(out: Extraction, file: SourceFile, entry: unknown, prefix: string, group: string, variables: Variables): void {
  if (!isMap(entry)) return
  for (const pair of entry.items) {
    const key = stringAt(pair.key, [])?.value
    const value = stringAt(pair.value, [])
    if (key !== undefined && value) addMatrixValue(out, file, value, `matrix.${prefix}${key}`, group, variables)
  }
}

/** A Kubernetes release of k0s, k3s or RKE2, as their releases are tagged. */
const DISTRO_RELEASE = /^v?\d+\.\d+\.\d+[-+](?:k0s\.\d+|k3s\d+|rke2r\d+)$/

function addMatrixValue(out: Extraction, file: SourceFile, value: StringAt, name: string, group: string, variables: Variables): void {
  const traced = tracedOf(file, value)
  addVariable(variables, name, { value: traced, group })
  if (DISTRO_RELEASE.test(value.value.trim())) declareVersion(out, traced, { component: 'kubernetes', role: 'host', source: SOURCE, group, what: name })
}

/** `env:` of a workflow, job or step; a shell in `run:` sees them as `$NAME`. */
function addEnv(file: SourceFile, node: YAMLMap, variables: Variables): void {
  for (const pair of mapAt(node, ['env'])?.items ?? []) {
    const name = stringAt(pair.key, [])?.value
    const value = stringAt(pair.value, [])
    if (name === undefined || !value) continue
    variables.set(`env.${name}`, [{ value: tracedOf(file, value) }])
    variables.set(name, [{ value: tracedOf(file, value) }])
  }
}

/** `workflow_dispatch` and `workflow_call` inputs: their defaults are what scheduled runs use. */
function addInputDefaults(file: SourceFile, root: YAMLMap, variables: Variables): void {
  const on = root.get('on', true)
  for (const trigger of ['workflow_dispatch', 'workflow_call']) {
    for (const pair of mapAt(on, [trigger, 'inputs'])?.items ?? []) {
      const name = stringAt(pair.key, [])?.value
      const value = stringAt(pair.value, ['default'])
      if (name !== undefined && value) addVariable(variables, `inputs.${name}`, { value: tracedOf(file, value) })
    }
  }
}
