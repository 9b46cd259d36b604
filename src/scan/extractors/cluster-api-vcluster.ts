import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringAt, stringIn } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesString } from './vcluster-values.js'

const SOURCE = 'cluster-api-vcluster'

const VCLUSTER_KIND = literal('VCluster')
const INFRASTRUCTURE_API = literal('infrastructure.cluster.x-k8s.io/')

/**
 * The Cluster API provider for vcluster: a `VCluster` object installs the chart named in
 * `spec.helmRelease.chart` with `spec.helmRelease.values` (a YAML string).
 */
export const clusterApiVcluster: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: isYamlPath,
  // What readDocument requires, however the kind is written (`kind: "VCluster"`, JSON).
  mightDeclare: (text) => VCLUSTER_KIND.foundIn(text) && INFRASTRUCTURE_API.foundIn(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    if (stringAt(root, ['kind'])?.value !== 'VCluster') return
    if (!stringAt(root, ['apiVersion'])?.value.startsWith('infrastructure.cluster.x-k8s.io/')) return
    const release = mapAt(root, ['spec', 'helmRelease'])
    const chart = mapAt(release, ['chart'])
    if (!release || !chart) return
    const group = fileGroup(file.path, index)
    const chartName = stringIn(chart, 'name')
    const isVcluster = declareChartRelease(out, file, { chart: chartName, version: stringIn(chart, 'version'), group, source: SOURCE })
    if (isVcluster) readValuesString(out, file, release.get('values', true), group, SOURCE)
  }
})
