import type { Component, Diagnostic, Environment, EnvironmentSlot, KubernetesRole, UnknownCause, UnknownVersion } from '../model.js'
import type { WhatIf } from '../config/what-if.js'
import { slotOf } from '../resolve/releases.js'
import { slotsSetBy } from '../resolve/what-if.js'

/**
 * One place where the repository uses a version that the gate cannot read: the one `unknown`
 * marker. The scan says it in two ways (a diagnostic for people, an unknown version for the
 * environment's slot); a place is listed once, whichever said it, with why.
 */
export interface UnknownPlace {
  file: string
  line?: number
  column?: number
  cause: UnknownCause
  /** What is there and why it cannot be read. */
  message: string
  /** The environment slot it leaves unknown; absent when it fills none (a chart without a version, a tool's default). */
  slot?: EnvironmentSlot
  component?: Component
  role?: KubernetesRole
}

const SLOT_WHAT: Record<EnvironmentSlot, string> = {
  vcluster: 'vcluster version',
  virtual: 'virtual Kubernetes version',
  host: 'host Kubernetes version',
  kind: 'kind version',
  kubectl: 'kubectl version'
}

/**
 * Every place once, in reading order (file, line). `unknowns` are the scan's (some pair with no
 * release); the environments' add those that configuration placed. A diagnostic and an unknown at
 * one line are one place: the diagnostic's words, the unknown's slot.
 */
export function unknownPlaces(
  unknowns: readonly UnknownVersion[],
  environments: readonly Environment[],
  diagnostics: readonly Diagnostic[]
): UnknownPlace[] {
  const places = new Map<string, UnknownPlace>()
  const keyOf = (at: { file: string; line?: number }): string => `${at.file}:${at.line ?? ''}`
  for (const diagnostic of diagnostics) {
    if (!diagnostic.unresolved || places.has(keyOf(diagnostic))) continue
    places.set(keyOf(diagnostic), {
      file: diagnostic.file,
      ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
      ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
      cause: diagnostic.cause ?? 'not-a-version',
      message: diagnostic.message
    })
  }
  const seen = new Set<UnknownVersion>()
  for (const unknown of [...unknowns, ...environments.flatMap((environment) => environment.unknown ?? [])]) {
    if (seen.has(unknown)) continue
    seen.add(unknown)
    const slot = slotOf(unknown)
    const place = places.get(keyOf(unknown))
    if (place) {
      if (place.slot === undefined && slot !== undefined) Object.assign(place, { slot, component: unknown.component, ...(unknown.role ? { role: unknown.role } : {}) })
      continue
    }
    places.set(keyOf(unknown), {
      file: unknown.file,
      line: unknown.line,
      column: unknown.column,
      cause: unknown.cause,
      message: `${slot ? SLOT_WHAT[slot] : `${unknown.component} version`}: ${unknown.reason}`,
      ...(slot ? { slot } : {}),
      component: unknown.component,
      ...(unknown.role ? { role: unknown.role } : {})
    })
  }
  return [...places.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)))
}

/**
 * The places `--strict` fails on: all of them but those whose slot a `--target` sets. The
 * target is the version of that slot in every environment (src/resolve/what-if.ts), so what
 * the file holds there decides nothing; the place is still listed.
 */
export function undecidedPlaces(places: readonly UnknownPlace[], targets: readonly WhatIf[]): UnknownPlace[] {
  const decided = slotsSetBy(targets)
  return places.filter((place) => place.slot === undefined || !decided.has(place.slot))
}
