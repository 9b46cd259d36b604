import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml'
import type { Location } from '../model.js'
import type { SourceFile } from './source-file.js'
import type { Traced } from './traced.js'
import { followAlias, valueIn } from './yaml-aliases.js'

/** A string scalar found at a path, with the location of a token inside it. */
export interface StringAt {
  value: string
  node: Scalar
}

/** Every lookup below follows aliases and merge keys (yaml-aliases.ts). */
export function mapAt(node: unknown, path: readonly string[]): YAMLMap | undefined {
  let current: unknown = followAlias(node)
  for (const key of path) {
    if (!isMap(current)) return undefined
    current = valueIn(current, key)
  }
  return isMap(current) ? current : undefined
}

export function stringAt(node: unknown, path: readonly string[]): StringAt | undefined {
  return asString(valueAt(node, path))
}

/** Whatever node sits at a path of maps (a scalar, a list, a map), or undefined; a number picks a list's item (`nodes.0.image`). */
export function valueAt(node: unknown, path: readonly string[]): unknown {
  let current: unknown = followAlias(node)
  for (const key of path) {
    if (isSeq(current) && /^\d{1,4}$/.test(key)) current = followAlias(current.items[Number(key)])
    else if (isMap(current)) current = valueIn(current, key)
    else return undefined
  }
  return current
}

/** Numbers count as strings too: `version: 1.32` is common and means "1.32". */
export function asString(aliased: unknown): StringAt | undefined {
  const node = followAlias(aliased)
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined
  if (typeof node.value !== 'string' && typeof node.value !== 'number') return undefined
  return { value: sourceOf(node), node }
}

export function itemsOf(aliased: unknown): Node[] {
  const node = followAlias(aliased)
  return isSeq(node) ? (node.items.map(followAlias).filter((item) => item !== null) as Node[]) : []
}

/**
 * The location of `token` inside a scalar, pointing at the token itself (past quotes and
 * any image name before a tag).
 */
export function locateIn(file: SourceFile, at: StringAt, token: string = at.value): Location {
  const [start, end] = at.node.range ?? [0, 0]
  const within = file.text.slice(start, end).indexOf(token)
  return file.locate(start + (within === -1 ? 0 : within))
}

/**
 * The scalar as traced text: a plain or quoted value without escapes is found verbatim in
 * the source; otherwise every character maps to the scalar's start.
 */
export function tracedOf(file: SourceFile, at: StringAt): Traced {
  const [start, end] = at.node.range ?? [0, 0]
  const within = file.text.slice(start, end).indexOf(at.value)
  return [{ text: at.value, file, offset: start + Math.max(within, 0), exact: within !== -1 }]
}

/** The string at `key` of a map, when the node is a map. */
export function stringIn(aliased: unknown, key: string): StringAt | undefined {
  const node = followAlias(aliased)
  return isMap(node) ? asString(valueIn(node, key)) : undefined
}

/** Every string at `key` of a map: one string or a list of strings. */
export function stringsIn(aliased: unknown, key: string): StringAt[] {
  const node = followAlias(aliased)
  if (!isMap(node)) return []
  const value = valueIn(node, key)
  if (isSeq(value)) return value.items.flatMap((item) => asString(item) ?? [])
  const one = asString(value)
  return one ? [one] : []
}

/**
 * A numeric scalar's JavaScript value loses what was written (`1.30` → 1.3), so numbers
 * are read back from the source text.
 */
function sourceOf(node: Scalar): string {
  if (typeof node.value === 'number' && node.source !== undefined) return String(node.source)
  return String(node.value)
}
