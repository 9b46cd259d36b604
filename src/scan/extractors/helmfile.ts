import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../groups.js'
import { basenameOf, dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { readValuesKey, readValuesNode } from './vcluster-values.js'

const SOURCE = 'helmfile'

/**
 * Helmfile releases (`helmfile.yaml`, `helmfile.d/*.yaml`, `.gotmpl`): a release of the
 * vcluster chart (`loft/vcluster`) pins `version`; its `values` are files (relative to the
 * helmfile) or inline maps, and `set` entries set single keys.
 */
export const helmfile: Extractor = {
  id: SOURCE,
  accepts: (path) => /^helmfile.*\.ya?ml(\.gotmpl)?$/i.test(basenameOf(path)) || /(^|\/)helmfile\.d\/[^/]+\.ya?ml(\.gotmpl)?$/i.test(path),
  mightDeclare: (text) => text.includes('vcluster'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const yaml = file.yaml()
    out.diagnostics.push(...yaml.diagnostics)
    const directory = dirnameOf(file.path)
    for (const { doc, index } of yaml.documents) {
      itemsOf(isMap(doc.contents) ? doc.contents.get('releases', true) : undefined).forEach((release, n) => {
        if (isMap(release)) readRelease(out, file, release, fileGroup(file.path, index, `releases.${n}`), directory)
      })
    }
    return out
  }
}

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
    if (isLiteralPath(path.value)) {
      out.links?.push({ group, target: { file: joinPath(directory, path.value) }, from: file.locate(path.node.range?.[0] ?? 0) })
    }
  }
  for (const set of itemsOf(release.get('set', true))) {
    const name = stringAt(set, ['name'])
    const value = stringAt(set, ['value'])
    if (name && value) readValuesKey(out, name.value, tracedOf(file, value), group, SOURCE)
  }
}
