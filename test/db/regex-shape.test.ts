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
    ['(a{2,})+', /^nested quantifier/],
    // Redteam G01/G02: bounded inside bounded makes copies of the part, each a state even for RE2.
    ['(a{1,30}){1,30}$', /^nested counted repetition: \(a\{1,30\}\)\{1,30\} makes 900 copies of its part \(at most 100\)/],
    ['^(\\w{1,20}\\s?){1,20}$', /^nested counted repetition: .* makes 400 copies/],
    ['((x{5}){5}){5}', /^nested counted repetition: .* makes 125 copies/]
  ])('refuses %s', (source, reason) => {
    expect(superLinearShape(source)).toMatch(reason)
  })

  it.each(['a+b*c', '(ab)+', '[(]+(x)', '(?:foo|bar)', 'x{2,5}', '(a{2})+', '(a{1,10}){1,10}', 'x{1,500}', '\\(a+\\)+', '[a+]+', 'status\\.qosClass: \\\\?"(Burstable|BestEffort)\\\\?"'])('accepts %s', (source) => {
    expect(superLinearShape(source)).toBeUndefined()
  })

  it('accepts every signature of the bundled database', () => {
    const refused = bundledDatabase().entries.flatMap((entry) => entry.signatures.filter((signature) => superLinearShape(signature) !== undefined))
    expect(refused).toEqual([])
  })
})
