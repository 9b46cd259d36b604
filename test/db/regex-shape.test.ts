import { describe, expect, it } from 'vitest'
import { superLinearShape } from '../../src/db/regex-shape.js'
import { bundledDatabase } from '../../src/db/load.js'

describe('super-linear regular expression shapes', () => {
  it.each([
    ['^(\\w+\\s?)*$', /^nested quantifier: \(\\w\+\\s\?\)\*/],
    ['(a+)+$', /^nested quantifier: \(a\+\)\+/],
    ['(a|aa)+$', /^alternation under a quantifier: \(a\|aa\)\+/],
    ['(.*a){12}$', /^nested quantifier: \(\.\*a\)\{12\}/],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', /^nested quantifier: \(\(\[a-z\]\)\+\.\)\+/],
    ['((ab)*c)+', /^nested quantifier/],
    ['(?:x+y?)*', /^nested quantifier/],
    ['(a{2,})+', /^nested quantifier/]
  ])('refuses %s', (source, reason) => {
    expect(superLinearShape(source)).toMatch(reason)
  })

  it.each(['a+b*c', '(ab)+', '[(]+(x)', '(?:foo|bar)', 'x{2,5}', '(a{2})+', '\\(a+\\)+', '[a+]+', 'status\\.qosClass: \\\\?"(Burstable|BestEffort)\\\\?"'])('accepts %s', (source) => {
    expect(superLinearShape(source)).toBeUndefined()
  })

  it('accepts every signature of the bundled database', () => {
    const refused = bundledDatabase().entries.flatMap((entry) => entry.signatures.filter((signature) => superLinearShape(signature) !== undefined))
    expect(refused).toEqual([])
  })
})
