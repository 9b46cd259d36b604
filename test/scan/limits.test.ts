import { describe, expect, it } from 'vitest'
import type { Declaration } from '../../src/model.js'
import type { Extractor } from '../../src/scan/extractors/extractor.js'
import { MAX_DECLARATIONS_PER_FILE, scanFile } from '../../src/scan/file-scan.js'
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
  const at = (version: string, line: number) => ({ component: 'vcluster', version, raw: version, file: 'values.yaml', line, column: 1, source: 'vcluster-values' }) as unknown as Declaration
  const scanOf = (declarations: Declaration[]) => {
    const many: Extractor = { id: 'many', accepts: () => true, mightDeclare: () => true, extract: () => ({ declarations, diagnostics: [] }) }
    return scanFile('values.yaml', { ok: true, bytes: Buffer.from('a: 1\n') }, [many], 1000).extraction
  }

  it('keeps the seed version written last after 500,000 others (a spread of the list overflowed the stack: a 8 MB values file lost its seed error and passed)', () => {
    const extraction = scanOf([...Array.from({ length: 500_000 }, (_, i) => at('0.23.0', i + 1)), at('0.22.1', 500_001)])
    expect(extraction.declarations.map((d) => `${d.version}@${d.line}`)).toEqual(['0.23.0@1', '0.22.1@500001'])
    expect(extraction.diagnostics).toEqual([
      { file: 'values.yaml', message: `500001 versions declared, past the ${MAX_DECLARATIONS_PER_FILE} a file is read for in full: each of its 2 distinct versions is judged at its first place`, warning: true }
    ])
  })

  it.each([
    ['at the cap: all kept, nothing said', MAX_DECLARATIONS_PER_FILE, MAX_DECLARATIONS_PER_FILE, undefined],
    ['past it with every version distinct: the first ones kept, the rest named as not read', MAX_DECLARATIONS_PER_FILE + 5, MAX_DECLARATIONS_PER_FILE, /^skipped in part: 10005 versions declared, 10005 of them distinct/]
  ])('%s', (_name, count, kept, said) => {
    const extraction = scanOf(Array.from({ length: count }, (_, i) => at(`0.${i}.0`, i + 1)))
    expect(extraction.declarations).toHaveLength(kept)
    expect(extraction.diagnostics.map((d) => d.message)).toEqual(said ? [expect.stringMatching(said)] : [])
  })
})
