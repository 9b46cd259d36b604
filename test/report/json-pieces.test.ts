import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inChunks, prettyJsonPieces } from '../../src/report/json-pieces.js'
import { fuzzParameters } from '../helpers/fuzz.js'

const joined = (value: unknown, depth?: number): string => [...prettyJsonPieces(value, depth)].join('')

/** JSON values plus what JSON.stringify leaves out of objects and writes as null in arrays. */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), '\n"quoted"\u2028'),
    fc.array(tie('any'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('any'), { maxKeys: 5 })
  )
})).any

describe('prettyJsonPieces', () => {
  it('joins to exactly JSON.stringify(value, null, 2) at every depth it takes apart', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (input, depth) => {
        expect(joined({ root: input }, depth)).toBe(JSON.stringify({ root: input }, null, 2))
      }),
      fuzzParameters(2000)
    )
  })

  it('keeps empty objects and arrays, and an object whose members are all left out, as JSON.stringify does', () => {
    for (const input of [{}, [], { a: undefined }, [undefined], { a: [], b: {} }, [[], {}]]) {
      expect(joined(input)).toBe(JSON.stringify(input, null, 2))
    }
  })

  it('serialises a report-shaped value in bounded pieces: a few hundred findings at most, never the whole list', () => {
    const finding = (index: number) => ({ id: `entry-${index}`, message: 'x'.repeat(100), declarations: [{ file: 'a.yaml', line: index }] })
    const findings = Array.from({ length: 1000 }, (_, index) => finding(index))
    const pieces = [...prettyJsonPieces({ schemaVersion: 1, findings })]
    expect(pieces.join('')).toBe(JSON.stringify({ schemaVersion: 1, findings }, null, 2))
    const quarter = JSON.stringify({ findings: findings.slice(0, 300) }, null, 2).length
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(quarter)
    expect(pieces.length).toBeGreaterThan(4)
  })
})

describe('inChunks', () => {
  it('joins pieces into chunks of about the size asked for, without changing the text', () => {
    const pieces = Array.from({ length: 1000 }, (_, index) => `piece ${index};`)
    const chunks = [...inChunks(pieces, 1000)]
    expect(chunks.join('')).toBe(pieces.join(''))
    expect(chunks.length).toBeGreaterThan(5)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1000)
    expect([...inChunks([], 10)]).toEqual([])
  })
})
