import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The operations of GitHub's published OpenAPI description that the gate calls (see scripts/github-openapi-subset.mjs). */
const SPEC_FILE = join(import.meta.dirname, 'openapi', 'api.github.com.subset.json')

type Json = Record<string, unknown>

export interface Operation {
  id: string
  method: string
  template: string
  pattern: RegExp
  paramNames: string[]
  definition: Json
}

/**
 * GitHub's OpenAPI 3.0 description made usable by ajv: `nullable` becomes a JSON Schema
 * `null` type (ajv rejects `nullable` without `type`), and local `$ref`s point into the
 * document registered as `spec`, so any sub-schema can be compiled on its own.
 */
export class OpenApi {
  readonly version: string
  readonly operations: Operation[]
  private readonly spec: Json
  private readonly ajv: Ajv
  private readonly compiled = new Map<unknown, ValidateFunction>()

  constructor() {
    const spec = rewrite(JSON.parse(readFileSync(SPEC_FILE, 'utf8'))) as Json
    this.spec = spec
    this.version = String((spec.info as Json)['x-subset-of'])
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: false })
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void
    addFormats(this.ajv)
    this.ajv.addSchema(spec, 'spec')
    this.operations = []
    for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
      for (const [method, definition] of Object.entries(item)) {
        const paramNames: string[] = []
        const pattern = new RegExp(
          // Literal parts escaped: `compare/{base}...{head}` has dots that must match dots.
          `^${template
            .split(/(\{[^}]+\})/)
            .map((part) => {
              if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
              paramNames.push(part.slice(1, -1))
              return '([^/]+?)'
            })
            .join('')}$`
        )
        const operation = definition as Json
        this.operations.push({ id: String(operation.operationId), method: method.toUpperCase(), template, pattern, paramNames, definition: operation })
      }
    }
  }

  match(method: string, path: string): { operation: Operation; params: Record<string, string> } | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method) continue
      const found = operation.pattern.exec(path)
      if (!found) continue
      const params = Object.fromEntries(operation.paramNames.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]))
      return { operation, params }
    }
    return undefined
  }

  /** Problems with a request: body against the request schema, query and path values against their parameters. */
  validateRequest(operation: Operation, params: Record<string, string>, query: URLSearchParams, body: unknown): string[] {
    const errors: string[] = []
    const parameters = ((operation.definition.parameters as Json[] | undefined) ?? []).map((p) => this.deref(p))
    for (const parameter of parameters) {
      const name = String(parameter.name)
      const raw = parameter.in === 'path' ? params[name] : parameter.in === 'query' ? (query.get(name) ?? undefined) : undefined
      if (parameter.in !== 'path' && parameter.in !== 'query') continue
      if (raw === undefined) {
        if (parameter.required) errors.push(`missing ${parameter.in} parameter ${name}`)
        continue
      }
      const schema = parameter.schema as Json
      const value = schema.type === 'integer' || schema.type === 'number' ? Number(raw) : raw
      errors.push(...this.check(schema, value, `${parameter.in} parameter ${name}`))
    }
    for (const name of query.keys()) {
      if (!parameters.some((p) => p.in === 'query' && p.name === name)) errors.push(`unknown query parameter ${name}`)
    }
    const requestBody = operation.definition.requestBody as Json | undefined
    if (requestBody) {
      const schema = ((requestBody.content as Json)['application/json'] as Json | undefined)?.schema
      if (body === undefined) {
        if (requestBody.required) errors.push('missing request body')
      } else if (schema) errors.push(...this.check(schema as Json, body, 'body'))
    } else if (body !== undefined) errors.push('this operation takes no request body')
    return errors
  }

  /** Problems with an answer the stand-in is about to send, so its answers stay realistic. */
  validateResponse(operation: Operation, status: number, body: unknown): string[] {
    const response = (operation.definition.responses as Json)[String(status)] as Json | undefined
    if (!response) return []
    const schema = ((this.deref(response).content as Json | undefined)?.['application/json'] as Json | undefined)?.schema
    return schema ? this.check(schema as Json, body, `response ${status}`) : []
  }

  /** A fresh copy of one of the spec's own examples for a 2xx answer. */
  example(name: string): Json {
    const example = ((this.spec.components as Json).examples as Record<string, Json>)[name]
    if (!example) throw new Error(`no example ${name} in ${this.version}`)
    return structuredClone(example.value) as Json
  }

  private deref(node: Json): Json {
    const ref = node.$ref
    if (typeof ref !== 'string') return node
    const [, , kind, name] = ref.replace(/^spec#/, '#').split('/')
    return ((this.spec.components as Json)[kind!] as Record<string, Json>)[name!]!
  }

  private check(schema: Json, value: unknown, where: string): string[] {
    let validate = this.compiled.get(schema)
    if (!validate) {
      validate = this.ajv.compile(schema)
      this.compiled.set(schema, validate)
    }
    if (validate(value)) return []
    return (validate.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message ?? ''}`.trim())
  }
}

/** `nullable: true` → a `null` type; `#/components/...` → `spec#/components/...`. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'nullable') continue
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `spec${value}` : rewrite(value)
  }
  if ((node as Json).nullable !== true) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}
