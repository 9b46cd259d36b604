import type { Component, Confidence, Declaration, Diagnostic, KubernetesRole, Location, UnknownCause } from '../model.js'
import { parseVersion, type ParseOptions } from '../versions/parse.js'
import type { Extraction } from './extractors/extractor.js'
import { tieUnknown } from './detectors/prefer-exact.js'
import { parseImageRef } from './image-ref.js'
import { locateToken, textOf, type Traced } from './traced.js'

export interface DeclareRequest {
  component: Component
  source: string
  /** What is deployed together (see src/resolve). */
  group: string
  role?: KubernetesRole
  /** Distribution known from where the value sits (e.g. the `k3s` key). */
  distro?: string
  /** What the value is, for diagnostics ("vcluster chart version"). */
  what: string
  parse?: ParseOptions
  /** `inferred` for a generic detector's request (see model.ts). */
  confidence?: Confidence
  /** The value is a floor (`min_kubernetes_version`): declared as the constraint `>=value`, never a deployed version. */
  atLeast?: boolean
  /** `1.29.x` and `1.29.x!` (setup-envtest) mean the newest patch of 1.29: read as the minor. */
  wildcardPatch?: boolean
}

/** Range spellings that allow every version: a declaration of nothing. */
const UNPINNED_RANGES = new Set(['*', 'x', 'X', '>=0', '>=0.0.0'])

/**
 * Turns a version found in a file into a Declaration, or into a Diagnostic that names the
 * file, the line and why the value cannot be used. `token` selects part of the text (the tag
 * of an image); by default the whole text is the version.
 */
export function declareVersion(
  out: Extraction,
  value: Traced,
  request: DeclareRequest,
  token: { start: number; end: number } = { start: 0, end: textOf(value).length }
): Declaration | undefined {
  if (value.length === 0) return undefined
  // `tag: v1.32.0-k3s1@sha256:…` is a tag pinned by digest (rendered `image:tag@digest`): the version is the tag.
  const digest = DIGEST.exec(textOf(value).slice(token.start, token.end))
  if (digest) token = { start: token.start, end: token.start + digest.index }
  const text = textOf(value).slice(token.start, token.end)
  const { location, raw } = locateToken(value, token.start, token.end)
  if (UNPINNED_RANGES.has(text.trim())) {
    const reason = `"${text.trim()}" is not pinned to a version`
    cannotRead(out, request, { location, raw: raw.trim() === '' ? text : raw }, { message: `${request.what}: ${reason}`, reason, cause: 'latest' })
    return undefined
  }
  const parsed = parseVersion(request.wildcardPatch ? text.replace(/(\.[x*])?!$|\.[x*]$/i, '') : text, request.parse)
  if (!parsed.ok) {
    const cause = TEMPLATE.test(text) ? 'template' : VARIABLE.test(text) ? 'no-value' : FLOATING.test(text.trim()) ? 'latest' : 'not-a-version'
    const message = `${request.what}: ${parsed.reason}`
    // An empty value sets nothing (vcluster's own values write `version: ""` for "the default"): no unknown, only the note.
    if (text.trim() === '') out.diagnostics.push({ ...location, message, unresolved: true, cause })
    else cannotRead(out, request, { location, raw: raw.trim() === '' ? text : raw }, { message, reason: parsed.reason, cause })
    return undefined
  }
  const parsedValue = request.atLeast && parsed.value.kind !== 'range' ? { kind: 'range' as const, version: `>=${parsed.value.version}` } : parsed.value
  const distro = parsedValue.kind === 'range' ? request.distro : (parsedValue.distro ?? request.distro)
  const declaration: Declaration = {
    component: request.component,
    ...(request.role ? { role: request.role } : {}),
    ...(distro ? { distro } : {}),
    version: parsedValue.version,
    raw: raw.trim() === '' ? text : raw,
    ...location,
    source: request.source,
    ...(request.confidence ? { confidence: request.confidence } : {}),
    ...(parsedValue.kind === 'range' ? { constraint: true as const } : {}),
    group: request.group
  }
  out.declarations.push(declaration)
  return declaration
}

/**
 * A version carried by an image tag (`kindest/node:v1.31.4@sha256:…`, `rancher/k3s:v1.32.0-k3s1`).
 * An image without a tag, or tagged `latest`, is reported as unpinned.
 */
export function declareImageTag(out: Extraction, value: Traced, request: DeclareRequest): Declaration | undefined {
  const text = textOf(value)
  const image = parseImageRef(text)
  if (!image) return undefined
  if (image.tag === undefined || image.tagStart === undefined || FLOATING.test(image.tag)) {
    const { location } = locateToken(value, 0, text.length)
    const message = `${request.what} "${text.trim()}" is unpinned: pin it to a version${image.digest ? '' : ' (and a digest)'}`
    // A whole reference filled in by a template or a tool's own variables (`{{node_image}}` in a Justfile) may well be
    // pinned where it is defined: said, but not made unknown on a guess.
    if (TEMPLATE.test(text) || VARIABLE.test(text)) {
      out.diagnostics.push({ ...location, message, unresolved: true, cause: TEMPLATE.test(text) ? 'template' : 'no-value' })
      return undefined
    }
    // A floating tag is a version the repository uses but does not say: unknown, never a default.
    const reason = image.tag === undefined ? 'no tag (the registry\'s latest)' : `the floating tag "${image.tag}"`
    cannotRead(out, request, { location, raw: text.trim() }, { message, reason, cause: 'latest' })
    return undefined
  }
  return declareVersion(out, value, request, { start: image.tagStart, end: image.tagStart + image.tag.length })
}

/** A digest written after a tag. */
const DIGEST = /@sha256:[0-9a-f]{64}$/

/** A value that a template fills in (`{{ .Values.x }}`, `{% … %}`, `${{ inputs.k8s }}`, `$(cmd)`). */
const TEMPLATE = /\{\{|\{%|\$\(/
/** A tag or version that moves: the version is whatever is newest when it is pulled. */
const FLOATING = /^(latest|stable|main|master|edge)$/i
/** A variable left as written: it has no value in this repository (`${NODE_VERSION}`, `$K8S`). */
const VARIABLE = /\$\{?[A-Za-z_]/

/**
 * A version the file sets but that cannot be read: a diagnostic at its place for people, and an
 * `unknown` for the environment's slot, so the release default never stands in for it and a
 * finding that needs it cannot be decided. The two stay together: when a generic detector's
 * diagnostic gives way to an exact extractor (prefer-exact.ts), its unknown goes with it.
 */
export function cannotRead(
  out: Extraction,
  request: Pick<DeclareRequest, 'component' | 'role' | 'group'>,
  at: { location: Location; raw: string },
  why: { message: string; reason: string; cause: UnknownCause }
): void {
  const diagnostic: Diagnostic = { ...at.location, message: why.message, unresolved: true, cause: why.cause }
  out.diagnostics.push(diagnostic)
  if (!out.unknowns) return
  const unknown = {
    component: request.component,
    ...(request.role ? { role: request.role } : {}),
    ...at.location,
    raw: at.raw,
    reason: why.reason,
    cause: why.cause,
    group: request.group
  }
  out.unknowns.push(unknown)
  tieUnknown(unknown, diagnostic)
}

/** What a reader knows of a value before it reads it: the component, where it is deployed, and whether it is an image or a range. */
export interface DeclareWhat {
  component: Component
  role?: KubernetesRole
  distro?: string
  /** For messages: "vcluster chart version", "KIND_VERSION". */
  what: string
  /** The value is an image reference whose tag is the version. */
  image?: boolean
  range?: boolean
  atLeast?: boolean
  wildcardPatch?: boolean
}

/** The request for one value, the same whichever reader (an exact extractor or a generic detector) found it. */
export function requestFor(what: DeclareWhat, source: string, group: string, confidence?: Confidence): DeclareRequest {
  return {
    component: what.component,
    ...(what.role ? { role: what.role } : {}),
    ...(what.distro ? { distro: what.distro } : {}),
    source,
    ...(confidence ? { confidence } : {}),
    group,
    what: what.what,
    ...(what.range ? { parse: { allowRange: true } } : {}),
    ...(what.atLeast ? { atLeast: true } : {}),
    ...(what.wildcardPatch ? { wildcardPatch: true } : {})
  }
}

/** Declares a value as an image tag or as a version, as `what` says. */
export function declareAs(out: Extraction, value: Traced, what: DeclareWhat, request: DeclareRequest): void {
  if (what.image) declareImageTag(out, value, request)
  else declareVersion(out, value, request)
}

/**
 * A use that leaves the version to a tool (`kind create cluster` without `--image`, `vcluster create`
 * without `--chart-version`): the version is that tool's default, which this repository does not say, so
 * the report names the place (never a silent pass).
 */
export function toolDefault(location: Location, what: string, component: string, pin: string): Diagnostic {
  return { ...location, message: `${what}: the ${component} version is the tool's default, unknown from this repository; ${pin} to pin it`, unresolved: true, cause: 'tool-default' }
}
