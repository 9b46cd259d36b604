import { isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml'
import type { Usage } from '../../model.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { mayHoldKey } from './written-key.js'

const holdsContainers = [mayHoldKey('containers'), mayHoldKey('initContainers')]
const holdsFeatures = [mayHoldKey('resizePolicy'), mayHoldKey('exec')]

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const

/**
 * Pod features some Kubernetes and runtime versions handle badly: a container
 * `resizePolicy` (in-place resize) and exec probes. Any list of `containers` or
 * `initContainers` counts, so Deployments, Jobs, CronJobs and custom resources with a pod
 * template are all read. Features of one pod share an `object`.
 */
export const manifestPodFeatures: Extractor = {
  id: 'manifest-pod-features',
  accepts: isYamlPath,
  // The features first: few manifests hold them, most hold containers.
  mightDeclare: (text) => holdsFeatures.some((holds) => holds(text)) && holdsContainers.some((holds) => holds(text)),
  extract(file: SourceFile): Extraction {
    const out: Extraction & { usages: Usage[] } = { ...emptyExtraction(), usages: [] }
    for (const { doc, index } of file.yaml(manifestPodFeatures.mightDeclare).documents) {
      visit(doc, {
        Pair(_key, pair, path) {
          if (!isScalar(pair.key) || !isSeq(pair.value)) return
          if (pair.key.value !== 'containers' && pair.key.value !== 'initContainers') return
          const podSpec = path[path.length - 1] as Node
          const object = `${file.path}#${index}@${podSpec.range?.[0] ?? 0}`
          for (const container of pair.value.items) {
            if (!isMap(container)) continue
            for (const item of container.items) {
              if (!isPair(item) || !isScalar(item.key)) continue
              const key = item.key.value
              if (key === 'resizePolicy' && isSeq(item.value) && item.value.items.length > 0) {
                out.usages.push(usage(file, 'resizePolicy', item.key.range?.[0] ?? 0, object))
              }
              if (PROBES.includes(key as (typeof PROBES)[number]) && isMap(item.value) && item.value.has('exec')) {
                out.usages.push(usage(file, 'execProbe', item.key.range?.[0] ?? 0, object))
              }
            }
          }
        }
      })
    }
    return out
  }
}

function usage(file: SourceFile, feature: string, offset: number, object: string): Usage {
  return { feature, ...file.locate(offset), object, source: 'manifest-pod-features', group: dirnameOf(file.path) }
}
