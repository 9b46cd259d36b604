import { describe, expect, it } from 'vitest'
import { unreadAtHead } from '../../src/commits/unread-at-head.js'
import type { Declaration, Diagnostic } from '../../src/model.js'

const declared = (file: string): Declaration => ({ file, line: 8, column: 16, component: 'kubernetes', raw: 'v1.31.4-k3s1', version: '1.31.4' }) as Declaration
const skipped: Diagnostic = { file: 'clusters/dev/values.yaml', message: 'skipped: 2400000 bytes is over the 2097152-byte limit', warning: true }

describe('unreadAtHead: a declaring file of the base that the change made unreadable', () => {
  it.each([
    ['declared at the base, unread at the head', [declared('clusters/dev/values.yaml')], [], [skipped], 1],
    ['new at the head and unread (nothing to lose)', [], [], [skipped], 0],
    ['still declares at the head (read in part)', [declared('clusters/dev/values.yaml')], [declared('clusters/dev/values.yaml')], [skipped], 0],
    ['a diagnostic that is not about reading the file', [declared('clusters/dev/values.yaml')], [], [{ ...skipped, message: 'YAML a part nested more than 200 levels deep' }], 0],
    ['two diagnostics for the one file', [declared('clusters/dev/values.yaml')], [], [skipped, { ...skipped, message: 'cannot read file (EACCES)' }], 1]
  ] as const)('%s', (_, base, head, diagnostics, count) => {
    const unread = unreadAtHead(base, head, diagnostics)
    expect(unread).toHaveLength(count)
    if (count) expect(unread[0]).toMatchObject({ file: 'clusters/dev/values.yaml', warning: true, message: expect.stringMatching(/^declared versions at the base, and the change made it unreadable \(skipped: 2400000 bytes.*\): the change cannot be judged, so the gate fails$/) })
  })
})
