import { sliceTraced, textOf, type Traced } from '../traced.js'

/** A value a variable may have, and the group (a matrix entry) it belongs to, if any. */
export interface VariableValue {
  value: Traced
  group?: string
}

/**
 * Variables known where a value is used: shell and Make assignments of the same file,
 * Dockerfile `ARG`/`ENV`, a workflow's `env`, `matrix` and `inputs` defaults. One name may
 * have several values (a matrix axis): each gives its own expansion.
 */
export type Variables = Map<string, VariableValue[]>

export function addVariable(variables: Variables, name: string, value: VariableValue): void {
  const text = textOf(value.value)
  // `K8S=` unsets rather than sets: a use of it stays a reported variable.
  if (text === '') return
  const list = variables.get(name)
  if (!list) {
    variables.set(name, [value])
    return
  }
  const known = knownValues(list)
  const key = valueKey(text, value.group)
  if (known.has(key)) return
  known.add(key)
  list.push(value)
}

/**
 * The values a list already holds, as text and group: the generic detectors add every key of
 * every mapping of a file as a variable, and a manifest with two thousand `name:` keys made the
 * old search of the list quadratic (7 of the 8.5 s of CPU the scan of the benchmark's 20,000
 * files took). Kept beside each list, made on its first use.
 */
const KNOWN = new WeakMap<VariableValue[], Set<string>>()

function knownValues(list: VariableValue[]): Set<string> {
  let known = KNOWN.get(list)
  if (known === undefined) {
    known = new Set(list.map((value) => valueKey(textOf(value.value), value.group)))
    KNOWN.set(list, known)
  }
  return known
}

function valueKey(text: string, group: string | undefined): string {
  return `${group ?? ''}\0${text}`
}

/**
 * `${{ matrix.k8s }}`, `${{ env.X }}`, `${{ inputs.x }}`, `${X}`, `${X:-default}`, `$(X)`, `$X`,
 * and Argo CD ApplicationSet parameters `{{ .x }}`/`{{x}}` (looked up as `template.x`).
 * Compiled once. A default is read up to 256 characters, so a value full of `${X:-` that never close
 * costs a bounded read at each (unbounded, each read to the end of the value: quadratic).
 */
const REFERENCE =
  /\$\{\{\s*((?:matrix|env|inputs|vars)\.[\w.-]+)\s*\}\}|\$\{([A-Za-z_]\w*)(?::?[-=]([^}]{0,256}))?\}|\$\(([A-Za-z_][\w.]*)\)|\$([A-Za-z_]\w*)|\{\{\s*\.?([A-Za-z_][\w.-]*)\s*\}\}/g

/** Nested references deeper than this are left as written (and reported as unresolved). */
const MAX_DEPTH = 4
/** More expansions than this of one value are cut: a matrix that large is a test grid. */
const MAX_EXPANSIONS = 32

/** Whether a text may hold a reference `expand` replaces; without one, `expand` gives the value as it is, whatever the variables. */
export function mayReference(text: string): boolean {
  return text.includes('$') || text.includes('{{')
}

/**
 * Every way a value can read once its variables are replaced, each traced to where its
 * characters are written. A reference with a default (`${X:-v1.30.0}`) takes the default:
 * in CI the variable is seldom set. An unknown reference is left as written, so the version
 * parser reports it as a variable.
 */
export function expand(value: Traced, variables: Variables, depth = 0): VariableValue[] {
  const text = textOf(value)
  if (depth >= MAX_DEPTH || !mayReference(text)) return [{ value }]
  let results: VariableValue[] = [{ value: [] }]
  let at = 0
  for (const match of text.matchAll(REFERENCE)) {
    const start = match.index
    const end = start + match[0].length
    const before = sliceTraced(value, at, start)
    const choices = replacementsOf(match, value, start, variables, depth)
    results = results
      .flatMap((partial) =>
        choices.map((choice) => ({
          value: [...partial.value, ...before, ...choice.value],
          ...(choice.group ?? partial.group ? { group: deeper(choice.group, partial.group) } : {})
        }))
      )
      .slice(0, MAX_EXPANSIONS)
    at = end
  }
  const rest = sliceTraced(value, at, text.length)
  const expanded = results.map((result) => ({ ...result, value: [...result.value, ...rest] }))
  // A computed Make name (`$(NODE_VERSION_$(MINOR))`): the inner reference made the outer one's name; it is looked up in turn.
  if (!COMPUTED_NAME.test(text)) return expanded
  return expanded.flatMap((result) => expand(result.value, variables, depth + 1).map((again) => ({ ...again, ...(result.group ?? again.group ? { group: deeper(again.group, result.group) } : {}) }))).slice(0, MAX_EXPANSIONS)
}

/** A Make reference whose name holds another reference. */
const COMPUTED_NAME = /\$\([A-Za-z_][\w.]*\$\(/

function replacementsOf(match: RegExpMatchArray, value: Traced, start: number, variables: Variables, depth: number): VariableValue[] {
  const [whole, expression, braced, fallback, made, bare, template] = match
  const asWritten = [{ value: sliceTraced(value, start, start + whole.length) }]
  if (fallback !== undefined && braced !== undefined) {
    const fallbackStart = start + whole.length - 1 - fallback.length
    // `${K0S_FROM:-"v1.21.6+k0s.0"}`: the shell removes quotes around a default, as around any word.
    const quoted = fallback.length >= 2 && (fallback[0] === '"' || fallback[0] === "'") && fallback[fallback.length - 1] === fallback[0] ? 1 : 0
    return [{ value: sliceTraced(value, fallbackStart + quoted, fallbackStart + fallback.length - quoted) }]
  }
  const name = expression ?? braced ?? made ?? bare ?? (template === undefined ? undefined : `template.${template}`)
  const known = name === undefined ? undefined : variables.get(name)
  if (!known || known.length === 0) return asWritten
  return known.flatMap((entry) =>
    expand(entry.value, variables, depth + 1).map((expanded) => ({
      value: expanded.value,
      ...(entry.group ?? expanded.group ? { group: deeper(entry.group, expanded.group) } : {})
    }))
  )
}

/** Of two groups, the more specific one (a matrix entry over its job). */
function deeper(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return a.length >= b.length ? a : b
}
