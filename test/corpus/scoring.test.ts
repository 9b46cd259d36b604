import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabelError, readLabelFile, type Label } from '../../scripts/corpus/labels.js'
import {
  normaliseVersion,
  precision,
  recall,
  scoreRepository,
  type ScannedDeclaration,
  type ScannedReport
} from '../../scripts/corpus/match.js'

describe('normaliseVersion', () => {
  it.each([
    ['v1.29.0', '1.29.0'],
    ['1.27.', '1.27'],
    ['0.19.*', '0.19'],
    ['0.19.x', '0.19'],
    ['>=1.23.0-0', '>=1.23.0'],
    ['>= v1.28.0-0 <1.33.0-0', '>=1.28.0<1.33.0'],
    ['0.20.0-beta.15', '0.20.0-beta.15'],
    ['1.32', '1.32']
  ])('%s reads as %s', (written, normalised) => {
    expect(normaliseVersion(written)).toBe(normalised)
  })
})

const label = (overrides: Partial<Label>): Label => ({ file: 'a.yaml', line: 3, component: 'vcluster', version: '0.20.0', ...overrides })
const declaration = (overrides: Partial<ScannedDeclaration>): ScannedDeclaration => ({
  file: 'a.yaml',
  line: 3,
  component: 'vcluster',
  version: '0.20.0',
  ...overrides
})

const report = (declarations: ScannedDeclaration[], diagnostics: ScannedReport['diagnostics'] = []): ScannedReport => ({
  declarations,
  diagnostics
})

describe('scoreRepository', () => {
  it('matches on file, line, component and version, and role when the label names one', () => {
    const score = scoreRepository(
      [label({}), label({ line: 9, component: 'kubernetes', role: 'virtual', version: 'v1.31.1' })],
      report([declaration({}), declaration({ line: 9, component: 'kubernetes', role: 'host', version: '1.31.1' })])
    )
    expect(score).toMatchObject({ labelled: 2, found: 1, declared: 2 })
    expect(score.misses.map((miss) => miss.line)).toEqual([9])
    expect(score.falsePositives.map((extra) => extra.role)).toEqual(['host'])
  })

  it('counts implied labels and implied declarations neither way, and ignores components it does not score', () => {
    const score = scoreRepository(
      [label({}), label({ line: 4, component: 'kubernetes', role: 'virtual', implied: true, version: undefined })],
      report([
        declaration({}),
        declaration({ line: 4, component: 'kubernetes', role: 'virtual', version: '1.32.1', implied: true }),
        declaration({ line: 4, component: 'kubernetes', role: 'virtual', version: '1.32.1' }),
        declaration({ line: 7, component: 'helm', version: '3.16.0' })
      ])
    )
    expect(score).toMatchObject({ labelled: 1, found: 1, declared: 1, falsePositives: [] })
  })

  it('matches each declaration to one label only: a duplicate is a false positive', () => {
    const score = scoreRepository([label({})], report([declaration({}), declaration({ source: 'again' })]))
    expect(score).toMatchObject({ labelled: 1, found: 1, declared: 2 })
    expect(recall(score)).toBe(1)
    expect(precision({ declared: score.declared, falsePositives: score.falsePositives.length })).toBe(0.5)
  })

  it('scores an empty repository as perfect both ways', () => {
    const score = scoreRepository([], report([]))
    expect(recall(score)).toBe(1)
    expect(precision({ declared: 0, falsePositives: 0 })).toBe(1)
    expect(score.silentPass).toBe(false)
  })

  it('names uses without a version that the report never mentions, and a report that says nothing at all', () => {
    const uses = [
      { file: 'hack/install.sh', line: 4, component: 'vcluster' as const },
      { file: 'Makefile', line: 9, component: 'kubernetes' as const, role: 'host' as const }
    ]
    const silent = scoreRepository([], report([]), uses)
    expect(silent.silentPass).toBe(true)
    expect(silent.silentAbout.map((use) => use.file)).toEqual(['hack/install.sh', 'Makefile'])
    const told = scoreRepository([], report([], [{ file: 'hack/install.sh', line: 4, message: 'vcluster CLI from releases/latest: no version' }]), uses)
    expect(told.silentPass).toBe(false)
    expect(told.silentAbout.map((use) => use.file)).toEqual(['Makefile'])
  })
})

describe('readLabelFile', () => {
  const write = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'kcg-labels-')), 'owner__name.yaml')
    writeFileSync(path, text)
    return path
  }

  it('names the file and the field of a mistake', () => {
    const path = write('repository: owner/name\ndeclarations:\n  - { file: a, line: 0, component: vcluster, version: "1" }\n')
    expect(() => readLabelFile(path)).toThrow(LabelError)
    expect(() => readLabelFile(path)).toThrow(`${path}: declarations.0.line`)
  })

  it('rejects keys it does not know, such as a note split at a comma in a flow mapping', () => {
    const path = write('repository: owner/name\ndeclarations:\n  - { file: a, line: 1, component: vcluster, version: "1", note: x, y }\n')
    expect(() => readLabelFile(path)).toThrow(/Unrecognized key/)
  })

  it('reads an empty declaration list', () => {
    expect(readLabelFile(write('repository: owner/name\ncommit: ' + 'a'.repeat(40) + '\ndeclarations: []\n'))).toMatchObject({
      repository: 'owner/name',
      labels: []
    })
  })
})
