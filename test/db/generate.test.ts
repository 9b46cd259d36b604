import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate, REPO_ROOT } from '../../scripts/db/generate.js'
import { DEFAULT_SNAPSHOTS, hasSnapshot } from '../../scripts/db/snapshot.js'
import { SOURCES } from '../../scripts/db/tables.js'

// Needs local snapshots of the upstream repositories ($KCG_DB_SNAPSHOTS); CI without them skips.
const present = SOURCES.every((repository) => hasSnapshot(DEFAULT_SNAPSHOTS, repository))

describe('generated tables', () => {
  it.skipIf(!present)('regenerating at the pinned commits reproduces the committed data byte for byte', { timeout: 180_000 }, () => {
    const { files } = generate({ snapshots: DEFAULT_SNAPSHOTS, refresh: false })
    expect(files.size).toBeGreaterThanOrEqual(6)
    for (const [path, text] of files) expect(readFileSync(join(REPO_ROOT, path), 'utf8'), path).toBe(text)
  })
})
