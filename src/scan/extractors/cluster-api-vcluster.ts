import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../groups.js'
import { isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringAt, stringIn } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { readValuesString } from './vcluster-values.js'

const SOURCE = 'cluster-api-vcluster'

/**
 * The Cluster API provider for vcluster: a `VCluster` object installs the chart named in
 * `spec.helmRelease.chart` with `spec.helmRelease.values` (a YAML string).
 */
export const clusterApiVcluster: Extractor = {
  id: SOURCE,
  accepts: isYamlPath,
  mightDeclare: (text) => text.includes('kind: VCluster'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc, index } of yaml.documents) {
      const root = doc.contents
      if (stringAt(root, ['kind'])?.value !== 'VCluster') continue
      if (!stringAt(root, ['apiVersion'])?.value.startsWith('infrastructure.cluster.x-k8s.io/')) continue
      const release = mapAt(root, ['spec', 'helmRelease'])
      const chart = mapAt(release, ['chart'])
      if (!release || !chart) continue
      const group = fileGroup(file.path, index)
      const chartName = stringIn(chart, 'name')
      const isVcluster = declareChartRelease(out, file, { chart: chartName, version: stringIn(chart, 'version'), group, source: SOURCE })
      if (isVcluster) readValuesString(out, file, release.get('values', true), group, SOURCE)
    }
    return out
  }
}
