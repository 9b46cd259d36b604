import type { WhatIf } from '../config/what-if.js'
import { ENVIRONMENT_SLOTS, type Declaration, type Diagnostic, type Environment } from '../model.js'
import { byPosition, type ScanResult } from '../scan/scan.js'
import { applyConfiguredEnvironments, type ConfiguredEnvironment } from './configured.js'
import { resolveEnvironments } from './environments.js'
import { impliedVirtualVersions } from './implied.js'
import { joinOverlays } from './overlays.js'
import { joinUmbrellas } from './umbrella.js'
import { ReleaseIndex } from './releases.js'
import { applyWhatIfs } from './what-if.js'

/** What the resolve stage (and after it, evaluation) reads of a scan: two scans equal in these resolve and evaluate alike. */
export const RESOLVE_INPUTS = ['declarations', 'links', 'unknowns', 'usages', 'distros', 'deploys', 'objects', 'overlays', 'charts'] as const
export type ResolveInput = Pick<ScanResult, (typeof RESOLVE_INPUTS)[number]>

export interface ResolveOptions {
  /** `environments:` of the configuration: stated pairings that override inference. */
  configured?: readonly ConfiguredEnvironment[]
  /** `--target`: evaluate as if these versions were deployed. */
  whatIfs?: readonly WhatIf[]
}

/** What the resolve stage hands to evaluation. */
export interface Resolved {
  /** The scan's declarations with the release defaults that apply (`implied`). */
  declarations: Declaration[]
  environments: Environment[]
  diagnostics: Diagnostic[]
}

/**
 * scan → resolve → evaluate: pairs what the scan found into environments, each with the
 * evidence for its pairing (docs/pairing.md). A release whose values set no virtual version
 * takes its release default; one whose values set it unreadably keeps it unknown. Then the
 * configuration's `environments:` replace what they state, and `--target` versions are put in.
 */
export function resolveRepository(
  scan: ResolveInput,
  options: ResolveOptions = {}
): Resolved {
  // Umbrella charts as Helm builds them (umbrella.ts), then kustomize overlays that patch a release (overlays.ts).
  const umbrellas = joinUmbrellas(scan)
  const joined = joinOverlays({ ...scan, declarations: umbrellas.declarations, links: umbrellas.links })
  const index = new ReleaseIndex(joined.declarations, joined.links, joined.unknowns, scan.usages)
  const implied = impliedVirtualVersions(index.membership, joined.links, joined.distros, new Set(joined.deploys), (group) => index.settled(group))
  const declarations = [...joined.declarations, ...implied].sort(byPosition)
  const inferred = resolveEnvironments(declarations, { links: joined.links, unknowns: joined.unknowns, usages: scan.usages })
  const configured = applyConfiguredEnvironments(inferred, declarations, joined.unknowns, options.configured ?? [])
  const planned = applyWhatIfs(configured.environments, options.whatIfs ?? [])
  // A patched release's copies of its base's declarations are the base's lines: the report shows each once.
  const original = (d: Declaration): Declaration => joined.copyOf.get(d) ?? d
  if (joined.copyOf.size > 0) for (const environment of planned.environments) for (const slot of ENVIRONMENT_SLOTS) if (environment[slot]) environment[slot] = original(environment[slot])
  return {
    declarations: [...declarations.filter((d) => !joined.copyOf.has(d)), ...planned.declarations].sort(byPosition),
    environments: planned.environments,
    diagnostics: [...umbrellas.diagnostics, ...configured.diagnostics, ...planned.diagnostics]
  }
}
