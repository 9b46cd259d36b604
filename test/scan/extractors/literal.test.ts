import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anyLiteral, literal } from '../../../src/scan/extractors/literal.js'
import { fuzzParameters } from '../../helpers/fuzz.js'

// Few letters, so that words occur in texts often and partial matches are common.
const letter = fc.constantFrom('a', 'e', 'x', 'V', '/', '.', ' ', '\n', 'é', '日')
const word = fc.array(letter, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''))
const text = fc.array(letter, { maxLength: 80 }).map((chars) => chars.join(''))

describe('literal', () => {
  it('finds what indexOf finds, from any start', () => {
    fc.assert(
      fc.property(word, text, fc.integer({ min: -3, max: 90 }), (w, t, from) => {
        expect(literal(w).indexIn(t, from)).toBe(t.indexOf(w, from))
        expect(literal(w).foundIn(t)).toBe(t.includes(w))
      }),
      fuzzParameters(3000)
    )
  })

  it.each([
    ['a rare character in the middle', 'resizePolicy', 'containers:\n- resizePolicy:\n'],
    ['the rare character first', 'VCluster', 'kind: VCluster'],
    ['the rare character last', 'k3d.io', 'apiVersion: k3d.io/v1alpha5'],
    ['a word at the very start', 'exec', 'exec:'],
    ['a word after a near miss', 'exec', 'exe xec exec']
  ])('finds %s', (_name, w, t) => {
    expect(literal(w).indexIn(t)).toBe(t.indexOf(w))
  })

  it('tells when no word is there', () => {
    expect(literal('exec').foundIn('execute'.slice(1))).toBe(false)
    expect(anyLiteral('rancher/k3s', 'k0sproject/k0s')('image: rancher/k3d')).toBe(false)
    expect(anyLiteral('rancher/k3s', 'k0sproject/k0s')('image: k0sproject/k0s:v1.30.1-k0s.0')).toBe(true)
  })

  it('refuses an empty word (it would be found everywhere)', () => {
    expect(() => literal('')).toThrow(/empty/)
  })
})
