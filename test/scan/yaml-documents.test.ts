import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isNode, parseAllDocuments, visit, type Document } from 'yaml'
import { SourceFile } from '../../src/scan/source-file.js'
import { documentSpans, parseSpan } from '../../src/scan/yaml-documents.js'
import { headSpan, plainHead } from '../../src/scan/yaml-head.js'
import { stringAt } from '../../src/scan/yaml-nodes.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/** What a reader can see of a document: its values and the offset range of every node. */
function shapeOf(doc: Document.Parsed): unknown {
  const ranges: unknown[] = []
  visit(doc, (_key, node) => {
    if (isNode(node)) ranges.push(node.range)
  })
  return { value: valueOf(doc), ranges }
}

function valueOf(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 })
  } catch (error) {
    return String(error)
  }
}

function splitParse(text: string): unknown[] | undefined {
  return documentSpans(text)?.map((span) => {
    const doc = parseSpan(text, span)
    return doc && shapeOf(doc)
  })
}

const MANIFESTS = '# Source: chart/templates/a.yaml\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    x\n---\n# only a comment\n---\nkind: Pod\nspec: {containers: [{name: a}]}\n'

describe('multi-document YAML, parsed document by document', () => {
  it('finds the documents parseAllDocuments finds, with the same values and whole-text ranges', () => {
    expect(splitParse(MANIFESTS)).toEqual(parseAllDocuments(MANIFESTS).map(shapeOf))
    expect(documentSpans(MANIFESTS)).toHaveLength(3)
  })

  it('leaves streams with directives or `...` end markers to the whole parse', () => {
    expect(documentSpans('%YAML 1.2\n---\na: 1\n')).toBeUndefined()
    expect(documentSpans('a: 1\n...\n---\nb: 2\n')).toBeUndefined()
    expect(documentSpans('a: 1\n---x: 2\n')).toHaveLength(1)
  })

  it('parses only the documents a filter lets through, numbered and located as in the whole file', () => {
    const text = 'a: 1\n---\nb: [\n---\nwanted: 1\n---\nwanted: [\n'
    const file = new SourceFile('m.yaml', text)
    const yaml = file.yaml((document) => document.includes('wanted'))
    expect(yaml.documents.map((d) => d.index)).toEqual([2])
    const whole = new SourceFile('m.yaml', text)
    const wholeDiagnostics = whole.yaml().diagnostics
    expect(yaml.diagnostics).toEqual(wholeDiagnostics.filter((d) => d.message.includes('document 4')))
    expect(yaml.diagnostics[0]).toMatchObject({ line: 8, message: expect.stringMatching(/^YAML does not parse, skipped document 4: /) })
  })

  it('does not search a one-document file again for a filter said to pass on its whole text, and searches each document of a longer one', () => {
    const searched: string[] = []
    const wanted = (document: string): boolean => {
      searched.push(document)
      return document.includes('wanted')
    }
    const one = new SourceFile('one.yaml', 'wanted: 1\n')
    one.passesWhole(wanted)
    expect(one.yaml(wanted).documents.map((d) => d.index)).toEqual([0])
    expect(one.yamlHead(wanted, ['wanted']).documents).toHaveLength(1)
    expect(searched).toEqual([])
    // A filter not said to pass is asked as before, and so is each document of a stream.
    expect(one.yaml((document) => document.includes('other')).documents).toEqual([])
    const several = new SourceFile('several.yaml', 'a: 1\n---\nwanted: 2\n')
    several.passesWhole(wanted)
    expect(several.yaml(wanted).documents.map((d) => d.index)).toEqual([1])
    expect(searched).toEqual(['a: 1\n', '---\nwanted: 2\n'])
  })

  it('agrees with parseAllDocuments on every stream that parses (property)', () => {
    const piece = fc.constantFrom('---\n', '--- ', '---', '# c\n', '\n', 'a: 1\n', 'b:\n  - x\n', 'c: |\n  t\n', 'd: "q\n  r"\n', '  e: 2\n', '{f: 1}\n', '[g]\n', '&x h: 1\n', 'i: *x\n', '\r\n', '-- \n', '- ', ' ---\n', 'k: >\n  ---\n')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((parts) => parts.join('')), (text) => {
        const whole = parseAllDocuments(text, { uniqueKeys: false })
        if (whole.some((doc) => doc.errors.length > 0)) return
        expect(splitParse(text)).toEqual(whole.map(shapeOf))
      }),
      fuzzParameters(500)
    )
  })

  it('reads an object from the lines up to its apiVersion and kind, not the 1 MB that follow', () => {
    const text = `---\napiVersion: v1\nkind: ConfigMap\ndata:\n  big: |\n${'    line\n'.repeat(1000)}`
    const head = headSpan(text, { start: 0, end: text.length }, OBJECT_KEYS)
    expect(head).toEqual({ start: 0, end: text.indexOf('data:') })
    const [document] = new SourceFile('m.yaml', text).yamlHead(() => true, OBJECT_KEYS).documents
    expect(objectOf(document?.contents)).toEqual({ apiVersion: ['v1', text.indexOf('v1'), text.indexOf('v1') + 2], kind: ['ConfigMap', text.indexOf('ConfigMap'), text.indexOf('ConfigMap') + 9] })
  })

  it('has no head when a key does not begin a line, or the document begins on its --- line', () => {
    const whole = (text: string) => headSpan(text, { start: 0, end: text.length }, OBJECT_KEYS)
    expect(whole('{apiVersion: v1, kind: Pod}\n')).toBeUndefined()
    expect(whole('"apiVersion": v1\nkind: Pod\n')).toBeUndefined()
    expect(whole('--- |\napiVersion: v1\nkind: Pod\nx: 1\n')).toBeUndefined()
    expect(whole('--- # a comment\napiVersion: v1\nkind: Pod\nx: 1\n')).toEqual({ start: 0, end: 41 })
  })

  it('gives the apiVersion and kind the whole parse gives, wherever the whole document parses (property)', () => {
    const anyPiece = fc.constantFrom(
      'apiVersion: batch/v1beta1\n', 'apiVersion: "policy/v1beta1"\n', 'apiVersion:\n  extensions/v1beta1\n', 'apiVersion: |\n  v1\n',
      'apiVersion: &a v1 # c\n', 'apiVersion: [v1]\n', 'apiVersion:x\n', 'kind: CronJob\n', "kind: 'Ingress'\n", 'kind:\tPod\n', 'kind: A\n  B\n',
      'kind: *a\n', 'kind:\n', 'metadata:\n  name: x\n', '# apiVersion: v2\n', '\n', 'data: |\n  kind: Secret\n', 'x: "a\n  b"\n',
      'y: {z: 1,\n  w: 2}\n', '<<: {kind: M}\n', '? apiVersion\n: q\n', '- s\n', '  indented: 1\n', 'kind: "K\n  L"\n', '"kind": Q\n',
      // Lines the plain reader takes or must leave to the parser.
      'kind: true\n', 'kind: Null\n', 'apiVersion: v1#x\n', 'apiVersion: v1\t# c\n', 'kind: Pod\r\n', 'kind: Pod  \n', 'kind: 1.5\n',
      'kind: y\n', '   \n', 'kind: Pod:x\n', 'kind: Job\n  # c\n', 'kind: a.b_c-d\n',
      // A lone carriage return or line separator inside a line: the plain reader must not stop there.
      'kind: Pod\rx: 1\n', 'apiVersion: v1\u2028x\n', 'kind: Pod #c\u2028x\n', '\r\n'
    )
    // Lines a plain head is made of, drawn more often so that enough heads are plain.
    const plainPiece = fc.constantFrom('apiVersion: batch/v1beta1\n', 'apiVersion: v1\t# c\n', 'kind: CronJob\n', 'kind: Pod  \n', 'kind: Pod\r\n', '# c\n', '\n', 'metadata:\n  name: x\n')
    const piece = fc.oneof({ arbitrary: anyPiece, weight: 2 }, { arbitrary: plainPiece, weight: 1 })
    const start = fc.constantFrom('', '---\n', '--- # c\n', '--- |\n', '---\n# c\n')
    let headsUsed = 0
    let plainHeads = 0
    fc.assert(
      fc.property(start, fc.array(piece, { maxLength: 10 }), (first, parts) => {
        const text = first + parts.join('')
        const whole = parseSpan(text, { start: 0, end: text.length })
        if (!whole || whole.errors.length > 0) return
        const head = headSpan(text, { start: 0, end: text.length }, OBJECT_KEYS)
        if (head && head.end < text.length) headsUsed++
        if (head && plainHead(text, head, OBJECT_KEYS)) plainHeads++
        const read = new SourceFile('m.yaml', text).yamlHead(() => true, OBJECT_KEYS)
        const wholeRead = new SourceFile('m.yaml', text).yaml()
        expect(read.documents.map((document) => objectOf(document.contents))).toEqual(wholeRead.documents.map((document) => objectOf(document.doc.contents)))
      }),
      fuzzParameters(2000)
    )
    // The property is about heads: enough of the generated documents must have one.
    expect(headsUsed).toBeGreaterThan(20)
    expect(plainHeads).toBeGreaterThan(20)
  })
})

const OBJECT_KEYS = ['apiVersion', 'kind']

/** The apiVersion and kind of a document as the API scan reads them: value and offset. */
function objectOf(root: unknown): Record<string, [string, number, number] | undefined> | undefined {
  if (root === undefined) return undefined
  const at = (key: string): [string, number, number] | undefined => {
    const found = stringAt(root, [key])
    return found && [found.value, found.node.range?.[0] ?? -1, found.node.range?.[1] ?? -1]
  }
  return { apiVersion: at('apiVersion'), kind: at('kind') }
}
