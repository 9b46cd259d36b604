import type { Component, Declaration, Diagnostic, KubernetesRole } from '../model.js'
import { parseVersion, type ParseOptions } from '../versions/parse.js'
import type { Extraction } from './extractors/extractor.js'
import type { SourceFile } from './source-file.js'
import { locateIn, type StringAt } from './yaml-nodes.js'

export interface DeclareRequest {
  component: Component
  source: string
  group: string
  role?: KubernetesRole
  /** Distribution known from where the value sits (e.g. the `k3s` key). */
  distro?: string
  /** The version text; defaults to the whole scalar. */
  token?: string
  /** What the value is, for diagnostics ("vcluster chart version"). */
  what: string
  parse?: ParseOptions
}

/**
 * Turns a version found in a file into a Declaration, or into a Diagnostic that names the
 * file, the line and why the value cannot be used.
 */
export function declareFromYaml(
  out: Extraction,
  file: SourceFile,
  at: StringAt,
  request: DeclareRequest
): Declaration | undefined {
  const token = request.token ?? at.value
  const location = locateIn(file, at, token)
  const parsed = parseVersion(token, request.parse)
  if (!parsed.ok) {
    const diagnostic: Diagnostic = { ...location, message: `${request.what}: ${parsed.reason}` }
    out.diagnostics.push(diagnostic)
    return undefined
  }
  const value = parsed.value
  const distro = value.kind === 'range' ? request.distro : (value.distro ?? request.distro)
  const declaration: Declaration = {
    component: request.component,
    ...(request.role ? { role: request.role } : {}),
    ...(distro ? { distro } : {}),
    version: value.version,
    raw: token,
    ...location,
    source: request.source,
    ...(value.kind === 'range' ? { constraint: true as const } : {}),
    group: request.group
  }
  out.declarations.push(declaration)
  return declaration
}
