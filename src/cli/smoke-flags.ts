/** `scan --smoke` and its options, parsed once into the pipeline's SmokeRequest. */
import { UsageError } from '../errors.js'
import type { SmokeRequest } from '../pipeline.js'
import { DEFAULT_EVIDENCE_DIR, DEFAULT_SMOKE_IMAGE, DEFAULT_SMOKE_TIMEOUT_SECONDS } from '../smoke/defaults.js'

export interface SmokeFlags {
  smoke?: boolean
  kubeconfig?: string
  'smoke-timeout'?: string
  'smoke-image'?: string
  'smoke-keep'?: boolean
  'evidence-dir'?: string
}

export function parseSmokeFlags(flags: SmokeFlags): SmokeRequest | undefined {
  const dependent = (['kubeconfig', 'smoke-timeout', 'smoke-image', 'smoke-keep', 'evidence-dir'] as const).filter(
    (name) => flags[name] !== undefined && flags[name] !== false
  )
  if (!flags.smoke) {
    if (dependent.length > 0) throw new UsageError(`--${dependent[0]} only makes sense with --smoke`)
    return undefined
  }
  return {
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    timeoutSeconds: parseTimeout(flags['smoke-timeout']),
    image: flags['smoke-image'] ?? DEFAULT_SMOKE_IMAGE,
    keep: flags['smoke-keep'] === true,
    evidenceDir: flags['evidence-dir'] ?? DEFAULT_EVIDENCE_DIR,
    // Smoke progress goes to stderr so that stdout stays the report.
    log: (line) => process.stderr.write(`kube-compat-gate: smoke: ${line}\n`),
    ...networkFromEnvironment()
  }
}

/**
 * For clusters without a pod network (our loopback test cluster): KCG_SMOKE_NETWORK=host-loopback
 * runs the workload on the host network, KCG_SMOKE_PORT picks its port (see workload.ts).
 * Not a flag: no real cluster needs it.
 */
function networkFromEnvironment(): Partial<SmokeRequest> {
  if (process.env.KCG_SMOKE_NETWORK !== 'host-loopback') return {}
  const port = Number(process.env.KCG_SMOKE_PORT)
  return { network: 'host-loopback', ...(Number.isInteger(port) && port > 0 ? { port } : {}) }
}

/** Whole seconds, at least 1. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SMOKE_TIMEOUT_SECONDS
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`--smoke-timeout must be a whole number of seconds, at least 1 (got "${value}")`)
  }
  return Number(value)
}
