import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, isSeq, type Document } from 'yaml'
import { blockDocument, type BlockOptions } from '../../src/scan/yaml-block.js'
import { documentSpans, parseSpan, type DocumentSpan } from '../../src/scan/yaml-documents.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/** Node fields no reader uses and the block reader does not keep. */
const NOT_KEPT = new Set(['comment', 'commentBefore', 'spaceBefore'])

/** Everything of a node tree a reader could look at: classes, every enumerable field, nested. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = { class: node.constructor.name }
  for (const [key, value] of Object.entries(node)) if (!NOT_KEPT.has(key)) out[key] = shape(value)
  return out
}

function documentShape(doc: Document.Parsed): unknown {
  return { contents: shape(doc.contents), range: doc.range, errors: doc.errors.length, warnings: doc.warnings.length, docStart: doc.directives?.docStart }
}

/** The block reader's document, checked against the parser's; undefined when the reader leaves it. */
function compared(text: string, span: DocumentSpan = { start: 0, end: text.length }, options: BlockOptions = {}): Document.Parsed | undefined {
  const read = blockDocument(text, span, options)
  if (read) expect(documentShape(read), JSON.stringify(text.slice(span.start, span.end))).toEqual(documentShape(parseSpan(text, span)!))
  return read
}

/**
 * Random block YAML from a list of choices: maps and lists nested by indentation, keys and
 * scalars of every style the reader takes and many it must leave to the parser, comments,
 * blank lines, and now and then a line indented off by one.
 */
function generated(choices: readonly number[]): string {
  let at = 0
  const pick = <T,>(options: readonly T[]): T => options[(choices[at++ % choices.length] ?? 0) % options.length]!
  const chance = (percent: number): boolean => pick([...Array(100).keys()]) < percent
  // Mostly what configuration is written in, now and then something the reader must leave.
  const oneOf = <T,>(usual: readonly T[], odd: readonly T[]): T => (chance(6) ? pick(odd) : pick(usual))
  const key = (): string => oneOf(['a', 'kind', 'version', 'app.kubernetes.io/name', 'k_8', 'k8s', '1.30', 'true', 'null'], ['~', '"quoted"', 'a b', '-k', 'x:y', '? e'])
  const plain = (): string =>
    oneOf(
      [
        'v1.32.0', '1.30', '1.3', '0x1F', '0o17', '017', 'true', 'FALSE', 'Null', '~', '-1', '+2', '.inf', '-.Inf', '.nan', '1e3', '1.5e-3', '12.',
        'kindest/node:v1.31.4@sha256:abc', '${{ matrix.k8s }}', 'a b c', 'x#y', 'rancher/k3s:v1.32.1-k3s1', 'CreateNamespace=true', '-x', '?x', ':x',
        '[a, b]', '[ "x" , 1.5 ]', '[a:b, c]', "['s', \"d\"]", '{}', '[]', '"q"', "'s'", '""', "''", 'é'
      ],
      [
        'a: b', 'a:', 'a :b', '- x', '*alias', '&anchor v', '!tag v', '%x', '@x', '`x', '>', 'a\tb', 'a\r', '[a,b,]', '[a: b]', '[x # y]', '[',
        '{a: 1}', '[]x', '"a\\"b"', "'it''s'", '"open', "'open", '"a" b'
      ]
    )
  const comments = ['', '', '', '', '', ' # c', '  #c', '#c', ' #']
  const lines: string[] = []
  const indentOf = (depth: number): string => ' '.repeat(depth)
  const filler = (): void => {
    if (chance(10)) lines.push('')
    if (chance(8)) lines.push(`${indentOf(pick([0, 2, 4, 7]))}# note`)
  }
  const block = (indent: number): string[] => {
    const inner = indent + pick([1, 2, 2, 4])
    const body = [...Array(pick([0, 1, 2, 3])).keys()].map(() => oneOf(['text', 'a: b', '# kept', '  deeper', ''], ['---x', ' ']))
    return body.map((line, i) => (line === '' ? '' : line === ' ' ? indentOf(inner + 1) : `${indentOf(i > 0 && chance(5) ? inner - 1 : inner)}${line}`))
  }
  /** Lines of a value under a parent at `indent`, after `lead` (`key:` or `-`) on the first line. */
  const node = (indent: number, lead: string, depth: number, inList: boolean): void => {
    const kind = depth > 3 ? 'scalar' : pick(['scalar', 'scalar', 'map', 'list', 'block'] as const)
    if (kind === 'scalar') {
      lines.push(`${lead} ${plain()}${pick(comments)}`)
      return
    }
    if (kind === 'block') {
      lines.push(`${lead} ${oneOf(['|', '|-', '| # c'], ['|+', '>', '|2', '|#c', '>-'])}`, ...block(indent))
      return
    }
    // A compact map or list on the item's own line (`- a: 1`), or the collection on the lines below.
    if (inList && chance(50)) {
      const column = indent + 2
      const items = collection(kind, column, depth + 1)
      lines.push(`${lead} ${items[0]!.slice(column)}`, ...items.slice(1))
      return
    }
    lines.push(`${lead}${pick(comments)}`)
    const child = kind === 'list' && !inList && chance(30) ? indent : indent + pick([1, 2, 2, 4])
    lines.push(...collection(kind, child, depth + 1))
  }
  const collection = (kind: 'map' | 'list', indent: number, depth: number): string[] => {
    const saved = lines.splice(0)
    const count = pick([1, 1, 2, 3, 4])
    for (let i = 0; i < count; i++) {
      const off = chance(2) ? 1 : 0
      const prefix = indentOf(indent + off)
      if (kind === 'map') node(indent, `${prefix}${key()}:`, depth, false)
      else node(indent, `${prefix}-`, depth, true)
      filler()
    }
    const made = lines.splice(0)
    lines.push(...saved)
    return made
  }
  const start = oneOf(['', '', '---\n', '--- # c\n', '# head\n', '---\n# c\n'], ['--- x\n', '---a\n'])
  const root = collection(pick(['map', 'map', 'list'] as const), chance(5) ? 2 : 0, 0)
  return start + root.join('\n') + pick(['\n', '\n', '', '\n\n# end\n'])
}

function kindsIn(node: unknown, found: Set<string>): void {
  if (isMap(node) || isSeq(node)) {
    found.add(`${isMap(node) ? 'map' : 'list'}${node.flow ? ' flow' : ''}`)
    for (const item of node.items) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown }
        kindsIn(pair.key, found)
        kindsIn(pair.value, found)
      } else kindsIn(item, found)
    }
  } else if (isScalar(node)) found.add(`${node.type}:${typeof node.value}`)
}

describe('block YAML read without the parser', () => {
  it('gives what the parser gives for every document it reads, and leaves the rest to it (property)', () => {
    let read = 0
    let runs = 0
    const kinds = new Set<string>()
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 8, maxLength: 200 }), (choices) => {
        runs++
        const text = generated(choices)
        const doc = compared(text)
        if (doc) {
          read++
          kindsIn(doc.contents, kinds)
        }
      }),
      fuzzParameters(3000)
    )
    // The reader must take a good part of what it is meant for, or the property proves nothing.
    expect(read / runs).toBeGreaterThan(0.2)
    for (const kind of ['map', 'list', 'list flow', 'map flow', 'PLAIN:string', 'PLAIN:number', 'PLAIN:boolean', 'PLAIN:object', 'QUOTE_DOUBLE:string', 'QUOTE_SINGLE:string', 'BLOCK_LITERAL:string']) {
      expect(kinds).toContain(kind)
    }
  })

  it('reads a `|` block written as YAML in place, its root indented, as the parser reads that span (property)', () => {
    let read = 0
    let runs = 0
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 8, maxLength: 200 }), fc.integer({ min: 1, max: 8 }), (choices, indent) => {
        runs++
        const pad = ' '.repeat(indent)
        const body = generated(choices)
          .split('\n')
          .map((line) => (line === '' ? line : pad + line))
          .join('\n')
        const head = 'spec:\n  values: |\n'
        if (compared(head + body, { start: head.length, end: head.length + body.length }, { indentedRoot: true })) read++
      }),
      fuzzParameters(3000)
    )
    expect(read / runs).toBeGreaterThan(0.05)
    const text = 'kind: Application\nhelm:\n  values: |\n    controlPlane:\n      distro:\n        k8s:\n          version: v1.31.2\n'
    const start = text.indexOf('    controlPlane')
    const doc = compared(text, { start, end: text.length }, { indentedRoot: true })!
    const version = doc.getIn(['controlPlane', 'distro', 'k8s', 'version'], true) as { range: number[] }
    expect(text.slice(version.range[0], version.range[1])).toBe('v1.31.2')
    expect(blockDocument(text, { start, end: text.length })).toBeUndefined()
  })

  it('places nodes at whole-text offsets in a document after others', () => {
    const text = 'a: 1\n---\nkind: Pod\nspec:\n  containers:\n  - name: x\n    image: "nginx:1.27"\n---\nb: [x, y]\n'
    const spans = documentSpans(text)!
    const docs = spans.map((span) => compared(text, span))
    expect(docs.every((doc) => doc !== undefined)).toBe(true)
    const image = docs[1]!.getIn(['spec', 'containers', 0, 'image'], true) as { range: number[] }
    expect(text.slice(image.range[0], image.range[1])).toBe('"nginx:1.27"')
  })

  it('leaves to the parser what it does not read', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a:\tb\n', 'a: b\r\n', 'a: "x\\ty"\n', 'a: b\n  c\n', 'a: >\n  x\n', '? a\n: b\n', 'a: {b: 1}\n', '- - x\n', 'plain\n', '# only\n', 'a: |\n\n  x\n', 'a: !!str 1\n', '"a": 1\n']) {
      expect(blockDocument(text, { start: 0, end: text.length }), text).toBeUndefined()
    }
  })

  it('reads the repository’s own YAML as the parser does', () => {
    let read = 0
    for (const file of yamlFiles(['examples', 'test/fixtures', '.github'])) {
      const text = readFileSync(file, 'utf8')
      for (const span of documentSpans(text) ?? []) if (compared(text, span)) read++
    }
    expect(read).toBeGreaterThan(50)
  })
})

function yamlFiles(roots: readonly string[]): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.ya?ml$/.test(entry.name)) out.push(path)
    }
  }
  roots.forEach(walk)
  return out
}
