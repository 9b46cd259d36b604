import { isMap, isScalar, isSeq, type Scalar } from 'yaml'
import { declareImageTag, declareVersion } from '../declare.js'
import { fileGroup } from '../group-key.js'
import { basenameOf, dirnameOf, isYamlPath } from '../paths.js'
import { embeddedSource, type SourceFile } from '../source-file.js'
import { distroOfImage, MAX_UMBRELLA_KEYS, readVclusterConfigs, virtualVersionKey } from '../vcluster-config.js'
import { expand, type Variables } from '../shell/expand.js'
import { textOf, type Traced } from '../traced.js'
import { stringAt, tracedOf } from '../yaml-nodes.js'
import type { Extraction, Extractor } from './extractor.js'
import { anyLiteral } from './literal.js'
import { mayHoldKey } from './written-key.js'
import { yamlExtractor } from './yaml-extractor.js'

const SOURCE = 'vcluster-values'

const holdsControlPlane = mayHoldKey('controlPlane')
const namesDistroImage = anyLiteral('rancher/k3s', 'kube-apiserver', 'k0sproject/k0s')

/**
 * vcluster values files (`vcluster.yaml`, chart values, an umbrella chart's values) in every
 * config era, and ConfigMaps that carry such values for a Flux HelmRelease's `valuesFrom`.
 */
const readValuesFile: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: isYamlPath,
  mightDeclare: (text) => holdsControlPlane(text) || namesDistroImage(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    const group = dirnameOf(file.path)
    if (stringAt(root, ['kind'])?.value === 'ConfigMap') {
      readConfigMap(out, file, root, index)
      return
    }
    if (stringAt(root, ['apiVersion']) !== undefined) return
    // A chart's values file may nest vcluster's under a chart of charts (`platform.vcluster.`); other files one key at most.
    readValuesNode(out, file, root, group, SOURCE, undefined, VALUES_FILE.test(basenameOf(file.path)) ? MAX_UMBRELLA_KEYS : 1)
  }
})

/**
 * Values that do not parse cannot say which virtual version they set. When the text shows a
 * version key of the configuration (a distro's `image`/`tag`/`version` under `controlPlane`,
 * or a distro image), the version is unknown: the release default must not stand in for it.
 */
export const vclusterValues: Extractor = {
  ...readValuesFile,
  extract(file: SourceFile): Extraction {
    const out = readValuesFile.extract(file)
    const broken = file.yaml(readValuesFile.mightDeclare).diagnostics[0]
    const setsVersion = SETS_VERSION.test(file.text) && (holdsControlPlane(file.text) || namesDistroImage(file.text))
    const declared = out.declarations.some((d) => d.role === 'virtual') || (out.unknowns ?? []).length > 0
    if (broken && setsVersion && !declared) {
      // Reported at the key that would hold the version (the first one after controlPlane), where a reader looks.
      const from = Math.max(file.text.indexOf('controlPlane'), 0)
      const keyAt = (pattern: RegExp): number | undefined => {
        const found = pattern.exec(file.text.slice(from))
        return found ? from + found.index : undefined
      }
      const at = file.locate(keyAt(/\b(?:tag|version)\s*:/) ?? keyAt(/\bimage\s*:/) ?? 0)
      out.unknowns?.push({
        component: 'kubernetes',
        role: 'virtual',
        ...at,
        raw: file.text.split(/\r?\n/)[at.line - 1]?.trim() ?? '',
        reason: `the values do not parse (line ${broken.line ?? 1}: ${broken.message.replace(/^YAML does not parse, skipped: /, '')})`,
        cause: 'unreadable',
        group: dirnameOf(file.path)
      })
    }
    return out
  }
}

/** Helm values files by name (`values.yaml`, `values-prod.yaml`, `prod.values.yaml`). */
const VALUES_FILE = /(?:^|[.-])values(?:[.-][^/]*)?\.ya?ml$/i

/** A key that can hold the virtual Kubernetes version, or a distro image with a tag. */
const SETS_VERSION = /\b(?:tag|version|image)\s*:/

/**
 * Declares what a vcluster values map sets for the virtual cluster, or records the distro it
 * enables without a version (for the implied default).
 */
export function readValuesNode(out: Extraction, file: SourceFile, node: unknown, group: string, source: string, variables?: Variables, umbrellaKeys = 1): void {
  for (const config of readVclusterConfigs(node, umbrellaKeys)) {
    if (config.notAVersion) {
      const kind = isSeq(config.notAVersion) ? 'a list' : 'a map'
      const at = file.locate(config.notAVersion.range?.[0] ?? 0)
      const reason = `${kind}, not a version${kind === 'a map' ? ' (an unquoted template such as {{ .Values.x }} reads as a map)' : ''}`
      const raw = rawAt(file, config.notAVersion.range)
      const cause = /\{\{|\$/.test(raw) ? 'template' : 'not-a-version'
      out.diagnostics.push({ ...at, message: `virtual cluster Kubernetes version (${config.key}): ${reason}`, unresolved: true, cause })
      out.unknowns?.push({ component: 'kubernetes', role: 'virtual', ...at, raw, reason, cause, group })
      continue
    }
    if (!config.version) {
      if (config.distro) out.distros?.push({ group, distro: config.distro, from: 'values' })
      continue
    }
    const request = {
      component: 'kubernetes' as const,
      role: 'virtual' as const,
      source,
      group,
      ...(config.distro ? { distro: config.distro } : {}),
      what: `virtual cluster Kubernetes version (${config.key ?? 'vcluster values'})`
    }
    for (const expanded of variables ? expand(tracedOf(file, config.version), variables) : [{ value: tracedOf(file, config.version) }]) {
      const placed = { ...request, group: expanded.group ?? group }
      const declared = config.isImage ? declareImageTag(out, expanded.value, { ...placed, what: `virtual cluster image (${config.key})` }) : declareVersion(out, expanded.value, placed)
      // Under an umbrella key: the resolve stage keeps it where a chart's dependencies put vcluster (resolve/umbrella.ts).
      if (declared && config.path) declared.valuesPath = config.path
    }
  }
}

/**
 * One value set by its dotted key (`--set`, Argo CD `parameters`, Helmfile and Terraform
 * `set`): declares it when the key sets the virtual Kubernetes version.
 */
export function readValuesKey(out: Extraction, key: string, value: Traced, group: string, source: string): void {
  const target = virtualVersionKey(key)
  if (!target) return
  const request = { component: 'kubernetes' as const, role: 'virtual' as const, source, group, what: `virtual cluster Kubernetes version (${key})` }
  if (!target.isImage) {
    declareVersion(out, value, { ...request, distro: target.distro })
    return
  }
  const distro = distroOfImage(textOf(value))
  if (distro) declareImageTag(out, value, { ...request, distro, what: `virtual cluster image (${key})` })
}

/** Values written as a YAML string (Argo CD `helm.values`, a ConfigMap key): parsed and mapped back. */
export function readValuesString(out: Extraction, file: SourceFile, node: unknown, group: string, source: string, variables?: Variables): void {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return
  const embedded = embeddedSource(file, node.value, node.range)
  const yaml = embedded.yaml()
  out.diagnostics.push(...yaml.diagnostics)
  for (const { doc } of yaml.documents) readValuesNode(out, embedded, doc.contents, group, source, variables)
}

function rawAt(file: SourceFile, range: readonly number[] | null | undefined): string {
  return range ? file.text.slice(range[0], range[1]).trim() : ''
}

function readConfigMap(out: Extraction, file: SourceFile, root: unknown, index: number): void {
  const name = stringAt(root, ['metadata', 'name'])?.value
  const data = isMap(root) ? root.get('data', true) : undefined
  if (name === undefined || !isMap(data)) return
  const group = fileGroup(file.path, index)
  for (const pair of data.items) {
    const value = pair.value as Scalar | null
    if (!isScalar(value) || typeof value.value !== 'string' || !value.value.includes('\n')) continue
    readValuesString(out, file, value, group, SOURCE)
  }
  out.providers?.push({ ref: `ConfigMap/${name}`, group })
}
