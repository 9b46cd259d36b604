import { describe, expect, it } from 'vitest'
import type { Database, Entry } from '../../src/db/schema.js'
import { bundledDatabase } from '../../src/db/load.js'
import { MAX_MATCHED_LINE, matchSignatures } from '../../src/smoke/signatures.js'

/** The bundled database with one entry whose only signature is `signature`, as if a database file had slipped it past `db validate`. */
function databaseWith(signature: string): Database {
  const database = bundledDatabase()
  const entry: Entry = { ...database.entries[0]!, id: 'hostile-signature', signatures: [signature] }
  return { ...database, entries: [entry] }
}

describe('signatures run on a linear-time engine (RE2JS)', () => {
  // With JavaScript's backtracking engine each of these takes longer than the test's timeout
  // on such a line (`^(\w+\s?)*$` took 125 s on 105 characters); linear matching, a fraction of a second.
  it.each([
    ['^(\\w+\\s?)*$', `${'ab '.repeat(35)}!`],
    ['(a+)+$', `${'a'.repeat(MAX_MATCHED_LINE - 1)}!`],
    ['(a|aa)+$', `${'a'.repeat(MAX_MATCHED_LINE - 1)}!`],
    ['(.*a){12}$', `${'a'.repeat(MAX_MATCHED_LINE - 1)}!`]
  ])('%s on a hostile line ends, finding nothing', async (signature, line) => {
    expect(await matchSignatures(databaseWith(signature), [{ source: 'logs/x', text: `${line}\n${line}` }])).toEqual([])
  })

  it('still finds what the expression says, and where', async () => {
    const [match] = await matchSignatures(databaseWith('(a+)+b'), [{ source: 'logs/x', text: `noise\n${'a'.repeat(50)}b tail` }])
    expect(match).toMatchObject({ source: 'logs/x', line: 1, signature: '(a+)+b' })
  })

  it('returns to the event loop while it matches a few MB, so the smoke deadline and the SIGTERM cleanup can run', async () => {
    const order: string[] = []
    setImmediate(() => order.push('event loop'))
    const text = Array.from({ length: 400 }, () => 'x'.repeat(4096)).join('\n')
    await matchSignatures(databaseWith('never-in-these-lines'), [{ source: 'logs/x', text }])
    order.push('matched')
    expect(order).toEqual(['event loop', 'matched'])
  })
})
