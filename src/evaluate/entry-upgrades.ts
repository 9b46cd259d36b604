import type { Database, Entry, Scenario } from '../db/schema.js'
import type { Environment } from '../model.js'
import { adviseUpgrade, describeOption, type UpgradeAdvice } from './advisor.js'
import { applyEntry } from './evaluate.js'
import { buildScenario } from './examples.js'
import { buildTargets } from './targets.js'

/** The advisor's answer for affected examples of an entry: one path, and the examples it is the answer for. */
export interface ExampleUpgrade {
  /** "vcluster 0.22.1, virtual k3s 1.32.0, host 1.31.4": the versions each advice starts from. */
  from: string[]
  /** "virtual k8s 1.35, vcluster 0.35.0; keeping k3s: vcluster 0.23.0 (past end of life)": where to go. */
  to: string
}

/** Distributions the advisor treats differently: vcluster removed k3s and k0s, k8s stays. */
const DISTROS = ['k8s', 'k3s'] as const

/**
 * The upgrade path the advisor computes for an entry's own affected examples (the versions
 * its authors wrote down as hit), on `date`. A virtual cluster is tried with each
 * distribution the entry still fires on, because the path differs once a release drops one;
 * identical answers are shown once. Examples that need a manifest or a runtime say nothing
 * here: a version change does not decide them.
 */
export function upgradesForEntry(entry: Entry, database: Database, date: string): ExampleUpgrade[] {
  const paths = new Map<string, string[]>()
  for (const scenario of entry.examples?.affected ?? []) {
    const built = buildScenario(scenario)
    if (!built.ok || built.usages.length > 0) continue
    for (const environment of distroVariants(built.environment, scenario)) {
      const day = scenario.date ?? date
      const [target] = buildTargets([environment], [], built.declarations)
      if (applyEntry(entry, target!, { date: day }).length === 0) continue
      const advice = adviseUpgrade(environment, database, day)
      if (!advice?.text || !advice.current.includes(entry.id)) continue
      const to = describePath(advice)
      const from = `${describeVersions(environment)}${scenario.date ? ` on ${scenario.date}` : ''}`
      const starts = paths.get(to) ?? []
      if (!starts.includes(from)) starts.push(from)
      paths.set(to, starts)
    }
  }
  return [...paths].map(([to, from]) => ({ from, to }))
}

/** The advice's destination without the "(now …)" of each step, so examples that go to the same place share a line. */
function describePath(advice: UpgradeAdvice): string {
  const { recommended, keepingDistro, distroBlocked, ceiling } = advice
  if (!recommended) return 'no version in the database clears it'
  const parts = [describeOption(recommended, false)]
  if (recommended.remaining.length > 0) parts.push(`${recommended.remaining.join(', ')} still hold${recommended.remaining.length === 1 ? 's' : ''}`)
  if (ceiling && recommended.steps.some((step) => step.component === 'vcluster')) parts.push(`not vcluster ${ceiling.vcluster} or later (${ceiling.ids.join(', ')})`)
  if (keepingDistro) {
    const distro = advice.recommended?.steps.find((step) => step.distro)?.distro?.from ?? 'the distribution'
    const keep = keepingDistro.steps.length > 0 ? describeOption(keepingDistro, false) : 'the declared versions'
    parts.push(`keeping ${distro}: ${keep}${keepingDistro.endOfLife ? ' (past end of life)' : ''}`)
  }
  if (distroBlocked) parts.push(`keeping the distribution, nothing clears ${distroBlocked.join(', ')}`)
  return parts.join('; ')
}

/** The example as written, then with the other distribution when it did not write one. */
function distroVariants(environment: Environment, scenario: Scenario): Environment[] {
  const { virtual } = environment
  // "v1.32.0-k3s1" says its distribution; "1.32.0" is read as k8s and could be either.
  if (!virtual || !environment.vcluster || /[-+](k3s|k0s)/.test(scenario.virtual ?? '')) return [environment]
  return DISTROS.map((distro) => ({ ...environment, virtual: { ...virtual, distro } }))
}

function describeVersions(environment: Environment): string {
  const { vcluster, virtual, host, kubectl } = environment
  return [
    kubectl ? `kubectl ${kubectl.version}` : undefined,
    vcluster ? `vcluster ${vcluster.version}` : undefined,
    virtual ? `virtual ${virtual.distro ?? 'Kubernetes'} ${virtual.version}` : undefined,
    host ? `host ${host.distro && host.distro !== 'k8s' ? `${host.distro} ` : ''}${host.version}` : undefined
  ]
    .filter((part) => part !== undefined)
    .join(', ')
}
