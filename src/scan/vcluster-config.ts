import { isCollection, isMap, isScalar, type Node, type YAMLMap } from 'yaml'
import { isApiServerImage, isK0sImage, isK3sImage, parseImageRef } from './image-ref.js'
import { followAlias } from './yaml-aliases.js'
import { asString, mapAt, valueAt, type StringAt } from './yaml-nodes.js'

export type VclusterDistro = 'k8s' | 'k3s' | 'k0s' | 'eks'

/** What one vcluster configuration says about its virtual cluster's Kubernetes. */
export interface VclusterConfig {
  /** The value that sets the version: a tag, a `version`, or a whole image (≤ 0.19). */
  version?: StringAt
  /** True when `version` is an image reference whose tag carries the version. */
  isImage: boolean
  /** The distro, when the configuration chooses one. */
  distro?: VclusterDistro
  /** Path of keys to the value, for messages. */
  key?: string
  /** A list or map where the version belongs (a mistake, or an alias to the wrong anchor). */
  notAVersion?: Node
  /** The umbrella keys above the configuration (`vcluster`, an alias, `platform.vcluster`); absent at the root. */
  path?: string[]
}

/** Umbrella keys looked through in a chart's values file: a chart of charts of charts (`app` → `platform` → `vcluster`). */
export const MAX_UMBRELLA_KEYS = 3

/**
 * Reads vcluster configuration in every era (db-facts §6.5): ≤ 0.19 per-distro chart values
 * (`vcluster.image: rancher/k3s:…`, `api.image: …/kube-apiserver:…`), 0.20–0.24
 * (`controlPlane.distro.k8s.apiServer.image.tag`, `…k8s.version`, `…k3s|k0s.image.tag`) and
 * ≥ 0.25 (`controlPlane.distro.k8s.image.tag`). An umbrella chart nests the values under the
 * dependency's name, so the top-level maps are looked at too.
 */
export function readVclusterConfigs(aliased: unknown, umbrellaKeys = 1): VclusterConfig[] {
  const root = followAlias(aliased)
  if (!isMap(root)) return []
  const direct = readOne(root)
  if (direct) return [direct]
  return underKeys(root, [], umbrellaKeys)
}

/**
 * Configurations nested under umbrella keys, each with its keys: an umbrella chart gives a
 * dependency its values under the dependency's name or alias, and a chart of charts nests them
 * again (`platform.vcluster.controlPlane`). Which key applies is the resolve stage's to decide.
 */
function underKeys(map: YAMLMap, path: readonly string[], limit: number): VclusterConfig[] {
  if (path.length >= limit) return []
  return map.items.flatMap((pair) => {
    const value = followAlias(pair.value)
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (!isMap(value) || key === undefined) return []
    const keys = [...path, key]
    const found = readOne(value)
    return found ? [{ ...found, path: keys }] : underKeys(value, keys, limit)
  })
}

function readOne(config: YAMLMap): VclusterConfig | undefined {
  const distros = mapAt(config, ['controlPlane', 'distro'])
  if (distros) return readModern(distros)
  if (config.has('controlPlane')) return { isImage: false }
  return readLegacy(config)
}

function readModern(distros: YAMLMap): VclusterConfig {
  const enabled = (['k3s', 'k0s', 'k8s'] as const).find((d) => mapAt(distros, [d])?.get('enabled') === true)
  const distro = enabled ?? 'k8s'
  const candidates: Array<[string[], string]> =
    distro === 'k8s'
      ? [
          [['k8s', 'image', 'tag'], 'controlPlane.distro.k8s.image.tag'],
          [['k8s', 'apiServer', 'image', 'tag'], 'controlPlane.distro.k8s.apiServer.image.tag'],
          [['k8s', 'version'], 'controlPlane.distro.k8s.version']
        ]
      : [[[distro, 'image', 'tag'], `controlPlane.distro.${distro}.image.tag`]]
  for (const [path, key] of candidates) {
    const value = valueAt(distros, path)
    const version = asString(value)
    if (version) return { version, isImage: false, distro, key }
    if (isCollection(value)) return { isImage: false, distro, key, notAVersion: value }
  }
  return { isImage: false, ...(enabled ? { distro } : {}) }
}

/** ≤ 0.19: the image name says which distro, so only known images count as declarations. */
function readLegacy(config: YAMLMap): VclusterConfig | undefined {
  for (const key of ['vcluster', 'api'] as const) {
    const image = asString(mapAt(config, [key])?.get('image', true))
    if (!image) continue
    const distro = legacyDistroOf(image.value)
    if (distro) return { version: image, isImage: true, distro, key: `${key}.image` }
  }
  return undefined
}

function legacyDistroOf(image: string): VclusterDistro | undefined {
  const repository = parseImageRef(image)?.repository
  if (repository === undefined) return undefined
  if (isK3sImage(repository)) return 'k3s'
  if (isK0sImage(repository)) return 'k0s'
  if (isApiServerImage(repository)) return /eks/.test(image) ? 'eks' : 'k8s'
  return undefined
}

/**
 * A values key written as one dotted path (`--set`, Argo CD `parameters`, Terraform `set`,
 * Helmfile `set`) that sets the virtual Kubernetes version. Any prefix before `controlPlane`
 * is the dependency name of an umbrella chart.
 */
export function virtualVersionKey(key: string): { distro: VclusterDistro; isImage: boolean } | undefined {
  const modern = /(?:^|\.)controlPlane\.distro\.(k8s|k3s|k0s)\.(?:image\.tag|apiServer\.image\.tag|version)$/.exec(key)
  if (modern) return { distro: modern[1] as VclusterDistro, isImage: false }
  if (/(?:^|\.)(?:vcluster|api)\.image$/.test(key)) return { distro: 'k3s', isImage: true }
  return undefined
}

/** The distro an image of a ≤ 0.19 `--set vcluster.image=…` names. */
export function distroOfImage(image: string): VclusterDistro | undefined {
  return legacyDistroOf(image)
}

/**
 * vcluster chart names: one chart since 0.20, one per distro up to 0.19. A local path
 * (`./charts/vcluster`) is a chart of this repository: its version is in its own Chart.yaml.
 */
export function vclusterChartDistro(chart: string): { distro?: VclusterDistro } | undefined {
  if (chart.startsWith('.') || chart.startsWith('/')) return undefined
  const name = chart.replace(/^oci:\/\//, '').split('/').pop() ?? chart
  const match = /^vcluster(?:-(k3s|k8s|k0s|eks))?$/.exec(name)
  if (!match) return undefined
  return match[1] ? { distro: match[1] as VclusterDistro } : {}
}
