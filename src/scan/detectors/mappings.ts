import { isAlias, isMap, isScalar, isSeq, type YAMLMap } from 'yaml'
import type { DocumentFilter, SourceFile } from '../source-file.js'
import { blockDocument } from '../yaml-block.js'
import { parseSpan } from '../yaml-documents.js'
import { tooDeepAt } from '../yaml-depth.js'
import { dottedReference, hclBody, literalString, type Block, type Token } from '../terraform/hcl.js'
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
  /** The YAML document it is part of (undefined in other formats). */
  document?: DocumentContext
}

/** `kubernetes_version`, `kubernetesVersion`, `KUBERNETES-VERSION` → `kubernetesversion`. */
export function normalisedKey(key: string): string {
  let normal = NORMALISED.get(key)
  if (normal === undefined) {
    normal = key.toLowerCase().replace(/[-_.\s]/g, '')
    if (NORMALISED.size >= MAX_NORMALISED) NORMALISED.clear()
    NORMALISED.set(key, normal)
  }
  return normal
}

/**
 * Normalised keys by key as written: a monorepo's manifests repeat the same few hundred keys
 * (`name`, `image`, `version`), and every entry of every mapping and every detector's look at a
 * mapping's path normalised its key again (0.18 of the detectors' 1.9 s under the profiler).
 * Cleared when full, so hostile input with endless distinct keys cannot grow it.
 */
const NORMALISED = new Map<string, string>()
const MAX_NORMALISED = 10_000

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
/** A YAML string inside a YAML string inside ... is read this many levels deep. */
const MAX_EMBEDDED = 2

/**
 * The mappings of parsed YAML documents. Aliases are not followed: what they repeat is read where it is written.
 * A block string that is YAML itself (`values: |-` of a release or template, `parameters: |`) is read as
 * mappings below its key when it holds a word some detector looks for (`wanted`): only that string is
 * parsed, never the file again.
 */
export function yamlMappings(file: SourceFile, roots: readonly unknown[], wanted: DocumentFilter = () => true): Mapping[] {
  const out: Mapping[] = []
  const walk = (node: unknown, path: string[], depth: number, document: DocumentContext | undefined, embedded: number): void => {
    if (depth > MAX_DEPTH || isAlias(node)) return
    if (isSeq(node)) {
      for (const item of node.items) walk(item, path, depth + 1, document, embedded)
      return
    }
    if (!isMap(node)) return
    const mapping = newMapping(path, node.range?.[0] ?? 0)
    document ??= documentContext(file, node)
    mapping.document = document
    out.push(mapping)
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined
      if (!key || (typeof key.value !== 'string' && typeof key.value !== 'number')) continue
      const name = String(key.value)
      const value = pair.value
      const keyOffset = key.range?.[0] ?? 0
      const scalar = asString(value)
      const inner = embedded < MAX_EMBEDDED ? embeddedYaml(file, value, wanted) : undefined
      if (inner !== undefined) {
        addEntry(mapping, name, undefined, keyOffset)
        walk(inner, [...path, name], depth + 1, document, embedded + 1)
      } else if (scalar) addEntry(mapping, name, tracedOf(file, scalar), keyOffset)
      else if (isSeq(value) && value.items.every((item) => isScalar(item))) {
        for (const item of value.items) {
          const itemScalar = asString(item)
          if (itemScalar) addEntry(mapping, name, tracedOf(file, itemScalar), keyOffset)
        }
      } else {
        addEntry(mapping, name, undefined, keyOffset)
        walk(value, [...path, name], depth + 1, document, embedded)
      }
    }
    if (path[path.length - 1] === 'properties') {
      const defaults = schemaDefaults(file, node, path)
      if (defaults) out.push({ ...defaults, document })
    }
  }
  for (const root of roots) walk(root, [], 0, undefined, 0)
  return out
}

/**
 * An OpenAPI schema's `properties` (a Crossplane XRD, a CRD) read as the object its defaults make:
 * `version: { type: string, default: 0.29.0 }` beside `chartName: { default: vcluster }` is a vcluster
 * chart reference with its version, as if written `{ version: 0.29.0, chartName: vcluster }`.
 */
function schemaDefaults(file: SourceFile, properties: YAMLMap, path: string[]): Mapping | undefined {
  let mapping: Mapping | undefined
  for (const pair of properties.items) {
    const key = isScalar(pair.key) ? pair.key : undefined
    const fallback = isMap(pair.value) ? asString(pair.value.get('default', true)) : undefined
    if (!key || typeof key.value !== 'string' || !fallback) continue
    mapping ??= newMapping(path, properties.range?.[0] ?? 0)
    addEntry(mapping, key.value, tracedOf(file, fallback), key.range?.[0] ?? 0)
  }
  return mapping
}

/**
 * The contents of a literal block string written as YAML (`|`, `|-`: its lines are the file's own
 * text, so every offset stays the file's), or undefined when the string is something else or does not
 * parse as one document.
 */
function embeddedYaml(file: SourceFile, node: unknown, wanted: DocumentFilter): unknown {
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string' || !node.range) return undefined
  const content = node.value
  if (!EMBEDDED_KEY.test(content) || !wanted(content)) return undefined
  const start = file.text.indexOf('\n', node.range[0]) + 1
  const end = node.range[1]
  if (start <= 0 || start >= end || tooDeepAt(file.text, start, end) !== undefined) return undefined
  const span = { start, end }
  const doc = blockDocument(file.text, span, { indentedRoot: true }) ?? parseSpan(file.text, span)
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents)) return undefined
  return doc.contents
}

/** A line of a string that starts like a YAML key (`controlPlane:`, `k8sVersion: v1.31.6`). */
const EMBEDDED_KEY = /^[ \t]*[A-Za-z_][\w.-]*:(?:[ \t]|$)/m

/** What the document around a mapping is: a Kubernetes object's apiVersion and kind, and whether it speaks of vcluster. */
export interface DocumentContext {
  apiVersion?: string
  kind?: string
  /** The document's text names vcluster (in a name, a label, a chart, a description). */
  mentionsVcluster: boolean
}

function documentContext(file: SourceFile, root: YAMLMap): DocumentContext {
  const [start, end] = root.range ?? [0, 0]
  const apiVersion = asString(root.get('apiVersion', true))?.value
  const kind = asString(root.get('kind', true))?.value
  return {
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(kind !== undefined ? { kind } : {}),
    mentionsVcluster: VCLUSTER_WORD.test(file.text.slice(start, end))
  }
}

const VCLUSTER_WORD = /vcluster/i

/**
 * The mappings of an HCL file: each block (its attributes holding one literal) and each object
 * written as an attribute's value (`vcluster = { chart = "vcluster", version = "0.21.0" }`).
 * Variables are not entries: their value may come from a `.tfvars` file (named-value.ts); the fields of an
 * object default are (a `.tfvars` value of the variable is read there as well).
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
      const named = dottedReference(attribute.value)
      if (named && (named.root === 'var' || named.root === 'local')) {
        mapping.entries.get(normalisedKey(attribute.name))!.reference = { name: named.root === 'var' ? named.name : `local.${named.name}`, offset: named.offset }
      }
      if (!literal && attribute.value[0]?.text === '{') objectMappings(file, attribute.value, [...path, attribute.name], out)
    }
    for (const child of block.blocks) {
      if (child.type === 'variable') {
        // `default = { kubernetes_version = "1.30" }`: the object's fields are named values of their own (a scalar default is read by its variable's name).
        const fallback = child.attributes.get('default')?.value
        if (fallback?.[0]?.text === '{') objectMappings(file, fallback, [...path, child.type, ...child.labels, 'default'], out)
        continue
      }
      visit(child, [...path, child.type, ...child.labels], depth + 1)
    }
  }
  visit(root, [], 0)
  return out
}

function literalOf(file: SourceFile, value: readonly Token[]): Traced | undefined {
  const token = literalString(value)
  if (!token) return undefined
  return traced(file, token.text, token.offset, !token.text.includes('\\'))
}

/** A `var.x...`/`local.x...` reference written from `start` up to the end of its line, `,` or `}`; `end` is the index after it. */
function referenceAt(tokens: readonly Token[], start: number): { reference: { root: string; name: string; offset: number }; end: number } | undefined {
  let end = start
  while (end < tokens.length && end - start < 2 * MAX_DEPTH && (tokens[end]!.kind === 'ident' || tokens[end]!.text === '.')) end++
  const next = tokens[end]
  if (next !== undefined && next.kind !== 'newline' && next.text !== ',' && next.text !== '}') return undefined
  const reference = dottedReference(tokens.slice(start, end))
  return reference && (reference.root === 'var' || reference.root === 'local') ? { reference, end } : undefined
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
      const named = current ? referenceAt(tokens, i + 2) : undefined
      if (current && value && (value.kind === 'string' || value.kind === 'number')) {
        addEntry(current, token.text, literalOf(file, [value]), token.offset)
        i += 2
      } else if (current && named) {
        // `chart_version = local.env.vcluster.version` inside an object (Terragrunt `inputs = { ... }`).
        addEntry(current, token.text, undefined, token.offset)
        current.entries.get(normalisedKey(token.text))!.reference = { name: named.reference.root === 'var' ? named.reference.name : `local.${named.reference.name}`, offset: named.reference.offset }
        i = named.end - 1
      } else {
        pendingKey = token
        i++
      }
    }
  }
}
