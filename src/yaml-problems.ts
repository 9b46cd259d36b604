import { isNode, LineCounter, parseDocument, visit, type Node, type YAMLError } from 'yaml'
import type { z } from 'zod'
import type { Diagnostic } from './model.js'
import { TOO_DEEP, tooDeepAt } from './scan/yaml-depth.js'

type YamlDocument = ReturnType<typeof parseDocument>

/**
 * Parses one YAML document with line numbers; syntax errors come back as problems at
 * their line instead of a document to validate.
 */
export function parseYamlFile(text: string, file: string): { doc: YamlDocument; lineCounter: LineCounter; problems: Diagnostic[] } {
  const lineCounter = new LineCounter()
  const deep = tooDeepAt(text, 0, text.length)
  if (deep !== undefined) {
    // Not given to the parser at all (see yaml-depth.ts): an empty document with the reason.
    const before = text.slice(0, deep)
    const line = before.split('\n').length
    const column = deep - before.lastIndexOf('\n')
    return { doc: parseDocument('', { lineCounter }), lineCounter, problems: [{ file, line, column, message: `YAML ${TOO_DEEP}` }] }
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const problems = doc.errors.map((error) => ({
    file,
    ...yamlErrorPosition(error, lineCounter),
    message: error.message.split('\n', 1)[0] ?? error.message
  }))
  return { doc, lineCounter, problems }
}

/** Aliases a configuration or database file may expand; more is an alias bomb, not configuration. */
export const MAX_ALIASES = 100

/**
 * The document's plain values, or a problem at the line where building them failed: an alias to
 * an anchor that is not set, or more than `MAX_ALIASES` aliases (the line of the one past the limit).
 */
export function documentValues(doc: YamlDocument, lineCounter: LineCounter, file: string): { ok: true; value: unknown } | { ok: false; problem: Diagnostic } {
  try {
    return { ok: true, value: doc.contents === null ? null : doc.toJS({ maxAliasCount: MAX_ALIASES }) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const aliases: Node[] = []
    visit(doc, { Alias: (_, node) => void aliases.push(node) })
    const named = /: (\S+)$/.exec(message)?.[1]
    const culprit = /alias count/i.test(message)
      ? (aliases[MAX_ALIASES] ?? aliases.at(-1))
      : aliases.find((alias) => 'source' in alias && alias.source === named)
    const line = culprit?.range ? lineCounter.linePos(culprit.range[0]).line : 1
    const words = /alias count/i.test(message) ? `more than ${MAX_ALIASES} aliases (an alias bomb is refused)` : message
    return { ok: false, problem: { file, line, message: words } }
  }
}

/**
 * A schema problem in a YAML file as a diagnostic at the line of the value (or, for an
 * unknown key, of the key itself), so the user is sent to the exact place to fix.
 */
export function problemAt(issue: z.core.$ZodIssue, doc: YamlDocument, lineCounter: LineCounter, file: string): Diagnostic {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    const where = [...path, key].join('.')
    const plural = issue.keys.length > 1 ? `s ${issue.keys.map((k) => `"${k}"`).join(', ')}` : ` "${key}"`
    return { file, ...lineOf(doc, lineCounter, [...path, key], true), message: `${where}: unknown key${plural}` }
  }
  const where = path.length > 0 ? `${path.join('.')}: ` : ''
  return { file, ...lineOf(doc, lineCounter, path), message: `${where}${issue.message}` }
}

/** The line of the deepest node of `path` that exists in the document (its key when asked). */
export function lineOf(
  doc: YamlDocument,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
  atKey = false
): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    const keyed = atKey && depth === path.length && depth > 0 ? keyNode(doc, path) : undefined
    const target = keyed ?? node
    if (isNode(target) && target.range) {
      const { line, col } = lineCounter.linePos(target.range[0])
      return { line, column: col }
    }
  }
  return {}
}

function keyNode(doc: YamlDocument, path: ReadonlyArray<string | number>): unknown {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (!parent || typeof parent !== 'object' || !('items' in parent) || !Array.isArray(parent.items)) return undefined
  const key = path[path.length - 1]
  const pair = (parent.items as Array<{ key?: { value?: unknown } }>).find((item) => item?.key?.value === key)
  return pair?.key
}

/** Where a YAML syntax error is (`linePos` is only filled in with pretty errors). */
export function yamlErrorPosition(error: YAMLError, lineCounter: LineCounter): { line: number; column: number } {
  const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0])
  return { line, column: col }
}
