import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/config-schema.js'
import { fuzzParameters } from '../helpers/fuzz.js'

const FILE = '.kube-compat-gate.yml'

describe('.kube-compat-gate.yml environments:', () => {
  it('parses each environment with the line it is written at; a single pattern may be written without a list', () => {
    const text = [
      'environments:',
      '  - name: prod',
      '    vcluster: apps/prod.yaml',
      '    values: [values/prod.yaml, values/common-*.yaml]',
      '    host: infra/eks.tf',
      '  - vcluster: "clusters/dev/**"',
      ''
    ].join('\n')
    const result = parseConfig(text, FILE, '/repo')
    expect(result.ok && result.config.environments).toEqual([
      { name: 'prod', vcluster: ['apps/prod.yaml'], values: ['values/prod.yaml', 'values/common-*.yaml'], host: ['infra/eks.tf'], file: FILE, line: 2 },
      { vcluster: ['clusters/dev/**'], file: FILE, line: 6 }
    ])
  })

  it.each([
    ['a misspelt key', 'environments:\n  - vcluster: a.yaml\n    hosts: b.tf\n', 3, /unknown key "hosts"/i],
    ['no vcluster', 'environments:\n  - name: x\n    host: b.tf\n', 2, /vcluster/],
    ['a number where a pattern belongs', 'environments:\n  - vcluster: a.yaml\n    values: 12\n', 3, /values/],
    ['an empty pattern', 'environments:\n  - vcluster: ""\n', 2, /vcluster/],
    ['a map instead of a list', 'environments:\n  vcluster: a.yaml\n', 2, /environments/]
  ])('%s is a problem at its line', (_name, text, line, message) => {
    const result = parseConfig(text, FILE, '/repo')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]).toMatchObject({ file: FILE, line })
    expect(result.problems[0]!.message).toMatch(message)
  })

  it('fuzzed environments sections give a configuration or problems at a line of the file, never an exception', () => {
    const scalar = fc.oneof(fc.constantFrom('a.yaml', '"x/**"', '12', 'true', 'null', '[]', '{}', '[a, b]', '"', '{', '- x', '&a', '*a', '!!int 3', "''", '~'), fc.string({ maxLength: 8 }))
    const key = fc.constantFrom('name', 'vcluster', 'values', 'host', 'hosts', 'virtual', '', '- vcluster', '? x')
    const line = fc.tuple(fc.constantFrom('', '  ', '    ', '  - ', '\t'), key, fc.constantFrom(': ', ':', ' '), scalar).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = ['environments:', ...lines].join('\n')
        const result = parseConfig(text, FILE, '/repo')
        const lineCount = text.split('\n').length
        if (result.ok) {
          for (const environment of result.config.environments ?? []) expect(environment.line).toBeGreaterThanOrEqual(1)
          return
        }
        expect(result.problems.length).toBeGreaterThan(0)
        for (const problem of result.problems) {
          expect(problem.file).toBe(FILE)
          expect(problem.line).toBeGreaterThanOrEqual(1)
          expect(problem.line).toBeLessThanOrEqual(lineCount + 1)
        }
      }),
      fuzzParameters(300)
    )
  })
})
