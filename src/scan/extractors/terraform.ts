import type { KubernetesRole } from '../../model.js'
import { cannotRead, declareImageTag, declareVersion, toolDefault, type DeclareRequest } from '../declare.js'
import { fileGroup } from '../group-key.js'
import { dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { isAutoLoaded, terraformFileOf } from '../terraform/files.js'
import { hclBody, hclTokens, literalString, reference, type Attribute, type Block, type Token } from '../terraform/hcl.js'
import { traced, type Traced } from '../traced.js'
import { vclusterChartDistro } from '../vcluster-config.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { readValuesKey } from './vcluster-values.js'

const SOURCE = 'terraform'

interface ClusterVersion {
  attributes: string[]
  distro: string
  image?: true
}

/** Resources whose attribute pins the host cluster's Kubernetes version. */
const RESOURCES: Record<string, ClusterVersion> = {
  aws_eks_cluster: { attributes: ['version'], distro: 'eks' },
  azurerm_kubernetes_cluster: { attributes: ['kubernetes_version'], distro: 'aks' },
  google_container_cluster: { attributes: ['min_master_version'], distro: 'gke' },
  kind_cluster: { attributes: ['node_image'], distro: 'kind', image: true }
}
const MODULE_ATTRIBUTES = ['cluster_version', 'kubernetes_version']

/**
 * Managed Kubernetes of the other providers, known by the words of the resource type
 * (`digitalocean_kubernetes_cluster`, `scaleway_k8s_cluster`, `vultr_kubernetes`, `ovh_cloud_project_kube`,
 * `exoscale_sks_cluster`, `linode_lke_cluster`): the attribute that pins the cluster's Kubernetes version.
 */
const MANAGED_CLUSTER = /^[a-z0-9]+_(?:[a-z0-9]+_)*(kubernetes|k8s|kube|lke|sks|ske|doks)(_cluster)?$/
const MANAGED_ATTRIBUTES = ['version', 'kubernetes_version', 'k8s_version', 'kube_version', 'cluster_version']

function clusterResource(kind: string): ClusterVersion | undefined {
  if (Object.hasOwn(RESOURCES, kind)) return RESOURCES[kind]
  const provider = kind.slice(0, kind.indexOf('_'))
  return MANAGED_CLUSTER.test(kind) && provider !== 'kubernetes' && provider !== 'helm' ? { attributes: MANAGED_ATTRIBUTES, distro: provider === 'digitalocean' ? 'doks' : 'k8s' } : undefined
}

/**
 * Terraform: `helm_release` of the vcluster chart (version, `values` files, `set` blocks),
 * cluster versions of EKS, AKS, GKE and kind resources and of modules (`cluster_version`,
 * `kubernetes_version`). A value written as `var.x` or `local.x` is followed to the
 * variable's default and to `*.tfvars` values in the module's directory.
 */
export const terraform: Extractor = {
  id: SOURCE,
  accepts: (path) => terraformFileOf(path) !== undefined,
  // A cluster resource without a version is said too; `_channel`, `kube_tag`: variables the generic detectors read by name (`initial_k3s_channel`).
  mightDeclare: (text) =>
    text.includes('version') || text.includes('node_image') || text.includes('vcluster') || text.includes('_cluster') || text.includes('_kube') || text.includes('_k8s') || text.includes('_channel') || text.includes('kube_tag'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    const module = dirnameOf(file.path)
    const tokens = hclTokens(file)
    const open = tokens.find((token) => token.unterminated)
    if (open) {
      const what = open.kind === 'heredoc' ? 'a heredoc that is never closed' : 'a string that is not closed on its line'
      out.diagnostics.push({ ...file.locate(open.offset), message: `HCL does not parse: ${what}; Terraform rejects this file and versions after it may be missed` })
    }
    const body = hclBody(file)
    if (terraformFileOf(file.path) === 'variables') {
      // A file Terraform loads by itself replaces the defaults; one given with `-var-file` is one more value beside them.
      const given = isAutoLoaded(file.path) ? {} : { beside: true as const }
      for (const attribute of body.attributes.values()) addValue(out, file, module, attribute.name, attribute.value, 2, given)
      return out
    }
    for (const block of body.blocks) {
      const [kind, name] = block.labels
      if (block.type === 'variable' && kind !== undefined) {
        const value = block.attributes.get('default')
        if (value) addValue(out, file, module, kind, value.value, 1)
      } else if (block.type === 'locals') {
        for (const attribute of block.attributes.values()) addValue(out, file, module, `local.${attribute.name}`, attribute.value, 1)
      } else if (block.type === 'resource' && kind === 'helm_release') {
        readHelmRelease(out, file, block, fileGroup(file.path, `helm_release.${name ?? ''}`), module)
      } else if (block.type === 'resource' && kind !== undefined && clusterResource(kind)) {
        const cluster = clusterResource(kind)!
        for (const attribute of cluster.attributes) readVersion(out, file, block.attributes.get(attribute), module, host(cluster.distro, `${kind}.${attribute}`, module), cluster.image)
        // Without the attribute the provider picks the version at apply time: nothing here says which.
        if (!cluster.attributes.some((attribute) => block.attributes.has(attribute))) {
          out.diagnostics.push(toolDefault(file.locate(block.offset), `${kind} without ${cluster.attributes.length > 2 ? 'a version' : cluster.attributes.join(' or ')}`, 'Kubernetes', `set ${cluster.attributes[0]}`))
        }
      } else if (block.type === 'module') {
        const distro = moduleDistro(literalString(block.attributes.get('source')?.value ?? [])?.text ?? '')
        for (const attribute of MODULE_ATTRIBUTES) readVersion(out, file, block.attributes.get(attribute), module, host(distro, `module ${kind ?? ''} ${attribute}`, module))
      }
    }
    return out
  }
}

function host(distro: string, what: string, module: string): DeclareRequest {
  return { component: 'kubernetes', role: 'host' as KubernetesRole, distro, source: SOURCE, group: module, what }
}

function moduleDistro(source: string): string {
  if (/eks/i.test(source)) return 'eks'
  if (/aks|azure/i.test(source)) return 'aks'
  if (/gke|google/i.test(source)) return 'gke'
  return 'k8s'
}

/** A literal is declared where it is written; `var.x`/`local.x` is resolved after every file is read. */
function readVersion(out: Extraction, file: SourceFile, attribute: Attribute | undefined, module: string, request: DeclareRequest, image?: true): void {
  if (!attribute) return
  const literal = literalString(attribute.value)
  if (literal) {
    const value = tracedToken(file, literal)
    if (image) declareImageTag(out, value, request)
    else declareVersion(out, value, request)
    return
  }
  const ref = reference(attribute.value)
  if (ref && (ref.root === 'var' || ref.root === 'local')) {
    out.uses?.push({ scope: module, name: ref.root === 'var' ? ref.name : `local.${ref.name}`, request, ...(image ? { image } : {}), from: file.locate(ref.offset) })
    return
  }
  const first = attribute.value[0]
  // `min_master_version = 1.25.6-gke.2000` unquoted: Terraform rejects it, yet the file pins that version (read as written).
  const unquoted = unquotedVersion(attribute.value)
  if (unquoted !== undefined && first) {
    declareVersion(out, traced(file, unquoted, first.offset), request)
    return
  }
  const location = file.locate(first?.offset ?? attribute.nameOffset)
  const reason = 'the value is an expression, not a version'
  const raw = attribute.value.map((token) => token.text).join('')
  cannotRead(out, request, { location, raw }, { message: `${request.what}: ${reason}`, reason, cause: 'template' })
}

/** Tokens written next to each other that spell a version (`1.25.6-gke.2000` lexed as numbers, dots, a minus and a name). */
function unquotedVersion(tokens: readonly Token[]): string | undefined {
  if (tokens.length < 2 || tokens.length > 12 || tokens.some((token) => token.kind === 'string')) return undefined
  for (let i = 1; i < tokens.length; i++) if (tokens[i]!.offset !== tokens[i - 1]!.offset + tokens[i - 1]!.text.length) return undefined
  const text = tokens.map((token) => token.text).join('')
  return /^v?\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/i.test(text) ? text : undefined
}

function addValue(out: Extraction, file: SourceFile, module: string, name: string, value: Token[], priority: number, given: { beside?: true } = {}): void {
  const literal = literalString(value)
  if (literal) out.values?.push({ scope: module, name, value: tracedToken(file, literal), priority, ...given })
}

function readHelmRelease(out: Extraction, file: SourceFile, block: Block, group: string, module: string): void {
  const chart = literalString(block.attributes.get('chart')?.value ?? [])
  const chartInfo = chart && vclusterChartDistro(chart.text)
  if (!chart || !chartInfo) return
  out.deploys?.push(group)
  if (chartInfo.distro) out.distros?.push({ group, distro: chartInfo.distro, from: 'chart' })
  const request: DeclareRequest = { component: 'vcluster', source: SOURCE, group, what: 'helm_release version of the vcluster chart', parse: { allowRange: true } }
  const version = block.attributes.get('version')
  if (version) readVersion(out, file, version, module, request)
  else out.diagnostics.push({ ...file.locate(chart.offset), message: 'vcluster helm_release has no version: the latest is installed; pin one so upgrades can be checked', unresolved: true, cause: 'no-version' })

  // values = [file("${path.module}/values.yaml"), templatefile(...)]
  const values = block.attributes.get('values')?.value ?? []
  values.forEach((token, i) => {
    if (token.kind !== 'ident' || (token.text !== 'file' && token.text !== 'templatefile')) return
    const path = values[i + 2]
    if (path?.kind !== 'string') return
    const relative = path.text.replace(/^\$\{path\.(module|cwd)\}\//, '').replace(/^\$\{path\.root\}\//, '/')
    if (isLiteralPath(relative)) out.links?.push({ group, target: { file: joinPath(module, relative) }, from: file.locate(path.offset) })
  })
  readYamlencode(out, file, values, group)
  // set { name = "…" value = "…" } blocks (helm provider 2) and set = [{ name = …, value = … }] (provider 3)
  for (const set of block.blocks.filter((child) => child.type === 'set')) {
    readSet(out, file, set.attributes.get('name')?.value, set.attributes.get('value')?.value, group)
  }
  const setList = block.attributes.get('set')?.value ?? []
  setList.forEach((token, i) => {
    if (token.text !== 'name' || setList[i + 1]?.text !== '=') return
    const valueAt = setList.findIndex((candidate, j) => j > i && candidate.text === 'value' && setList[j + 1]?.text === '=')
    if (valueAt !== -1) readSet(out, file, [setList[i + 2]!], [setList[valueAt + 2]!], group)
  })
}

/**
 * `values = [yamlencode({ controlPlane = { distro = { k8s = { version = "v1.31.1" } } } })]`:
 * each string in the object is read as the value at its dotted key path.
 */
function readYamlencode(out: Extraction, file: SourceFile, values: readonly Token[], group: string): void {
  const start = values.findIndex((token) => token.kind === 'ident' && token.text === 'yamlencode')
  if (start === -1) return
  const path: string[] = []
  let pending: string | undefined
  for (const token of values.slice(start + 1)) {
    if ((token.kind === 'ident' || token.kind === 'string') && pending === undefined) pending = token.text
    else if (token.text === '=' || token.text === ':') continue
    else if (token.text === '{' && pending !== undefined) (path.push(pending), (pending = undefined))
    else if (token.text === '}') (path.pop(), (pending = undefined))
    else if (token.kind === 'string' && pending !== undefined) {
      readValuesKey(out, [...path, pending].join('.'), tracedToken(file, token), group, SOURCE)
      pending = undefined
    } else if (token.kind !== 'newline') pending = undefined
  }
}

function readSet(out: Extraction, file: SourceFile, name: Token[] | undefined, value: Token[] | undefined, group: string): void {
  const key = literalString(name ?? [])
  const literal = literalString(value ?? [])
  if (key && literal) readValuesKey(out, key.text, tracedToken(file, literal), group, SOURCE)
}

function tracedToken(file: SourceFile, token: Token): Traced {
  return traced(file, token.text, token.offset, !token.text.includes('\\'))
}
