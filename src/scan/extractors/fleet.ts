import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../groups.js'
import { basenameOf, dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'fleet'

/**
 * Rancher Fleet `fleet.yaml`: `helm.chart` + `helm.version`, values inline and in
 * `valuesFiles`. Each `targetCustomizations` entry is its own deployment that inherits the
 * base (its group is a child of the base group) and may override version and values.
 */
export const fleet: Extractor = {
  id: SOURCE,
  accepts: (path) => basenameOf(path) === 'fleet.yaml' || basenameOf(path) === 'fleet.yml',
  mightDeclare: (text) => text.includes('vcluster'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    for (const { doc } of yaml.documents) {
      const root = doc.contents
      const helm = mapAt(root, ['helm'])
      if (!helm) continue
      const base = fileGroup(file.path, 'helm')
      const chart = stringIn(helm, 'chart')
      const isVcluster = declareChartRelease(out, file, { chart, version: stringIn(helm, 'version'), group: base, source: SOURCE, unversioned: 'Fleet installs the latest' })
      if (!isVcluster) continue
      readHelmValues(out, file, helm, base)
      itemsOf(isMap(root) ? root.get('targetCustomizations', true) : undefined).forEach((target, n) => {
        const override = mapAt(target, ['helm'])
        if (!override) return
        const group = fileGroup(file.path, 'helm', `targetCustomizations.${n}`)
        const version = stringIn(override, 'version')
        if (version) declareChartRelease(out, file, { chart, version, group, source: SOURCE })
        readHelmValues(out, file, override, group)
      })
    }
    return out
  }
}

function readHelmValues(out: Extraction, file: SourceFile, helm: YAMLMap, group: string): void {
  readValuesNode(out, file, helm.get('values', true), group, SOURCE)
  for (const valuesFile of itemsOf(helm.get('valuesFiles', true))) {
    const path = stringAt(valuesFile, [])
    if (path && isLiteralPath(path.value)) {
      out.links?.push({ group, target: { file: joinPath(dirnameOf(file.path), path.value) }, from: file.locate(path.node.range?.[0] ?? 0) })
    }
  }
}
