import { describe, expect, it } from 'vitest'
import { parseEntryFile, validateEntryFile } from '../../src/db/validate-file.js'

const entry = (fields: string) => `entries:
  - id: sample-entry
    title: A sample entry for the validator
    severity: warning
    category: test
    when:
      host: "<1.30.0-0"
    remediation: Upgrade the host cluster.
    references: [https://example.org/a]
    verified: "2026-11-01"
${fields}`

describe('database file validation', () => {
  it('accepts a well-formed entry and fills in defaults', () => {
    const result = parseEntryFile(entry(''), 'db/x.yaml')
    expect(result).toMatchObject({ ok: true, entries: [{ id: 'sample-entry', confidence: 'verified', fixedIn: {}, signatures: [] }] })
  })

  it.each([
    ['an http reference', entry('').replace('https://example.org/a', 'http://example.org/a'), 9, 'references.0: must be an https URL'],
    ['an unverified error', entry('    confidence: unverified\n').replace('severity: warning', 'severity: error'), 4, 'an unverified entry cannot be an error'],
    ['a bad range', entry('').replace('"<1.30.0-0"', '"not a range"'), 7, 'when.host: not a valid version range'],
    ['a bad signature', entry("    signatures: ['(unclosed']\n"), 11, 'signatures.0: not a valid regular expression'],
    ['fixes for a component without a range', entry('    fixedIn: { vcluster: ["0.30.0"] }\n'), 11, 'each fixedIn component needs a range in `when` too'],
    ['no conditions', entry('').replace('      host: "<1.30.0-0"\n', '      {}\n').replace('    when:\n      {}', '    when: {}'), 6, 'an entry needs at least one condition'],
    ['an unknown condition', entry('').replace('host:', 'hots:'), 7, 'when.hots: unknown key "hots"'],
    ['a missing date', entry('').replace('    verified: "2026-11-01"\n', ''), 2, 'verified']
  ])('names the line of %s', (_what, text, line, message) => {
    const result = parseEntryFile(text, 'db/x.yaml')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toContainEqual(expect.objectContaining({ file: 'db/x.yaml', line, message: expect.stringContaining(message) }))
  })

  it('names the line of a duplicate id and the entry it repeats', () => {
    const text = entry('') + entry('').replace('entries:\n', '')
    const result = parseEntryFile(text, 'db/x.yaml')
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ line: 11, message: 'duplicate id "sample-entry" (also entry 1)' })] })
  })

  it('runs the examples and names the one that does not behave as written', () => {
    const text = entry('    examples:\n      affected: [{ host: "1.30.0" }]\n      unaffected: [{ host: "1.31.0" }]\n')
    const result = validateEntryFile(text, 'db/x.yaml', '2026-11-22')
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          file: 'db/x.yaml',
          line: 12,
          column: 18,
          message: 'sample-entry: examples.affected.0: does not fire on host 1.30.0, but is listed as affected'
        }
      ]
    })
  })
})
