import { describe, expect, it } from 'vitest'
import { bundledDatabase } from '../../src/db/load.js'
import { compatibilityGrids } from '../../src/evaluate/grid.js'
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

const compatibilityGrid = (environments: Environment[], db = database, date?: string) => compatibilityGrids(environments, db, date)[0]

describe('compatibilityGrids', () => {
  it('shows the seed incident: 0.22.1 breaks from 1.32 on, the minimum safe version does not', () => {
    const grid = compatibilityGrid([seed])!
    expect(grid.minors).toEqual(['1.30', '1.31', '1.32', '1.33'])
    expect(grid.declaredMinors).toEqual(['1.32'])
    const row = (version: string) => grid.rows.find((r) => r.vcluster === version)!.cells.map((cell) => cell.status)
    expect(row('0.22.1')).toEqual(['ok', 'ok', 'broken', 'broken'])
    expect(row('0.23.0')).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(grid.rows.find((r) => r.vcluster === '0.22.1')!.cells[2]!.ids).toEqual(['vcluster-qosclass-immutable-k8s-1.32'])
  })

  it('leaves end-of-life dates out: they hold whatever a version is combined with', () => {
    const grid = compatibilityGrid([seed], bundledDatabase(), '2030-01-01')!
    expect(grid.reasons.map((reason) => reason.id).filter((id) => id.endsWith('end-of-life'))).toEqual([])
    expect(grid.rows.flatMap((row) => row.cells.flatMap((cell) => cell.ids)).filter((id) => id.endsWith('end-of-life'))).toEqual([])
  })

  it('is left out when no vcluster version is declared', () => {
    expect(compatibilityGrids([{ host: declared('kubernetes', '1.31.0', { role: 'host' }) }], database)).toEqual([])
  })

  it('draws one grid per declared host, so no host shows ✅ where the findings say ❌', () => {
    const entry = bundledDatabase().entries.find((e) => e.id === 'vcluster-tenant-below-1.34-on-host-1.34-pods-not-ready')!
    const db = { ...database, entries: [entry] }
    const tenant = declared('kubernetes', '1.33.4', { role: 'virtual', distro: 'k8s' })
    const vcluster = declared('vcluster', '0.36.0')
    const old = { vcluster, virtual: tenant, host: declared('kubernetes', '1.33.1', { role: 'host', distro: 'kind', file: 'hack/kind.yaml' }) }
    const fresh = { vcluster, virtual: tenant, host: declared('kubernetes', '1.34.0', { role: 'host', distro: 'eks', file: 'infra/eks.tf' }) }
    const grids = compatibilityGrids([old, fresh], db)
    expect(grids.map((grid) => grid.host?.file)).toEqual(['hack/kind.yaml', 'infra/eks.tf'])
    const declaredCell = (grid: (typeof grids)[number]) => grid.rows.flatMap((row) => row.cells).find((cell) => cell.declared)!
    expect(declaredCell(grids[0]!).status).toBe('ok')
    expect(declaredCell(grids[1]!)).toMatchObject({ status: 'broken', ids: [entry.id] })
    // Every ❌ and ⚠️ names its reason.
    for (const grid of grids) {
      for (const cell of grid.rows.flatMap((row) => row.cells)) if (cell.status !== 'ok') expect(cell.ids.length).toBeGreaterThan(0)
    }
    expect(grids[1]!.reasons).toEqual([{ letter: 'a', id: entry.id, title: entry.title, url: entry.references[0] }])
  })
})

describe('renderMarkdown (job summary)', () => {
  it('links each environment to its file and line and shows the grid', () => {
    const declarations = [seed.vcluster!, seed.virtual!]
    const report = buildReport({ database, declarations, environments: [seed], findings: [], diagnostics: [], filesScanned: 2, passed: true })
    const markdown = renderMarkdown(report, {
      grids: compatibilityGrids([seed], database),
      link: (file, line) => `https://github.com/o/r/blob/abc/${file}#L${line}`
    })
    expect(markdown).toContain(
      '| `0.22.1` [clusters/dev/Chart.yaml:8](https://github.com/o/r/blob/abc/clusters/dev/Chart.yaml#L8) | `v1.32.0-k3s1` (k3s) [clusters/dev/values.yaml:9](https://github.com/o/r/blob/abc/clusters/dev/values.yaml#L9) | — |'
    )
    expect(markdown).toContain('| vcluster | 1.30 | 1.31 | 1.32 📍 | 1.33 |')
    expect(markdown).toContain('| 0.22.1 📍 | ✅ | ✅ | 📍 ❌ a | ❌ a |')
    const [entry] = database.entries
    expect(markdown).toContain(`- **a**: ${entry!.title} ([vcluster-qosclass-immutable-k8s-1.32](https://github.com/loft-sh/vcluster/issues/2472))`)
  })
})
