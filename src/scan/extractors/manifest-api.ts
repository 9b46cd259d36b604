import { isMap } from 'yaml'
import type { Usage } from '../../model.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { locateIn, stringAt } from '../yaml-nodes.js'
import { spellsApiVersion } from './api-version-text.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { isTemplated } from './manifest-yaml.js'

/** `group/version` or a core `v1`: what a Kubernetes object's apiVersion looks like. */
const API_VERSION = /^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/

/** All this extractor reads of a document: the rest is not parsed unless another extractor wants it. */
const OBJECT_KEYS = ['apiVersion', 'kind']

/**
 * Kubernetes manifests: the apiVersion and kind of every object, at the line of its
 * apiVersion, so that APIs removed from the cluster version they are deployed to can be
 * reported where they are written. With `apiVersions` (those the database names), only
 * objects of those APIs are recorded, and only documents that spell one of them are parsed:
 * most manifests use none, and parsing them is most of a scan's time.
 */
export function manifestApi(apiVersions?: ReadonlySet<string>): Extractor {
  const spellsListed = apiVersions === undefined ? undefined : spellsApiVersion([...apiVersions])
  const mightDeclare = (text: string): boolean =>
    text.includes('apiVersion') &&
    text.includes('kind') &&
    // An escaped string (`"batch\/v1beta1"`) can spell an apiVersion that a literal search misses.
    (spellsListed === undefined || text.includes('\\') || spellsListed(text))
  return {
    id: 'manifest-api',
    accepts: isYamlPath,
    mightDeclare,
    extract(file: SourceFile): Extraction {
      const out: Extraction & { usages: Usage[] } = { ...emptyExtraction(), usages: [] }
      const yaml = file.yamlHead(mightDeclare, OBJECT_KEYS)
      if (yaml.diagnostics.length > 0 && !isTemplated(file.text)) out.diagnostics.push(...yaml.diagnostics)
      for (const { contents: root } of yaml.documents) {
        if (!isMap(root)) continue
        const apiVersion = stringAt(root, ['apiVersion'])
        const kind = stringAt(root, ['kind'])?.value
        if (!apiVersion || !kind || !API_VERSION.test(apiVersion.value)) continue
        if (apiVersions !== undefined && !apiVersions.has(apiVersion.value)) continue
        out.usages.push({
          feature: 'api',
          apiVersion: apiVersion.value,
          kind,
          ...locateIn(file, apiVersion),
          source: 'manifest-api',
          group: dirnameOf(file.path)
        })
      }
      return out
    }
  }
}
