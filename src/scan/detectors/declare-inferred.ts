import { cannotRead, declareAs, requestFor, type DeclareWhat } from '../declare.js'
import type { Extraction } from '../extractors/extractor.js'
import { dirnameOf, isLiteralPath, joinPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { hclBody } from '../terraform/hcl.js'
import { expand } from '../shell/expand.js'
import { locateToken, textOf, type Traced } from '../traced.js'
import type { FileView } from './file-view.js'
import { markInferred } from './prefer-exact.js'

/** What a detector knows of a value it found (the same description the exact readers use). */
export type InferredWhat = DeclareWhat

/**
 * Declares a value found by a detector, once per way the file's own variables and defaults
 * let it read (`${K8S:-1.31.0}` reads 1.31.0). What stays a variable becomes a diagnostic that
 * says the value has no value in this repository, never a silent skip.
 */
export function declareInferred(view: FileView, out: Extraction, source: string, value: Traced, what: InferredWhat): void {
  if (value.length === 0 || textOf(value).trim() === '') return
  for (const expanded of expand(value, view.variablesFor(value))) {
    const text = textOf(expanded.value)
    // `${CHART_VERSION:=""}`: a variable whose only value here is empty.
    const empty = /^\s*(""|'')?\s*$/.test(text)
    if (!empty && keyedUse(view, out, expanded.value, text, what, source)) continue
    if (empty || /\$|\{\{|\{%/.test(text)) {
      const { location } = locateToken(expanded.value, 0, text.length)
      const why = empty ? `"${textOf(value).trim()}" is empty in this repository` : `"${text.trim()}" is a template expression or a variable with no value in this repository`
      const cause = empty || !/\{\{|\{%|\$\(/.test(text) ? 'no-value' : 'template'
      // The value is set here but cannot be read: unknown for the environment, as an exact extractor's would be.
      cannotRead(out, { component: what.component, ...(what.role ? { role: what.role } : {}), group: expanded.group ?? dirnameOf(view.file.path) }, { location, raw: text.trim() }, { message: `${what.what}: ${why}, so the version cannot be read`, reason: why, cause })
      markInferred(out.diagnostics[out.diagnostics.length - 1]!, what.component)
      continue
    }
    declareAs(out, expanded.value, what, requestFor(what, source, expanded.group ?? dirnameOf(view.file.path), 'inferred'))
  }
}

/** `{{ .Values.cluster.version }}`, `{{ $.Values.k8s.tag | quote }}`: one values key, nothing computed from it. */
const HELM_VALUES = /^\{\{-?\s*\$?\.Values\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*){0,15})\s*(?:\|\s*(?:quote|squote|toString|trim)\s*){0,3}-?\}\}$/

/**
 * A field whose meaning a detector knows (a Cluster API `spec.version`, a node image's tag, a vcluster
 * chart's version) written in a Helm template as one values key: its value is in the chart's values
 * files, resolved once every file is read (keyed-values.ts) at the value's line.
 */
function keyedUse(view: FileView, out: Extraction, value: Traced, text: string, what: InferredWhat, source: string): boolean {
  if (roleVariable(view, out, value, text, what, source)) return true
  const key = HELM_VALUES.exec(text.trim())?.[1]
  const chart = key === undefined ? undefined : chartOf(view.file.path)
  if (key === undefined || chart === undefined) return false
  const { location } = locateToken(value, 0, text.length)
  out.keyed?.push({ files: [], chart, pick: 'all', path: key.split('.'), request: requestFor({ ...what, image: false }, source, dirnameOf(view.file.path), 'inferred'), from: location, written: `.Values.${key}` })
  return true
}

/** `{{ vcluster_ver }}` (also after a `v`, as in a release URL): one Jinja variable, nothing computed from it. */
const ROLE_VARIABLE = /^v?\{\{\s*([A-Za-z_]\w{0,63})\s*\}\}$/
/** A file of an Ansible role: the role is the folder holding its `tasks/`, `vars/`, `defaults/`, ... */
const ROLE_FILE = /^(?:(.*)\/)?(?:tasks|vars|defaults|handlers|templates|meta)\/[^/]+$/

/**
 * A value written as one variable in a file of an Ansible role (`…/releases/download/v{{ vcluster_ver }}/…` in
 * `vars/main.yml`): the role's `vars/main.yml` sets it, or else its `defaults/main.yml`, read once every file is read,
 * and declared at the value's line there. Inventories and playbooks may override a role default: the default is
 * what the role installs when they do not.
 */
function roleVariable(view: FileView, out: Extraction, value: Traced, text: string, what: InferredWhat, source: string): boolean {
  const name = ROLE_VARIABLE.exec(text.trim())?.[1]
  const role = name === undefined ? undefined : ROLE_FILE.exec(view.file.path)
  if (name === undefined || !role) return false
  const root = role[1] ?? '.'
  const files = ['vars/main.yml', 'vars/main.yaml', 'defaults/main.yml', 'defaults/main.yaml'].map((file) => joinPath(root, file))
  const { location } = locateToken(value, 0, text.length)
  out.keyed?.push({ files, pick: 'first-set', path: [name], request: requestFor({ ...what, image: false }, source, root, 'inferred'), from: location, written: `{{ ${name} }}` })
  return true
}

/** The chart directory of a file under its `templates/` folder. */
function chartOf(path: string): string | undefined {
  if (path.startsWith('templates/')) return '.'
  const at = path.lastIndexOf('/templates/')
  return at === -1 ? undefined : path.slice(0, at)
}

/** A value written as a Terraform variable or local: declared with the value it has in its module, once every file is read. */
export function declareNamedUse(view: FileView, out: Extraction, source: string, name: string, offset: number, what: InferredWhat): void {
  const scope = dirnameOf(view.file.path)
  const request = requestFor(what, source, scope, 'inferred')
  const decoded = name.startsWith('local.') ? decodedLocal(view, name) : undefined
  if (decoded) {
    out.keyed?.push({ ...decoded, request, ...(what.image ? { image: true } : {}), from: view.file.locate(offset), written: name })
    return
  }
  out.uses?.push({ scope, name, request, ...(what.image ? { image: true } : {}), from: view.file.locate(offset) })
}

/**
 * `local.env.vcluster.version` where the file's `locals` set `env = yamldecode(file("env.yaml"))` (or
 * `file(find_in_parent_folders("env.yaml"))`, Terragrunt): the YAML file's key `vcluster.version`.
 */
function decodedLocal(view: FileView, name: string): { files: string[]; pick: 'all' | 'nearest'; path: string[] } | undefined {
  const [, local, ...path] = name.split('.')
  if (local === undefined || path.length === 0 || view.format !== 'hcl') return undefined
  const decoded = yamlDecodedLocals(view.file).get(local)
  if (!decoded) return undefined
  const directory = dirnameOf(view.file.path)
  if (!decoded.parents) return { files: [joinPath(directory, decoded.file)], pick: 'nearest', path }
  const files: string[] = []
  for (let at: string | undefined = directory; at !== undefined; at = at === '.' ? undefined : dirnameOf(at)) files.push(joinPath(at, decoded.file))
  return { files, pick: 'nearest', path }
}

/** The locals of an HCL file that decode a YAML or JSON file: local name -> the file as written and whether parent folders are searched. */
function yamlDecodedLocals(file: SourceFile): Map<string, { file: string; parents: boolean }> {
  return file.shared('yaml-decoded-locals', () => {
    const found = new Map<string, { file: string; parents: boolean }>()
    for (const block of hclBody(file).blocks) {
      if (block.type !== 'locals') continue
      for (const attribute of block.attributes.values()) {
        const tokens = attribute.value
        const decode = tokens.findIndex((token) => token.kind === 'ident' && (token.text === 'yamldecode' || token.text === 'jsondecode'))
        const path = decode === -1 ? undefined : tokens.slice(decode).find((token) => token.kind === 'string')
        if (!path) continue
        const written = path.text.replace(/^\$\{(?:path\.(?:module|cwd)|get_terragrunt_dir\(\))\}\//, '')
        if (!isLiteralPath(written)) continue
        found.set(attribute.name, { file: written, parents: tokens.some((token) => token.kind === 'ident' && token.text === 'find_in_parent_folders') })
      }
    }
    return found
  })
}
