import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { freeTextCommentWarnings } from '../../src/db/free-text.js'
import { REPO_ROOT } from '../helpers/run-bundle.js'

const entry = (field: string) => `entries:\n  - id: x\n    ${field}\n`

describe('freeTextCommentWarnings', () => {
  it.each([
    ['notes: PR #3595 removed k3s', 3, '"PR"'],
    ['title: Broken since #12', 3, '"Broken since"'],
    ['symptoms:\n      - fails, see #44', 4, '"fails, see"']
  ])('warns where YAML cut a prose value at " #": %s', (field, line, kept) => {
    const [warning] = freeTextCommentWarnings(entry(field), 'db.yaml')
    expect(warning).toMatchObject({ file: 'db.yaml', line })
    expect(warning!.message).toContain(kept)
  })

  it.each(['notes: "PR #3595 removed k3s"', 'notes: >-\n      PR #3595 removed k3s', 'notes: issue#12 stays whole', 'notes: plain\n    # a real comment'])(
    'is quiet when the text is whole: %s',
    (field) => {
      expect(freeTextCommentWarnings(entry(field), 'db.yaml')).toEqual([])
    }
  )

  it('finds nothing in the bundled database files', () => {
    const dir = join(REPO_ROOT, 'db')
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) {
      expect(freeTextCommentWarnings(readFileSync(join(dir, name), 'utf8'), name)).toEqual([])
    }
  })
})
