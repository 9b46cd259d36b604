import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease, linkValuesFile } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesKey, readValuesNode } from './vcluster-values.js'

const SOURCE = 'helmfile'

/**
 * Helmfile releases (`helmfile.yaml`, `helmfile.d/*.yaml`, `.gotmpl`): a release of the
 * vcluster chart (`loft/vcluster`) pins `version`; its `values` are files (relative to the
 * helmfile) or inline maps, and `set` entries set single keys.
 */
export const helmfile: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: (path) => /(^|\/)(helmfile[^/]*|helmfile\.d\/[^/]+)\.ya?ml(\.gotmpl)?$/i.test(path),
  mightDeclare: (text) => text.includes('vcluster'),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    const directory = dirnameOf(file.path)
    itemsOf(isMap(root) ? root.get('releases', true) : undefined).forEach((release, n) => {
      if (isMap(release)) readRelease(out, file, release, fileGroup(file.path, index, `releases.${n}`), directory)
    })
  }
})

function readRelease(out: Extraction, file: SourceFile, release: YAMLMap, group: string, directory: string): void {
  const isVcluster = declareChartRelease(out, file, {
    chart: stringIn(release, 'chart'),
    version: stringIn(release, 'version'),
    group,
    source: SOURCE,
    unversioned: 'Helmfile installs the latest'
  })
  if (!isVcluster) return
  for (const values of itemsOf(release.get('values', true))) {
    const path = stringAt(values, [])
    if (!path) {
      readValuesNode(out, file, values, group, SOURCE)
      continue
    }
    linkValuesFile(out, file, group, directory, path)
  }
  for (const set of itemsOf(release.get('set', true))) {
    const name = stringAt(set, ['name'])
    const value = stringAt(set, ['value'])
    if (name && value) readValuesKey(out, name.value, tracedOf(file, value), group, SOURCE)
  }
}
