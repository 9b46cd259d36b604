import type { Entry, Scenario } from '../db/schema.js'
import type { Component, Declaration, Environment, EnvironmentSlot, KubernetesRole, Usage } from '../model.js'
import { parseVersion } from '../versions/parse.js'
import { applyEntry } from './evaluate.js'
import { buildTargets } from './targets.js'

/** An example of an entry that does not behave as written. */
export interface ExampleProblem {
  /** Path inside the entry, e.g. `examples.affected.0`. */
  path: Array<string | number>
  message: string
}

/**
 * Runs an entry's examples: each `affected` scenario must produce a finding of the entry,
 * each `unaffected` one must not. This is what keeps a boundary (0.36.0 vs 0.36.1, host
 * 1.33 vs 1.34) from drifting when an entry or the range engine changes.
 */
export function checkExamples(entry: Entry, defaultDate: string): ExampleProblem[] {
  const problems: ExampleProblem[] = []
  for (const expected of ['affected', 'unaffected'] as const) {
    const scenarios = entry.examples?.[expected] ?? []
    scenarios.forEach((scenario, index) => {
      const path = ['examples', expected, index]
      const built = buildScenario(scenario)
      if (!built.ok) {
        problems.push({ path, message: built.reason })
        return
      }
      const [target] = buildTargets([built.environment], built.usages, built.declarations)
      const fired = applyEntry(entry, target!, { date: scenario.date ?? defaultDate }).length > 0
      if (fired !== (expected === 'affected')) {
        problems.push({
          path,
          message: `${expected === 'affected' ? 'does not fire' : 'fires'} on ${describeScenario(scenario)}, but is listed as ${expected}`
        })
      }
    })
  }
  return problems
}

type Built =
  | { ok: true; environment: Environment; usages: Usage[]; declarations: Declaration[] }
  | { ok: false; reason: string }

const FILE = 'example.yaml'

/** Declarations and usages as the scanner would produce them for one repository. */
export function buildScenario(scenario: Scenario): Built {
  const environment: Environment = {}
  const declarations: Declaration[] = []
  let line = 0
  const declare = (component: Component, raw: string, role?: KubernetesRole, distro?: string): Declaration | string => {
    const parsed = parseVersion(raw, { allowRange: true })
    if (!parsed.ok) return `${component}: ${parsed.reason}`
    const value = parsed.value
    const declaredDistro = (value.kind !== 'range' ? value.distro : undefined) ?? distro
    const declaration: Declaration = {
      component,
      ...(role ? { role } : {}),
      ...(declaredDistro ? { distro: declaredDistro } : {}),
      version: value.version,
      raw,
      file: FILE,
      line: ++line,
      column: 1,
      source: 'example',
      ...(value.kind === 'range' ? { constraint: true as const } : {}),
      group: '.'
    }
    declarations.push(declaration)
    return declaration
  }

  const slots: Array<[EnvironmentSlot, Component, string | undefined, KubernetesRole?, string?]> = [
    ['vcluster', 'vcluster', scenario.vcluster],
    ['virtual', 'kubernetes', scenario.virtual, 'virtual', 'k8s'],
    ['host', 'kubernetes', scenario.host, 'host', scenario.hostDistro],
    ['kind', 'kind', scenario.kind],
    ['kubectl', 'kubectl', scenario.kubectl]
  ]
  for (const [slot, component, raw, role, distro] of slots) {
    if (raw === undefined) continue
    const declaration = declare(component, raw, role, distro)
    if (typeof declaration === 'string') return { ok: false, reason: declaration }
    environment[slot] = declaration
  }
  for (const component of ['helm', 'runc', 'containerd'] as const) {
    const raw = scenario[component]
    if (raw === undefined) continue
    const declaration = declare(component, raw)
    if (typeof declaration === 'string') return { ok: false, reason: declaration }
  }

  const usages: Usage[] = []
  const use = (usage: Omit<Usage, 'file' | 'line' | 'column' | 'source' | 'group'>): void => {
    usages.push({ ...usage, file: FILE, line: ++line, column: 1, source: 'example', group: '.' })
  }
  for (const feature of scenario.uses ?? []) use({ feature, object: 'example-pod' })
  for (const name of scenario.featureGates ?? []) use({ feature: 'featureGate', name })
  for (const api of scenario.api ?? []) {
    const slash = api.lastIndexOf('/')
    use({ feature: 'api', apiVersion: api.slice(0, slash), kind: api.slice(slash + 1) })
  }
  return { ok: true, environment, usages, declarations }
}

function describeScenario(scenario: Scenario): string {
  return Object.entries(scenario)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ')
}
