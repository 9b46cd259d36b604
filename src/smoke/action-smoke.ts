/**
 * The action's side of the smoke test: inputs → SmokeRequest, the cleanup plan saved as action
 * state after every change (so the post step can finish the job of a cancelled run), and the
 * `evidence-dir` output. Takes the @actions/core functions as parameters so it stays testable.
 */
import { join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import type { SmokeRequest } from '../pipeline.js'
import type { CleanupStep } from './cleanup.js'
import { DEFAULT_EVIDENCE_DIR, DEFAULT_SMOKE_IMAGE, DEFAULT_SMOKE_TIMEOUT_SECONDS } from './defaults.js'

/** Action state key holding the pending cleanup steps (JSON). */
export const CLEANUP_STATE = 'smoke_cleanup'

export interface ActionHooks {
  getInput: (name: string) => string
  saveState: (name: string, value: string) => void
  info: (message: string) => void
}

/** The input that lets smoke apply a pull request's own configuration; its name says what it does. */
export const TRUST_INPUT = 'smoke-trust-pull-request-config'

/**
 * `untrustedHead`: why the change's files are not the workflow's own (pull_request_target, a fork).
 * Then the repository's configuration (values files) is not installed with the workflow's cluster
 * credentials unless the workflow opts in: a values file is a pod spec (privileged, hostPath `/`,
 * kube-system) that helm would apply as given.
 */
export function readSmokeInputs(hooks: ActionHooks, workspace: string, untrustedHead?: string): SmokeRequest | undefined {
  const trusted = bool(TRUST_INPUT, hooks.getInput(TRUST_INPUT), false)
  if (!bool('smoke', hooks.getInput('smoke'), false)) return undefined
  const kubeconfigInput = hooks.getInput('kubeconfig').trim()
  const kubeconfig = kubeconfigInput ? resolve(workspace, kubeconfigInput) : ''
  const timeout = hooks.getInput('smoke-timeout').trim()
  if (timeout && (!/^\d+$/.test(timeout) || Number(timeout) < 1)) {
    throw new UsageError(`input "smoke-timeout" must be a whole number of seconds, at least 1 (got "${timeout}")`)
  }
  const keep = bool('smoke-keep', hooks.getInput('smoke-keep'), false)
  return {
    ...(kubeconfig ? { kubeconfig } : {}),
    timeoutSeconds: timeout ? Number(timeout) : DEFAULT_SMOKE_TIMEOUT_SECONDS,
    image: hooks.getInput('smoke-image').trim() || DEFAULT_SMOKE_IMAGE,
    keep,
    evidenceDir: join(workspace, DEFAULT_EVIDENCE_DIR),
    ...(untrustedHead && !trusted ? { refuseRepositoryConfig: `${untrustedHead}; set the input ${TRUST_INPUT}: true to apply them` } : {}),
    log: (line) => hooks.info(`smoke: ${line}`),
    // With smoke-keep nothing is to be cleaned, by the run or by the post step.
    onCleanupPlan: (steps: readonly CleanupStep[]) => hooks.saveState(CLEANUP_STATE, JSON.stringify(keep ? [] : steps))
  }
}

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase()
  if (v === '') return fallback
  if (v === 'true') return true
  if (v === 'false') return false
  throw new UsageError(`input "${name}" must be true or false (got "${value}")`)
}
