import AjvDraft04Module from 'ajv-draft-04'
import addFormatsModule from 'ajv-formats'
import { cpSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { renderSarif, sarifChunks } from '../../src/report/sarif.js'
import { REPO_ROOT, tempDir } from '../helpers/run-bundle.js'

/**
 * The SARIF 2.1.0 JSON schema (draft-04) as Microsoft's SARIF SDK ships it on npm
 * (`@microsoft/jest-sarif`, lib/schemas/sarif-2.1.0-rtm.5.json; the OASIS schema of
 * SARIF 2.1.0, https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
 */
const require = createRequire(import.meta.url)
const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json')
// A CommonJS module whose class is also its `default` property.
const AjvDraft04 = AjvDraft04Module.default
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof AjvDraft04>) => void
// The schema's language-tag pattern is not a valid Unicode-mode regular expression.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false })
addFormats(ajv)
const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')))

async function sarifOf(example: string, pathPrefix?: string) {
  const result = await runGate({ root: join(REPO_ROOT, 'examples', example), failOn: 'error' })
  return { log: JSON.parse(renderSarif(result.report, result.database, pathPrefix ? { pathPrefix } : {})), database: result.database }
}

describe('renderSarif', () => {
  it('writes a log that the SARIF 2.1.0 schema accepts', async () => {
    const { log } = await sarifOf('vcluster-upgrade-to-1.32')
    const valid = validateSarif(log)
    expect(validateSarif.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    // The schema is strict enough to catch what code scanning rejects (kics#4431: startLine -1).
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0
    expect(validateSarif(log)).toBe(false)
  })

  it('is written in chunks that make the text of one JSON.stringify(log, null, 2), results taken apart', async () => {
    const result = await runGate({ root: join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32'), failOn: 'error' })
    const text = [...sarifChunks(result.report, result.database)].join('')
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    expect(text).toBe(renderSarif(result.report, result.database))
  })

  it('has one rule per database entry, each with a helpUri to its first source', async () => {
    const { log, database } = await sarifOf('vcluster-upgrade-to-1.32')
    const rules = log.runs[0].tool.driver.rules
    expect(rules.map((rule: { id: string }) => rule.id)).toEqual(database.entries.map((entry) => entry.id))
    for (const [index, rule] of rules.entries()) expect(rule.helpUri).toBe(database.entries[index]!.references[0])
  })

  it('puts each result on the declaring line (1-based), relative to the repository root', async () => {
    const { log } = await sarifOf('vcluster-upgrade-to-1.32', 'examples/vcluster-upgrade-to-1.32/')
    const [result] = log.runs[0].results
    expect(result.ruleId).toBe('vcluster-qosclass-immutable-k8s-1.32')
    expect(result.level).toBe('error')
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'examples/vcluster-upgrade-to-1.32/clusters/dev/Chart.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 14 }
    })
    expect(result.relatedLocations[0].physicalLocation.region.startLine).toBe(9)
    expect(result.partialFingerprints['kubeCompatGate/v1']).toBe(
      'vcluster-qosclass-immutable-k8s-1.32|clusters/dev/Chart.yaml|clusters/dev/values.yaml'
    )
  })

  it('has no results for a repository without findings, and still lists the rules', async () => {
    const result = await runGate({ root: tempDir('kcg-empty-'), failOn: 'error' })
    const log = JSON.parse(renderSarif(result.report, result.database))
    expect(validateSarif(log)).toBe(true)
    expect(log.runs[0].results).toEqual([])
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0)
  })

  it('replaces controls and bidirectional marks from a folder name in message texts, and keeps the real path in the URI (redteam U01)', async () => {
    const root = tempDir()
    const folder = 'clusters/\u202egpj.exe\u2066x\u200f\u001b[31mred\u0085y'
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'pairing', 'seed-readable-values', 'clusters', 'dev'), join(root, folder), { recursive: true })
    const result = await runGate({ root, failOn: 'error', date: '2026-12-07' })
    const log = JSON.parse(renderSarif(result.report, result.database))
    expect(validateSarif(log)).toBe(true)
    const texts = log.runs[0].results.flatMap((r: { message: { text: string }; relatedLocations?: Array<{ message: { text: string } }> }) => [r.message.text, ...(r.relatedLocations ?? []).map((l) => l.message.text)])
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).not.toMatch(/[\u202e\u2066\u200f\u001b\u0085]/)
    expect(texts.join(' ')).toContain('\ufffdgpj.exe\ufffdx\ufffd\ufffd\\[31mred\ufffdy')
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`${folder.split('/').map(encodeURIComponent).join('/')}/Chart.yaml`)
  })
})
