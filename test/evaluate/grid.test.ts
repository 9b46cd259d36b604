import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import { compatibilityGrid } from '../../src/evaluate/grid.js'
import type { Declaration, Environment } from '../../src/model.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { buildReport } from '../../src/report/report.js'

// Only the seed incident's entry, so the expectations do not move as the database grows.
const database = (() => {
  const bundled = bundledDatabase()
  return { ...bundled, entries: bundled.entries.filter((entry) => entry.id === 'vcluster-qosclass-immutable-k8s-1.32') }
})()

function declared(component: Declaration['component'], version: string, extra: Partial<Declaration> = {}): Declaration {
  return { component, version, raw: version, file: 'clusters/dev/values.yaml', line: 3, column: 5, source: 'test', ...extra }
}

const seed: Environment = {
  vcluster: declared('vcluster', '0.22.1', { file: 'clusters/dev/Chart.yaml', line: 8 }),
  virtual: declared('kubernetes', '1.32.0', { role: 'virtual', distro: 'k3s', raw: 'v1.32.0-k3s1', line: 9 })
}

describe('compatibilityGrid', () => {
  it('shows the seed incident: 0.22.1 breaks from 1.32 on, the minimum safe version does not', () => {
    const grid = compatibilityGrid([seed], database)!
    expect(grid.minors).toEqual(['1.30', '1.31', '1.32', '1.33'])
    expect(grid.declaredMinors).toEqual(['1.32'])
    const row = (version: string) => grid.rows.find((r) => r.vcluster === version)!.cells.map((cell) => cell.status)
    expect(row('0.22.1')).toEqual(['ok', 'ok', 'broken', 'broken'])
    expect(row('0.23.0')).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(grid.rows.find((r) => r.vcluster === '0.22.1')!.cells[2]!.ids).toEqual(['vcluster-qosclass-immutable-k8s-1.32'])
  })

  it('leaves end-of-life dates out: they hold whatever a version is combined with', () => {
    const grid = compatibilityGrid([seed], bundledDatabase(), '2030-01-01')!
    expect(grid.rows.flatMap((row) => row.cells.flatMap((cell) => cell.ids)).filter((id) => id.endsWith('end-of-life'))).toEqual([])
  })

  it('is left out when no vcluster version is declared', () => {
    expect(compatibilityGrid([{ host: declared('kubernetes', '1.31.0', { role: 'host' }) }], database)).toBeUndefined()
  })
})

describe('renderMarkdown (job summary)', () => {
  it('links each environment to its file and line and shows the grid', () => {
    const declarations = [seed.vcluster!, seed.virtual!]
    const report = buildReport({ database, declarations, environments: [seed], findings: [], diagnostics: [], filesScanned: 2, passed: true })
    const markdown = renderMarkdown(report, {
      grid: compatibilityGrid([seed], database),
      link: (file, line) => `https://github.com/o/r/blob/abc/${file}#L${line}`
    })
    expect(markdown).toContain(
      '| `0.22.1` [clusters/dev/Chart.yaml:8](https://github.com/o/r/blob/abc/clusters/dev/Chart.yaml#L8) | `v1.32.0-k3s1` (k3s) [clusters/dev/values.yaml:9](https://github.com/o/r/blob/abc/clusters/dev/values.yaml#L9) | — |'
    )
    expect(markdown).toContain('| vcluster | 1.30 | 1.31 | **1.32** | 1.33 |')
    expect(markdown).toContain('| **0.22.1** | ✅ | ✅ | ❌ | ❌ |')
  })
})
