// Each function from its own module: the package's index loads all fifty of them.
import validVersion from 'semver/functions/valid.js'
import validRange from 'semver/ranges/valid.js'

/**
 * Version strings as repositories write them, turned into something the range engine
 * can compare. Distribution builds (`-k3s1`, `+k3s1`, `-k0s.0`, `-eks-bc803b4`, `-gke.100`)
 * are split off first: parsed naively, `v1.32.0-k3s1` is a *pre-release* of 1.32.0 and
 * would fail a `>=1.32.0` check although it is the 1.32.0 release of k3s.
 */
export type ParsedVersion =
  | { kind: 'exact'; version: string; distro?: string; build?: string }
  | { kind: 'minor'; version: string; distro?: string }
  | { kind: 'range'; version: string }

export type VersionParse =
  | { ok: true; value: ParsedVersion }
  | { ok: false; reason: string }

export interface ParseOptions {
  /** Chart dependency versions and `kubeVersion` may be ranges; image tags may not. */
  allowRange?: boolean
}

/** Longer strings are not versions; also keeps regexes below linear on hostile input. */
const MAX_VERSION_LENGTH = 128

/**
 * A Kubernetes version with a distribution's build after it: k3s, k0s, RKE2, EKS, GKE, AKS and DigitalOcean
 * (`1.20.11-do.0`). A k3s or RKE2 release candidate (`v1.30.2-rc3-k3s1`, `v1.30.2-rc3+rke2r1`) is a candidate build
 * of the distribution, packaging the Kubernetes release 1.30.2: the version is that release. Only these suffixes
 * are split off: a pre-release of anything else (vcluster `0.23.0-rc.4`) keeps its pre-release.
 */
const DISTRO_BUILD =
  /^(\d+\.\d+\.\d+)(?:[-+]((?:rc\d+[-+])?(?:k3s\d+|rke2r\d+)|k0s\.\d+|eks-[0-9a-z.-]+|gke\.\d+|aks[0-9a-z.-]*|do\.\d+))$/i
const MINOR_ONLY = /^(\d+)\.(\d+)$/
const EXACT = /^\d+\.\d+\.\d+(?:-[0-9a-z.-]+)?(?:\+[0-9a-z.-]+)?$/i
const UNRESOLVED = /\{\{|\$\{|\$\(|^\$[A-Z_]/i

const DISTRO_NAMES: Record<string, string> = {
  k3s: 'k3s',
  k0s: 'k0s',
  rke: 'rke2',
  eks: 'eks',
  gke: 'gke',
  aks: 'aks',
  do: 'doks'
}

export function parseVersion(raw: string, options: ParseOptions = {}): VersionParse {
  const key = `${options.allowRange === true ? 'r' : 'v'}${raw}`
  let parsed = PARSED.get(key)
  if (parsed === undefined) {
    parsed = parseUncached(raw, options)
    if (PARSED.size >= MAX_PARSED) PARSED.clear()
    PARSED.set(key, parsed)
  }
  // A copy: callers own what they are given.
  return parsed.ok ? { ok: true, value: { ...parsed.value } } : { ...parsed }
}

/**
 * Answers by text as written: a monorepo repeats a few versions (the benchmark tree's scan asked
 * 2,593 times for 32 texts), and each answer took a few regular expressions and node-semver's
 * parse, in code not yet optimised in a freshly started process: timed inside the scan, 195 to
 * 244 ms of wall time without the memo, 8 to 54 ms with it (three runs each, a loaded machine).
 * Cleared when full, so endless distinct texts cannot grow it.
 */
const PARSED = new Map<string, VersionParse>()
const MAX_PARSED = 10_000

function parseUncached(raw: string, options: ParseOptions): VersionParse {
  const text = raw.trim()
  if (text === '') return { ok: false, reason: 'the version is empty' }
  if (text.length > MAX_VERSION_LENGTH) return { ok: false, reason: 'the value is too long to be a version' }
  if (UNRESOLVED.test(text)) {
    return { ok: false, reason: `"${text}" is a template or variable, not a version` }
  }
  if (/^(latest|stable|main|master|edge)$/i.test(text)) {
    return { ok: false, reason: `"${text}" is not pinned to a version` }
  }
  const bare = text.replace(/^v(?=\d)/i, '')

  const distroBuild = DISTRO_BUILD.exec(bare)
  if (distroBuild) {
    const [, core, build] = distroBuild as unknown as [string, string, string]
    if (!isSafeVersion(core)) return tooLarge(text)
    const key = build.replace(/^rc\d+[-+]/i, '').slice(0, 3).toLowerCase().replace(/^do\.$/, 'do')
    return {
      ok: true,
      value: { kind: 'exact', version: canonical(core) ?? core, distro: DISTRO_NAMES[key] ?? key, build }
    }
  }

  const minor = MINOR_ONLY.exec(bare)
  if (minor) {
    if (!isSafeVersion(`${bare}.0`)) return tooLarge(text)
    return { ok: true, value: { kind: 'minor', version: `${Number(minor[1])}.${Number(minor[2])}` } }
  }

  if (EXACT.test(bare)) {
    if (!isSafeVersion(bare)) return tooLarge(text)
    // Build metadata never changes precedence (SemVer §10), so it is dropped here.
    const version = canonical(bare.replace(/\+.*$/, ''))
    if (version !== undefined) return { ok: true, value: { kind: 'exact', version } }
  }

  if (options.allowRange) {
    const range = toNodeRange(text)
    if (range !== undefined) return { ok: true, value: { kind: 'range', version: range } }
  }
  return { ok: false, reason: `"${text}" is not a version${options.allowRange ? ' or version range' : ''}` }
}

/**
 * Helm (Masterminds semver) separates AND-ed comparators with commas; node-semver uses
 * spaces. Returns the range as written (normalised separators) when node-semver accepts it.
 */
function toNodeRange(text: string): string | undefined {
  const candidate = text.replace(/\s*,\s*/g, ' ').trim()
  // node-semver reads an empty range as "any version"; commas alone declare nothing.
  if (candidate === '') return undefined
  try {
    return validRange(candidate, { includePrerelease: true }) === null ? undefined : candidate
  } catch {
    return undefined
  }
}

/**
 * The SemVer spelling of a version: `1.032.0` is 1.32.0. Written with leading zeros, a version
 * is not valid SemVer and would silently match no range at all.
 */
function canonical(version: string): string | undefined {
  return validVersion(version, { loose: true }) ?? undefined
}

function isSafeVersion(version: string): boolean {
  return version.split(/[.-]/).every((part) => !/^\d+$/.test(part) || Number(part) <= Number.MAX_SAFE_INTEGER)
}

function tooLarge(text: string): VersionParse {
  return { ok: false, reason: `"${text}" has a number too large to be a version` }
}
