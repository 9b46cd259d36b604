import { isMap, type YAMLMap } from 'yaml'
import type { Usage } from '../../model.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { mapAt } from '../yaml-nodes.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

const K8S_COMPONENTS = ['apiServer', 'controllerManager', 'scheduler'] as const
/** A key the extractor reads, also JSON-style (`"apiServer":`, `\"apiServer\":` inside a string). */
const WRITTEN_KEY = /\b(syncer|api|apiServer|controllerManager|scheduler|vcluster)(\\?["'])?\s*:/

/**
 * vcluster configuration keys that some releases reject: values written for the charts
 * before 0.20 (`vcluster.image`, `syncer`, `api.image` at the top) and the per-component
 * images of the k8s distro that 0.25 replaced by one image. Values of an umbrella chart
 * sit under `vcluster:`, so that level is read too.
 */
export const manifestVclusterConfig: Extractor = {
  id: 'manifest-vcluster-config',
  accepts: isYamlPath,
  mightDeclare: (text) => WRITTEN_KEY.test(text),
  extract(file: SourceFile): Extraction {
    const out: Extraction & { usages: Usage[] } = { ...emptyExtraction(), usages: [] }
    const add = (feature: string, node: YAMLMap, object: string): void => {
      out.usages.push({ feature, ...file.locate(node.range?.[0] ?? 0), object, source: 'manifest-vcluster-config', group: dirnameOf(file.path) })
    }
    for (const { doc, index } of file.yaml(manifestVclusterConfig.mightDeclare).documents) {
      const root = doc.contents
      if (!isMap(root)) continue
      const configs = [root, mapAt(root, ['vcluster'])].filter((config): config is YAMLMap => config !== undefined)
      configs.forEach((config, level) => {
        const object = `${file.path}#${index}/${level}`
        for (const component of K8S_COMPONENTS) {
          const image = mapAt(config, ['controlPlane', 'distro', 'k8s', component, 'image'])
          if (image) add('vclusterK8sComponentImages', image, object)
        }
        const legacy = legacyKey(config)
        if (legacy) add('vclusterLegacyValues', legacy, object)
      })
    }
    return out
  }
}

/** A top-level key that only the pre-0.20 charts had; none when the file is 0.20 config. */
function legacyKey(config: YAMLMap): YAMLMap | undefined {
  if (config.has('controlPlane')) return undefined
  const syncer = mapAt(config, ['syncer'])
  if (syncer) return syncer
  for (const key of ['vcluster', 'api'] as const) {
    const section = mapAt(config, [key])
    if (section?.has('image')) return section
  }
  return undefined
}
