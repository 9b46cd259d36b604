import type { Component, Confidence, Declaration, Diagnostic, KubernetesRole, Location } from '../model.js'
import { parseVersion, type ParseOptions } from '../versions/parse.js'
import type { Extraction } from './extractors/extractor.js'
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
  const text = textOf(value).slice(token.start, token.end)
  const { location, raw } = locateToken(value, token.start, token.end)
  if (UNPINNED_RANGES.has(text.trim())) {
    out.diagnostics.push({ ...location, message: `${request.what}: "${text.trim()}" is not pinned to a version`, unresolved: true })
    return undefined
  }
  const parsed = parseVersion(text, request.parse)
  if (!parsed.ok) {
    const diagnostic: Diagnostic = { ...location, message: `${request.what}: ${parsed.reason}`, unresolved: true }
    out.diagnostics.push(diagnostic)
    // The file sets this version, but not readably: the resolve stage keeps it as unknown instead of taking a default.
    // An empty value sets nothing (vcluster's own values write `version: ""` for "the default").
    // A generic detector guesses what a value means: only the exact extractors know that a file sets a version.
    if (text.trim() !== '' && request.confidence !== 'inferred') out.unknowns?.push({
      component: request.component,
      ...(request.role ? { role: request.role } : {}),
      ...location,
      raw: raw.trim() === '' ? text : raw,
      reason: parsed.reason,
      group: request.group
    })
    return undefined
  }
  const parsedValue = parsed.value
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
  if (image.tag === undefined || image.tagStart === undefined || /^(latest|stable|main|master|edge)$/i.test(image.tag)) {
    const { location } = locateToken(value, 0, text.length)
    out.diagnostics.push({
      ...location,
      message: `${request.what} "${text.trim()}" is unpinned: pin it to a version${image.digest ? '' : ' (and a digest)'}`,
      unresolved: true
    })
    return undefined
  }
  return declareVersion(out, value, request, { start: image.tagStart, end: image.tagStart + image.tag.length })
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
    ...(what.range ? { parse: { allowRange: true } } : {})
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
  return { ...location, message: `${what}: the ${component} version is the tool's default, unknown from this repository; ${pin} to pin it`, unresolved: true }
}
