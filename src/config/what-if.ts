import { UsageError } from '../errors.js'
import { parseVersion } from '../versions/parse.js'

/** What `--target KEY=VERSION` can set: `kubernetes` is every Kubernetes version (host and virtual). */
export const WHAT_IF_KEYS = ['kubernetes', 'host', 'virtual', 'vcluster', 'kind', 'kubectl'] as const
export type WhatIfKey = (typeof WHAT_IF_KEYS)[number]

/** One what-if version: evaluate as if this version were deployed. */
export interface WhatIf {
  key: WhatIfKey
  /** Normalised: MAJOR.MINOR.PATCH[-prerelease] or MAJOR.MINOR. */
  version: string
  distro?: string
  /** As written, `kubernetes=1.34`. */
  spec: string
}

/**
 * Parses `--target` flags (or the `targets` input, `name` says which) once: a key, `=`, and
 * one version (not a range: a what-if is a version that would be deployed).
 */
export function parseWhatIfs(specs: readonly string[], name: string): WhatIf[] {
  return specs.map((spec) => {
    const equals = spec.indexOf('=')
    const key = spec.slice(0, Math.max(equals, 0)).trim()
    const value = spec.slice(equals + 1).trim()
    if (equals === -1 || !(WHAT_IF_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`${name} "${spec}": write KEY=VERSION with KEY one of ${WHAT_IF_KEYS.join(', ')} (e.g. kubernetes=1.34)`)
    }
    const parsed = parseVersion(value)
    if (!parsed.ok) throw new UsageError(`${name} "${spec}": ${parsed.reason}`)
    if (parsed.value.kind === 'range') throw new UsageError(`${name} "${spec}": a what-if is one version, not a range`)
    return { key: key as WhatIfKey, version: parsed.value.version, ...(parsed.value.distro ? { distro: parsed.value.distro } : {}), spec }
  })
}
