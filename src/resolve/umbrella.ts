import type { Declaration, Diagnostic, GroupLink } from '../model.js'
import type { ChartFacts } from '../scan/extractors/extractor.js'
import { slotOf } from './releases.js'

/** What the umbrella pass reads of a scan. */
export interface UmbrellaInput {
  declarations: readonly Declaration[]
  links: readonly GroupLink[]
  charts?: readonly ChartFacts[]
}

export interface JoinedUmbrellas {
  declarations: Declaration[]
  links: GroupLink[]
  /** Vendored vcluster charts' versions, each in the umbrella that installs it: new lines of the report. */
  vendored: Declaration[]
  diagnostics: Diagnostic[]
}

/** How deep charts of charts are followed (`file://` dependencies, vendored umbrellas); Helm itself refuses cycles. */
const MAX_CHART_DEPTH = 8

/**
 * Umbrella charts as Helm builds them (docs/pairing.md):
 * - a dependency reads the umbrella's values under its key, its `alias` or else its name, and a
 *   chart of charts nests them again (`platform.vcluster.…` for app → platform → vcluster): values
 *   under an umbrella key pair with the chart only where its dependencies put vcluster;
 * - a `file://` dependency (and a chart vendored in `charts/` that is itself an umbrella) is part
 *   of the release: the umbrella takes what that chart declares;
 * - a vcluster chart vendored in `charts/` (a folder or a `.tgz` archive) is what Helm installs,
 *   whatever version `Chart.yaml` asks for: its version is the umbrella's too, and a difference is
 *   said.
 */
export function joinUmbrellas(input: UmbrellaInput): JoinedUmbrellas {
  const charts = input.charts ?? []
  const joined: JoinedUmbrellas = { declarations: [...input.declarations], links: [...input.links], vendored: [], diagnostics: [] }
  if (charts.length === 0) {
    joined.declarations = joined.declarations.filter((d) => d.valuesPath === undefined || d.valuesPath.length === 1)
    return joined
  }
  const byPath = new Map<string, ChartFacts>()
  for (const chart of charts) if (!byPath.has(chart.path)) byPath.set(chart.path, chart)
  const vendoredIn = new Map<string, ChartFacts[]>()
  for (const chart of charts) {
    const parent = vendoringChart(chart.path)
    if (parent !== undefined && byPath.has(parent)) vendoredIn.set(parent, [...(vendoredIn.get(parent) ?? []), chart])
  }
  /** The charts a chart is made of, each with the key its values sit under. */
  const parts = (chart: ChartFacts): Array<{ key: string; chart?: ChartFacts; vcluster: boolean; from: GroupLink['from'] }> => [
    ...chart.dependencies.map((dependency) => ({
      key: dependency.key,
      vcluster: dependency.vcluster,
      from: dependency.from,
      ...(dependency.local !== undefined && byPath.has(dependency.local) ? { chart: byPath.get(dependency.local)! } : {})
    })),
    ...(vendoredIn.get(chart.path) ?? []).flatMap((vendored) => {
      const keys = chart.dependencies.filter((dependency) => dependency.name === vendored.name).map((dependency) => dependency.key)
      return (keys.length > 0 ? keys : [vendored.name]).map((key) => ({ key, chart: vendored, vcluster: vendored.version !== undefined, from: { file: vendored.path, line: 1, column: 1 } }))
    })
  ]
  const pathsOf = new Map<ChartFacts, string[][]>()
  const paths = (chart: ChartFacts, depth: number, visiting: Set<ChartFacts>): string[][] => {
    const known = pathsOf.get(chart)
    if (known) return known
    if (depth > MAX_CHART_DEPTH || visiting.has(chart)) return []
    visiting.add(chart)
    const found: string[][] = []
    for (const part of parts(chart)) {
      if (part.vcluster) found.push([part.key])
      else if (part.chart) for (const below of paths(part.chart, depth + 1, visiting)) found.push([part.key, ...below])
    }
    visiting.delete(chart)
    const unique = [...new Map(found.map((path) => [path.join('\u0000'), path])).values()]
    if (depth === 0) pathsOf.set(chart, unique)
    return unique
  }

  for (const chart of charts) {
    // A vendored vcluster chart is what the umbrella installs.
    for (const vendored of vendoredIn.get(chart.path) ?? []) {
      if (!vendored.version) continue
      const declaration = { ...vendored.version, group: chart.path }
      joined.declarations.push(declaration)
      joined.vendored.push(declaration)
      const asked = input.declarations.filter((d) => d.group === chart.path && d.component === 'vcluster' && d.source === 'helm-chart')
      for (const pinned of asked) {
        if (pinned.version === declaration.version) continue
        joined.diagnostics.push({
          file: declaration.file,
          line: declaration.line,
          column: declaration.column,
          message: `vendored vcluster chart ${declaration.version} is what helm installs for ${chart.path}, not the ${pinned.raw} that ${pinned.file}:${pinned.line} asks for: both are checked (run helm dependency update, or remove the vendored copy)`,
          warning: true
        })
      }
    }
    // Charts of charts: the umbrella takes what each chart it is made of declares, as deep as it goes.
    const reached = new Set<ChartFacts>()
    const walk = (current: ChartFacts, depth: number, from: GroupLink['from']): void => {
      for (const part of parts(current)) {
        if (!part.chart || part.vcluster || reached.has(part.chart) || depth >= MAX_CHART_DEPTH) continue
        reached.add(part.chart)
        const at = from ?? part.from
        if (paths(part.chart, 0, new Set()).length > 0) joined.links.push({ group: chart.path, memberGroup: part.chart.path, ...(at ? { from: at } : {}) })
        walk(part.chart, depth + 1, from ?? part.from)
      }
    }
    walk(chart, 0, undefined)
  }

  // Values under an umbrella key reach vcluster only where the chart's dependencies put it. One key with no chart to say
  // which is read as before (a values file of an umbrella whose Chart.yaml is elsewhere); deeper keys only where a chart does.
  joined.declarations = joined.declarations.filter((d) => {
    if (d.valuesPath === undefined || slotOf(d) !== 'virtual') return true
    const chart = byPath.get(d.group ?? '')
    const wanted = chart ? paths(chart, 0, new Set()) : []
    if (wanted.length === 0) return d.valuesPath.length === 1
    return wanted.some((path) => path.length === d.valuesPath!.length && path.every((key, index) => key === d.valuesPath![index]))
  })
  return joined
}

/** The chart that vendors `path` in its `charts/` folder (`a/charts/vcluster` → `a`, `charts/x.tgz` → `.`). */
function vendoringChart(path: string): string | undefined {
  const match = /^(?:(.*)\/)?charts\/[^/]+$/.exec(path)
  return match ? (match[1] ?? '.') : undefined
}
