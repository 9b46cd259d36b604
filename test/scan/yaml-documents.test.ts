import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isNode, parseAllDocuments, visit, type Document } from 'yaml'
import { SourceFile } from '../../src/scan/source-file.js'
import { documentSpans, parseSpan } from '../../src/scan/yaml-documents.js'
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
})
