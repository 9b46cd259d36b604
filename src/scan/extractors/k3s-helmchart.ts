import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { literal } from './literal.js'
import { readValuesKey, readValuesString } from './vcluster-values.js'
import { yamlExtractor } from './yaml-extractor.js'

const SOURCE = 'k3s-helmchart'

const K3S_HELM_API = literal('helm.cattle.io')

/**
 * The k3s and RKE2 Helm controller (`helm.cattle.io/v1` `HelmChart`, often an auto-deploy
 * manifest): `spec.chart` + `spec.version`, values in `spec.valuesContent` (a YAML string) and
 * `spec.set`.
 */
export const k3sHelmChart: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: isYamlPath,
  mightDeclare: (text) => K3S_HELM_API.foundIn(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    if (stringAt(root, ['kind'])?.value !== 'HelmChart') return
    if (!stringAt(root, ['apiVersion'])?.value.startsWith('helm.cattle.io/')) return
    const spec = mapAt(root, ['spec'])
    if (!spec) return
    const group = fileGroup(file.path, index)
    const isVcluster = declareChartRelease(out, file, { chart: stringIn(spec, 'chart'), version: stringIn(spec, 'version'), group, source: SOURCE })
    if (!isVcluster) return
    readValuesString(out, file, spec.get('valuesContent', true), group, SOURCE)
    for (const pair of mapAt(spec, ['set'])?.items ?? []) {
      const key = stringAt(pair.key, [])?.value
      const value = stringAt(pair.value, [])
      if (key !== undefined && value) readValuesKey(out, key, tracedOf(file, value), group, SOURCE)
    }
  }
})
