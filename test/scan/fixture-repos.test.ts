import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveRepository } from '../../src/resolve/resolve.js'
import { scanRepository } from '../../src/scan/scan.js'
import { declarationRow, diagnosticRow, environmentRow } from './fixture-rows.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'repos')

interface Expected {
  shape: string
  declarations: string[]
  diagnostics: string[]
  environments: string[]
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected] as const)

/**
 * One row per repository shape (test/fixtures/repos/<name>/repo, expectations beside it in
 * expected.json): every declaration with component, role, distro, version and the exact
 * file:line:column of its token, every diagnostic, and the environments they form.
 */
describe('version discovery in realistic repositories', () => {
  it('covers at least 25 repository shapes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
  })

  it.each(cases)('%s', async (name, expected) => {
    const scan = await scanRepository(join(FIXTURES, name, 'repo'))
    const resolved = resolveRepository(scan)
    expect(resolved.declarations.map(declarationRow).sort()).toEqual(expected.declarations)
    expect(scan.diagnostics.map(diagnosticRow).sort()).toEqual(expected.diagnostics)
    expect(resolved.environments.map(environmentRow).sort()).toEqual(expected.environments)
  })
})
