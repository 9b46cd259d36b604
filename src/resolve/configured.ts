import ignore from 'ignore'
import type { Declaration, Diagnostic, Environment, EnvironmentSlot, PairingEvidence, UnknownVersion } from '../model.js'
import { slotOf } from './releases.js'

/** One entry of `environments:` in `.kube-compat-gate.yml`: which release, values and host go together. */
export interface ConfiguredEnvironment {
  name?: string
  /** Files (gitignore-style globs) whose vcluster version is the release. */
  vcluster: string[]
  /** Files whose virtual Kubernetes version (values) the release reads; inferred when left out. */
  values?: string[]
  /** Files whose host Kubernetes version the release lands on; inferred when left out. */
  host?: string[]
  /** Where the entry is written. */
  file: string
  line: number
}

/**
 * The configuration says the topology where inference cannot: each configured environment
 * replaces what was inferred for its releases (and for the values and hosts it names). A slot
 * it leaves out keeps the inferred pairing. A pattern that matches nothing is a diagnostic at
 * the entry's line, so a stale path is never silently ignored.
 */
export function applyConfiguredEnvironments(
  inferred: readonly Environment[],
  declarations: readonly Declaration[],
  unknowns: readonly UnknownVersion[],
  configured: readonly ConfiguredEnvironment[]
): { environments: Environment[]; diagnostics: Diagnostic[] } {
  if (configured.length === 0) return { environments: [...inferred], diagnostics: [] }
  const diagnostics: Diagnostic[] = []
  const replaced = new Set<Declaration>()
  const claimedValues: string[] = []
  const claimedHosts = new Set<Declaration>()
  const added: Environment[] = []
  let total = 0
  const byRelease = new Map<Declaration, Environment[]>()
  for (const environment of inferred) {
    if (!environment.vcluster) continue
    const list = byRelease.get(environment.vcluster)
    if (list) list.push(environment)
    else byRelease.set(environment.vcluster, [environment])
  }
  const inferredOf = (release: Declaration): Environment[] => byRelease.get(release) ?? []

  configured.forEach((entry, index) => {
    const label = `environments[${index}]${entry.name ? ` (${entry.name})` : ''}`
    const problem = (message: string): void => {
      diagnostics.push({ file: entry.file, line: entry.line, message: `${label}: ${message}` })
    }
    const matches = globs(entry.vcluster)
    const releases = declarations.filter((d) => slotOf(d) === 'vcluster' && matches(d.file))
    if (releases.length === 0) {
      problem(`no vcluster version is declared in files matching ${entry.vcluster.join(', ')}`)
      return
    }
    const values = entry.values ? pick(declarations, unknowns, 'virtual', globs(entry.values)) : undefined
    if (entry.values && values!.length === 0) problem(`no virtual Kubernetes version is set in files matching ${entry.values.join(', ')}`)
    const hosts = entry.host ? pick(declarations, unknowns, 'host', globs(entry.host)) : undefined
    if (entry.host && hosts!.length === 0) problem(`no host Kubernetes version is declared in files matching ${entry.host.join(', ')}`)
    const via = { file: entry.file, line: entry.line }
    const stated = (release: Declaration, options: Option[]): Option[] => (releases.length > 1 ? nearest(release, options) : options)
    const valuesOf = (release: Declaration): Option[] => (values?.length ? stated(release, values) : unique(inferredOf(release).map((e) => option(e, 'virtual'))))
    const hostsOf = (release: Declaration): Option[] => (hosts?.length ? stated(release, hosts) : unique(inferredOf(release).map((e) => option(e, 'host'))))
    const count = releases.reduce((sum, release) => sum + Math.max(1, valuesOf(release).length) * Math.max(1, hostsOf(release).length), 0)
    if (total + count > MAX_CONFIGURED_ENVIRONMENTS) {
      // Refused whole, so the inferred pairing of its releases is still checked: a long cross product cannot hide them.
      diagnostics.push({
        file: entry.file,
        line: entry.line,
        message:
          `${label}: not applied: its patterns pair ${count} environments (with the entries before it, more than ${MAX_CONFIGURED_ENVIRONMENTS}); ` +
          'the inferred pairing is checked instead. Name fewer files, or write one entry per release',
        warning: true,
        configuration: true
      })
      return
    }
    total += count
    if (entry.values) claimedValues.push(...entry.values)

    for (const release of releases) {
      replaced.add(release)
      const base = inferredOf(release)
      const template = base[0] ?? {}
      const virtuals: Array<Option | undefined> = valuesOf(release)
      const hostOptions: Array<Option | undefined> = hostsOf(release)
      for (const virtual of virtuals.length > 0 ? virtuals : [undefined]) {
        for (const host of hostOptions.length > 0 ? hostOptions : [undefined]) {
          if (host && 'version' in host) claimedHosts.add(host)
          const environment: Environment = {
            ...(entry.name ? { name: entry.name } : {}),
            vcluster: release,
            evidence: [configuredEvidence('vcluster', release, via)],
            valuesFiles: [...new Set(base.flatMap((e) => e.valuesFiles ?? []))]
          }
          const set = (slot: EnvironmentSlot, chosen: Option | undefined, stated: boolean): void => {
            if (!chosen) return
            if ('version' in chosen) environment[slot] = chosen
            else environment.unknown = [...(environment.unknown ?? []), chosen]
            const inherited = base.flatMap((e) => e.evidence ?? []).find((x) => x.slot === slot && x.file === chosen.file && x.line === chosen.line)
            environment.evidence!.push(stated || !inherited ? configuredEvidence(slot, chosen, via) : inherited)
            if (stated && slot === 'virtual' && !environment.valuesFiles!.includes(chosen.file)) environment.valuesFiles!.push(chosen.file)
          }
          set('virtual', virtual, values !== undefined && values.length > 0)
          set('host', host, hosts !== undefined && hosts.length > 0)
          for (const slot of ['kind', 'kubectl'] as const) {
            const tool = template[slot]
            if (tool) {
              environment[slot] = tool
              const evidence = template.evidence?.find((x) => x.slot === slot)
              if (evidence) environment.evidence!.push(evidence)
            }
          }
          added.push(environment)
        }
      }
    }
    const dropped = releases.flatMap((release) => droppedPairings(inferredOf(release), added))
    if (dropped.length > 0) {
      // Said where the pull request can see it: a configuration that re-pairs a release can hide what the layout pairs.
      diagnostics.push({
        file: entry.file,
        line: entry.line,
        message: `${label}: replaces the inferred pairing ${dropped[0]}${dropped.length > 1 ? ` and ${dropped.length - 1} more` : ''}, which is no longer checked`,
        warning: true,
        configuration: true
      })
    }
  })

  const valuesClaimed = claimedValues.length > 0 ? globs(claimedValues) : () => false
  const kept = inferred.filter((environment) => {
    if (environment.vcluster && replaced.has(environment.vcluster) && !environment.unpaired) return false
    if (environment.unpaired && (environment.valuesFiles ?? []).every(valuesClaimed)) return false
    // A host that a configured environment lands on is no longer a host alone.
    if (!environment.vcluster && !environment.virtual && environment.host && claimedHosts.has(environment.host)) return false
    return true
  })
  // Hosts that only the replaced inferences landed on are still declared hosts: each is checked on its own.
  const environments = [...added, ...kept]
  const hosted = new Set(environments.flatMap((e) => (e.host ? [e.host] : [])))
  const seen = new Set<string>()
  for (const environment of inferred) {
    const host = environment.host
    if (!host || hosted.has(host) || !environment.vcluster || !replaced.has(environment.vcluster)) continue
    const key = `${host.file}|${host.line}|${host.version}`
    if (seen.has(key)) continue
    seen.add(key)
    environments.push({ host, evidence: [{ slot: 'host', kind: 'same-release', file: host.file, line: host.line, text: `host from ${host.file}:${host.line} (declared here, no release stated on it)` }] })
  }
  return { environments, diagnostics }
}

type Option = Declaration | UnknownVersion

/** The inferred release pairings with values or a host that no configured environment keeps, as `release:line with file:line`. */
function droppedPairings(inferred: readonly Environment[], added: readonly Environment[]): string[] {
  const dropped: string[] = []
  for (const environment of inferred) {
    if (environment.unpaired || !environment.vcluster) continue
    const virtual = option(environment, 'virtual')
    const host = option(environment, 'host')
    if (!virtual && !host) continue
    const at = (o: Option | undefined): string => (o ? `${o.file}:${o.line}` : '')
    const kept = added.some((e) => e.vcluster === environment.vcluster && at(option(e, 'virtual')) === at(virtual) && at(option(e, 'host')) === at(host))
    if (kept) continue
    dropped.push(`of ${at(environment.vcluster)} with ${[virtual, host].filter((o): o is Option => o !== undefined).map(at).join(' and ')}`)
  }
  return dropped
}

/**
 * Past this many configured environments an entry is not applied. A few glob patterns can name
 * thousands of files each, and every release × values × host combination is evaluated (40 charts,
 * values files and kind configs made 64,000 environments and 34 s; 100 of each did not finish).
 */
export const MAX_CONFIGURED_ENVIRONMENTS = 10_000

/**
 * When one entry names several releases, each takes the values or hosts in its own directory or
 * below (a pattern for every `clusters/NAME/Chart.yaml` with one for every `clusters/NAME/values.yaml`
 * pairs folder by folder); a release
 * with none there takes every one the entry names.
 */
function nearest(release: Declaration, options: readonly Option[]): Option[] {
  const directory = release.file.includes('/') ? release.file.slice(0, release.file.lastIndexOf('/') + 1) : ''
  const below = directory === '' ? [] : options.filter((option) => option.file.startsWith(directory))
  return below.length > 0 ? below : [...options]
}

function option(environment: Environment, slot: 'virtual' | 'host'): Option | undefined {
  return environment[slot] ?? environment.unknown?.find((u) => slotOf(u) === slot)
}

function pick(declarations: readonly Declaration[], unknowns: readonly UnknownVersion[], slot: EnvironmentSlot, matches: (file: string) => boolean): Option[] {
  return [...declarations.filter((d) => slotOf(d) === slot && matches(d.file)), ...unknowns.filter((u) => slotOf(u) === slot && matches(u.file))]
}

function unique<T>(items: ReadonlyArray<T | undefined>): T[] {
  return [...new Set(items.filter((item): item is T => item !== undefined))]
}

function configuredEvidence(slot: EnvironmentSlot, at: Option, via: { file: string; line: number }): PairingEvidence {
  const what = slot === 'virtual' ? 'values' : slot
  return { slot, kind: 'configuration', file: at.file, line: at.line, text: `${what} from ${at.file}:${at.line} (${via.file}:${via.line} environments:)` }
}

/** gitignore-style patterns, as `include`/`exclude` and waiver `paths` take them. */
function globs(patterns: readonly string[]): (file: string) => boolean {
  const matcher = ignore().add([...patterns])
  return (file) => file !== '' && !file.startsWith('/') && !file.startsWith('..') && matcher.ignores(file)
}
