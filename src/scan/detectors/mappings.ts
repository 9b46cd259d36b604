import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { SourceFile } from '../source-file.js'
import { hclBody, reference, type Block, type Token } from '../terraform/hcl.js'
import { traced, type Traced } from '../traced.js'
import { asString, tracedOf } from '../yaml-nodes.js'

/** One key of a mapping with the scalar values it holds (one, or each item of a list of scalars). */
export interface Entry {
  /** As written. */
  key: string
  values: Traced[]
  /** Where the key is written. */
  offset: number
  /** An HCL value that names a variable or local (`var.vcluster_version`): resolved when every file is read. */
  reference?: { name: string; offset: number }
}

/**
 * A mapping of any format (a YAML or JSON object, an HCL block or object, a TOML table, an
 * indented block of a template) reduced to what the detectors read: its scalar entries by
 * normalised key name, and the keys of the mappings around it.
 */
export interface Mapping {
  /** Keys from the document root to this mapping (list items add nothing). */
  path: string[]
  entries: Map<string, Entry>
  /** Where the mapping starts. */
  offset: number
}

/** `kubernetes_version`, `kubernetesVersion`, `KUBERNETES-VERSION` → `kubernetesversion`. */
export function normalisedKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '')
}

export function newMapping(path: string[], offset: number): Mapping {
  return { path, entries: new Map(), offset }
}

export function addEntry(mapping: Mapping, key: string, value: Traced | undefined, offset: number): void {
  const name = normalisedKey(key)
  const entry = mapping.entries.get(name) ?? { key, values: [], offset }
  if (value && value.length > 0) entry.values.push(value)
  mapping.entries.set(name, entry)
}

/** Nesting deeper than this is not read (hostile input; no configuration nests this deep). */
const MAX_DEPTH = 64

/** The mappings of parsed YAML documents. Aliases are not followed: what they repeat is read where it is written. */
export function yamlMappings(file: SourceFile, roots: readonly unknown[]): Mapping[] {
  const out: Mapping[] = []
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH || isAlias(node)) return
    if (isSeq(node)) {
      for (const item of node.items) walk(item, path, depth + 1)
      return
    }
    if (!isMap(node)) return
    const mapping = newMapping(path, node.range?.[0] ?? 0)
    out.push(mapping)
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined
      if (!key || (typeof key.value !== 'string' && typeof key.value !== 'number')) continue
      const name = String(key.value)
      const value = pair.value
      const keyOffset = key.range?.[0] ?? 0
      const scalar = asString(value)
      if (scalar) addEntry(mapping, name, tracedOf(file, scalar), keyOffset)
      else if (isSeq(value) && value.items.every((item) => isScalar(item))) {
        for (const item of value.items) {
          const itemScalar = asString(item)
          if (itemScalar) addEntry(mapping, name, tracedOf(file, itemScalar), keyOffset)
        }
      } else {
        addEntry(mapping, name, undefined, keyOffset)
        walk(value, [...path, name], depth + 1)
      }
    }
  }
  for (const root of roots) walk(root, [], 0)
  return out
}

/**
 * The mappings of an HCL file: each block (its attributes holding one literal) and each object
 * written as an attribute's value (`vcluster = { chart = "vcluster", version = "0.21.0" }`).
 * Variables are not entries: their value may come from a `.tfvars` file (named-value.ts).
 */
export function hclMappings(file: SourceFile): Mapping[] {
  const out: Mapping[] = []
  const root = hclBody(file)
  const top = newMapping([], 0)
  out.push(top)
  const visit = (block: Block, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return
    const mapping = depth === 0 ? top : newMapping(path, block.offset)
    if (depth > 0) out.push(mapping)
    for (const attribute of block.attributes.values()) {
      const literal = literalOf(file, attribute.value)
      addEntry(mapping, attribute.name, literal, attribute.nameOffset)
      const named = reference(attribute.value)
      if (named && (named.root === 'var' || named.root === 'local')) {
        mapping.entries.get(normalisedKey(attribute.name))!.reference = { name: named.root === 'var' ? named.name : `local.${named.name}`, offset: named.offset }
      }
      if (!literal && attribute.value[0]?.text === '{') objectMappings(file, attribute.value, [...path, attribute.name], out)
    }
    for (const child of block.blocks) {
      if (child.type === 'variable') continue
      visit(child, [...path, child.type, ...child.labels], depth + 1)
    }
  }
  visit(root, [], 0)
  return out
}

function literalOf(file: SourceFile, value: readonly Token[]): Traced | undefined {
  const token = value.length === 1 ? value[0] : undefined
  if (!token || (token.kind !== 'string' && token.kind !== 'number')) return undefined
  return traced(file, token.text, token.offset, !token.text.includes('\\'))
}

/** Objects inside an attribute's value (`{ a = "x", b = { c = "y" } }`), one mapping each. */
function objectMappings(file: SourceFile, tokens: readonly Token[], path: string[], out: Mapping[]): void {
  const stack: Array<{ mapping: Mapping; keyed: boolean }> = []
  const keys: string[] = []
  let pendingKey: Token | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'punct' && token.text === '{') {
      if (stack.length >= MAX_DEPTH) return
      if (pendingKey) keys.push(pendingKey.text)
      const mapping = newMapping([...path, ...keys], token.offset)
      stack.push({ mapping, keyed: pendingKey !== undefined })
      pendingKey = undefined
      out.push(mapping)
    } else if (token.kind === 'punct' && token.text === '}') {
      if (stack.pop()?.keyed) keys.pop()
    } else if ((token.kind === 'ident' || token.kind === 'string') && (tokens[i + 1]?.text === '=' || tokens[i + 1]?.text === ':')) {
      const current = stack[stack.length - 1]?.mapping
      const value = tokens[i + 2]
      if (current && value && (value.kind === 'string' || value.kind === 'number')) {
        addEntry(current, token.text, literalOf(file, [value]), token.offset)
        i += 2
      } else {
        pendingKey = token
        i++
      }
    }
  }
}
