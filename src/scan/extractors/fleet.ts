import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease, linkValuesFile } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesNode } from './vcluster-values.js'

const SOURCE = 'fleet'

/**
 * Rancher Fleet `fleet.yaml`: `helm.chart` + `helm.version`, values inline and in
 * `valuesFiles`. Each `targetCustomizations` entry is its own deployment that inherits the
 * base (its group is a child of the base group) and may override version and values.
 */
export const fleet: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => /(^|\/)fleet\.ya?ml$/.test(path),
  mightDeclare: (text) => text.includes('vcluster'),
  readDocument(out: Extraction, file: SourceFile, root: unknown, _index: number): void {
    const helm = mapAt(root, ['helm'])
    if (!helm) return
    const base = fileGroup(file.path, 'helm')
    const chart = stringIn(helm, 'chart')
    const isVcluster = declareChartRelease(out, file, { chart, version: stringIn(helm, 'version'), group: base, source: SOURCE, unversioned: 'Fleet installs the latest' })
    if (!isVcluster) return
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
})

function readHelmValues(out: Extraction, file: SourceFile, helm: YAMLMap, group: string): void {
  readValuesNode(out, file, helm.get('values', true), group, SOURCE)
  for (const valuesFile of itemsOf(helm.get('valuesFiles', true))) {
    const path = stringAt(valuesFile, [])
    if (path) linkValuesFile(out, file, group, dirnameOf(file.path), path)
  }
}
