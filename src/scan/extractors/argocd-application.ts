import { isMap, type YAMLMap } from 'yaml'
import { declareChartRelease } from '../chart-release.js'
import { fileGroup } from '../group-key.js'
import { isLiteralPath, isYamlPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { itemsOf, mapAt, stringAt, stringIn, tracedOf } from '../yaml-nodes.js'
import { addVariable, expand, type Variables } from '../shell/expand.js'
import type { Extraction, Extractor } from './extractor.js'
import { anyLiteral, literal } from './literal.js'
import { yamlExtractor } from './yaml-extractor.js'
import { readValuesKey, readValuesNode, readValuesString } from './vcluster-values.js'

const SOURCE = 'argocd-application'

const ARGO_API = literal('argoproj.io/')
const namesVcluster = anyLiteral('vcluster', 'controlPlane')

/**
 * Argo CD `Application` and `ApplicationSet` (its template): a source with `chart: vcluster`
 * pins the version in `targetRevision`; its values come from `helm.valuesObject`,
 * `helm.values` (a YAML string), `helm.parameters` and `helm.valueFiles`. A source that
 * points at a path of this repository deploys the chart found there, so its values join
 * that directory's group (the umbrella chart and its `values.yaml`).
 */
export const argocdApplication: Extractor = yamlExtractor({
  id: SOURCE,
  accepts: isYamlPath,
  mightDeclare: (text) => ARGO_API.foundIn(text) && namesVcluster(text),
  readDocument(out: Extraction, file: SourceFile, root: unknown, index: number): void {
    if (!stringAt(root, ['apiVersion'])?.value.startsWith('argoproj.io/')) return
    const kind = stringAt(root, ['kind'])?.value
    const spec = kind === 'Application' ? mapAt(root, ['spec']) : kind === 'ApplicationSet' ? mapAt(root, ['spec', 'template', 'spec']) : undefined
    if (!spec) return
    const sources = sourcesOf(spec)
    const group = fileGroup(file.path, index)
    const variables = kind === 'ApplicationSet' ? generatorElements(file, root, group) : undefined
    sources.forEach((source) => readSource(out, file, source, sources, group, variables))
  }
})

function sourcesOf(spec: YAMLMap): YAMLMap[] {
  const single = mapAt(spec, ['source'])
  return single ? [single] : itemsOf(spec.get('sources', true)).filter(isMap)
}

function readSource(out: Extraction, file: SourceFile, source: YAMLMap, all: YAMLMap[], applicationGroup: string, variables?: Variables): void {
  const path = stringIn(source, 'path')?.value
  const fromPath = path !== undefined && isLiteralPath(path)
  const group = fromPath ? joinPath('.', path) : applicationGroup
  if (!fromPath) {
    const isVcluster = declareChartRelease(out, file, {
      chart: stringIn(source, 'chart'),
      version: stringIn(source, 'targetRevision'),
      group,
      source: SOURCE,
      unversioned: 'Argo CD installs the latest',
      ...(variables ? { variables } : {})
    })
    if (!isVcluster) return
  }
  const helm = mapAt(source, ['helm'])
  if (!helm) return
  readValuesNode(out, file, helm.get('valuesObject', true), group, SOURCE, variables)
  readValuesString(out, file, helm.get('values', true), group, SOURCE, variables)
  for (const parameter of itemsOf(helm.get('parameters', true))) {
    const name = stringAt(parameter, ['name'])
    const value = stringAt(parameter, ['value'])
    if (!name || !value) continue
    for (const expanded of variables ? expand(tracedOf(file, value), variables) : [{ value: tracedOf(file, value) }]) {
      readValuesKey(out, name.value, expanded.value, expanded.group ?? group, SOURCE)
    }
  }
  for (const valueFile of itemsOf(helm.get('valueFiles', true))) {
    const written = stringAt(valueFile, [])
    const target = written && valueFilePath(written.value, fromPath ? path : undefined, all)
    if (written && target) out.links?.push({ group, target: { file: target }, from: file.locate(written.node.range?.[0] ?? 0) })
  }
}

/**
 * Parameters of an ApplicationSet's `list` generators: each element is one Application, so
 * its values form their own group (like a workflow matrix `include` entry).
 */
function generatorElements(file: SourceFile, root: unknown, group: string): Variables {
  const variables: Variables = new Map()
  for (const generator of itemsOf(mapAt(root, ['spec'])?.get('generators', true))) {
    itemsOf(mapAt(generator, ['list'])?.get('elements', true)).forEach((element, n) => {
      const elementGroup = fileGroup(group, `elements.${n}`)
      for (const pair of isMap(element) ? element.items : []) {
        const key = stringAt(pair.key, [])?.value
        if (key === undefined) continue
        const value = stringAt(pair.value, [])
        if (value) addVariable(variables, `template.${key}`, { value: tracedOf(file, value), group: elementGroup })
        for (const inner of isMap(pair.value) ? pair.value.items : []) {
          const innerKey = stringAt(inner.key, [])?.value
          const innerValue = stringAt(inner.value, [])
          if (innerKey !== undefined && innerValue) addVariable(variables, `template.${key}.${innerKey}`, { value: tracedOf(file, innerValue), group: elementGroup })
        }
      }
    })
  }
  return variables
}

/**
 * A value file of this repository: `$ref/path` names the source with that `ref` (taken to be
 * this repository); a plain path is relative to a path source. A plain path of a chart
 * source lives inside the chart package and cannot be read here.
 */
function valueFilePath(written: string, sourcePath: string | undefined, all: YAMLMap[]): string | undefined {
  if (!isLiteralPath(written.replace(/^\$[\w-]+\//, ''))) return undefined
  const ref = /^\$([\w-]+)\/(.+)$/.exec(written)
  if (ref) {
    const named = all.find((source) => stringIn(source, 'ref')?.value === ref[1])
    return named ? joinPath(stringIn(named, 'path')?.value ?? '.', ref[2]!) : undefined
  }
  return sourcePath !== undefined ? joinPath(sourcePath, written) : undefined
}
