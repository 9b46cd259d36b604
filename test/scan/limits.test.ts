import { describe, expect, it } from 'vitest'
import type { Declaration } from '../../src/model.js'
import type { Extractor } from '../../src/scan/extractors/extractor.js'
import { scanFile } from '../../src/scan/file-scan.js'
import { scanRepository } from '../../src/scan/scan.js'
import { MAX_FILE_BYTES_CEILING } from '../../src/scan/limits.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

const values = (tag: string): string => `controlPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: ${tag}\n`

describe('what one scan reads at most', () => {
  it('past the total, each further file is skipped with a warning that names it (files are read in path order)', async () => {
    const dir = tempDir('kcg-total-')
    writeTree(dir, { 'a/values.yaml': values('v1.31.4-k3s1'), 'b/values.yaml': values('v1.32.0-k3s1'), 'c/values.yaml': values('v1.33.0-k3s1') })
    const result = await scanRepository(dir, { maxTotalBytes: 80 })
    expect(result.declarations.map((d) => d.file)).toEqual(['a/values.yaml'])
    expect(result.diagnostics.filter((d) => d.warning)).toEqual(
      ['b/values.yaml', 'c/values.yaml'].map((file) => ({ file, message: expect.stringMatching(/^skipped: the files read before it add up to \d+ bytes, past the 80-byte limit of one run$/), warning: true }))
    )
  })

  it('maxFileBytes is held to its ceiling, whatever the caller asks', async () => {
    const dir = tempDir('kcg-ceiling-')
    writeTree(dir, { 'values.yaml': `${values('v1.32.0-k3s1')}${'# padding\n'.repeat(MAX_FILE_BYTES_CEILING / 10 + 1)}` })
    const result = await scanRepository(dir, { maxFileBytes: 10 * MAX_FILE_BYTES_CEILING })
    expect(result.declarations).toEqual([])
    expect(result.diagnostics).toEqual([{ file: 'values.yaml', message: expect.stringContaining(`over the ${MAX_FILE_BYTES_CEILING}-byte limit`), warning: true }])
  })
})

describe('a file that declares hundreds of thousands of versions', () => {
  it('keeps them all (a spread of the list overflowed the stack: a 8 MB values file lost its seed error and passed)', () => {
    const declaration = { component: 'vcluster', version: '0.22.1', raw: '0.22.1', file: 'values.yaml', line: 1, column: 1, source: 'vcluster-values' } as unknown as Declaration
    const many: Extractor = { id: 'many', accepts: () => true, mightDeclare: () => true, extract: () => ({ declarations: Array.from({ length: 500_000 }, () => declaration), diagnostics: [] }) }
    const scan = scanFile('values.yaml', { ok: true, bytes: Buffer.from('a: 1\n') }, [many], 1000)
    expect(scan.extraction.diagnostics).toEqual([])
    expect(scan.extraction.declarations).toHaveLength(500_000)
  })
})
