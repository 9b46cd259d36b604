import { isMap } from 'yaml'
import { declareChartRelease, linkValuesFile } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, stringAt, stringIn, stringsIn } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'kustomization'

/**
 * `kustomization.yaml`: `helmCharts` entries install a chart (version, `valuesFile`,
 * `additionalValuesFiles`, `valuesInline`); `configMapGenerator` entries turn values files
 * into the ConfigMaps a Flux HelmRelease reads with `valuesFrom`.
 */
export const kustomization: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => /(^|\/)kustomization\.ya?ml$/i.test(path),
  mightDeclare: (text) => text.includes('helmCharts') || text.includes('configMapGenerator'),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    const directory = dirnameOf(file.path)
    if (!isMap(root)) return
    itemsOf(root.get('helmCharts', true)).forEach((chart, n) => {
      const group = fileGroup(file.path, `helmCharts.${n}`)
      const isVcluster = declareChartRelease(out, file, { chart: stringIn(chart, 'name'), version: stringIn(chart, 'version'), group, source: SOURCE })
      if (!isVcluster) return
      for (const path of [...stringsIn(chart, 'valuesFile'), ...stringsIn(chart, 'additionalValuesFiles')]) linkValuesFile(out, file, group, directory, path)
      readValuesNode(out, file, isMap(chart) ? chart.get('valuesInline', true) : undefined, group, SOURCE)
    })
    for (const generator of itemsOf(root.get('configMapGenerator', true))) {
      const name = stringAt(generator, ['name'])?.value
      if (name === undefined) continue
      const files = stringsIn(generator, 'files')
        .map((entry) => entry.value.slice(entry.value.indexOf('=') + 1))
        .filter(isLiteralPath)
        .map((path) => joinPath(directory, path))
      if (files.length > 0) out.providers?.push({ ref: `ConfigMap/${name}`, files })
    }
  }
})
