import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/config-schema.js'

const FILE = '.kube-compat-gate.yml'

function problems(text: string) {
  const result = parseConfig(text, FILE, '/repo')
  if (result.ok) throw new Error('expected problems')
  return result.problems
}

describe('.kube-compat-gate.yml', () => {
  it('parses every key into a typed configuration, with database paths next to the file', () => {
    const result = parseConfig(
      [
        'include: ["clusters/**"]',
        'exclude: ["clusters/archive/**"]',
        'maxFileBytes: 100000',
        'database: [db/extra.yaml]',
        'waivers:',
        '  - id: kubernetes-end-of-life',
        '    paths: ["hack/**"]',
        '    reason: CI kind cluster only',
        '    owner: "@platform"',
        '    expires: 2027-03-01',
        ''
      ].join('\n'),
      FILE,
      '/repo'
    )
    expect(result).toEqual({
      ok: true,
      config: {
        file: FILE,
        include: ['clusters/**'],
        exclude: ['clusters/archive/**'],
        maxFileBytes: 100000,
        database: ['/repo/db/extra.yaml'],
        waivers: [
          { id: 'kubernetes-end-of-life', paths: ['hack/**'], reason: 'CI kind cluster only', owner: '@platform', expires: '2027-03-01', file: FILE, line: 6 }
        ]
      }
    })
  })

  it('an empty file is an empty configuration', () => {
    expect(parseConfig('', FILE, '/repo')).toEqual({ ok: true, config: { file: FILE, database: [], waivers: [] } })
  })

  it.each([
    ['waviers: []\n', 1, 'waviers: unknown key "waviers"'],
    ['waivers:\n  - id: x\n    reason: r\n    owner: o\n    expires: 2027-01-01\n    until: 2027-02-01\n', 6, 'waivers.0.until: unknown key "until"'],
    ['waivers:\n  - id: x\n    reason: r\n    owner: o\n    expires: next year\n', 5, 'waivers.0.expires: must be a date like 2026-11-22'],
    ['waivers:\n  - id: x\n    reason: r\n    owner: o\n    expires: 2027-02-30\n', 5, 'waivers.0.expires: not a calendar date'],
    ['waivers:\n  - id: x\n    reason: "  "\n    owner: o\n    expires: 2027-01-01\n', 3, 'waivers.0.reason: say why the finding is accepted'],
    ['waivers:\n  - id: x\n    reason: r\n    expires: 2027-01-01\n', 2, 'waivers.0.owner'],
    ['maxFileBytes: -3\n', 1, 'maxFileBytes'],
    ['include: clusters/**\n', 1, 'include'],
    // An unclosed flow sequence is reported where the input ends.
    ['include: [a\n', 2, '']
  ])('%j is a problem at line %i', (text, line, message) => {
    const [problem] = problems(text)
    expect(problem).toMatchObject({ file: FILE, line })
    expect(problem!.message).toContain(message)
  })
})
