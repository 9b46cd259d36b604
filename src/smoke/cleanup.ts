/**
 * Everything a smoke run creates is recorded here before it is created, so that every exit path
 * (success, failure, timeout, SIGTERM, and the action's post step after a cancelled job) can
 * remove it. The plan is plain data: the post step gets it back through the action's state.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import type { ClusterClient } from './cluster-client.js'
import type { ToolRunner } from './tools.js'

export type CleanupStep =
  /** A namespace the run created in a cluster it did not create. */
  | { kind: 'namespace'; namespace: string; kubeconfig?: string }
  /** A kind cluster the run created. */
  | { kind: 'kind-cluster'; name: string }
  /** A temporary folder the run made (a kubeconfig, a values file): removed with what is in it. */
  | { kind: 'temp-dir'; path: string }

export interface CleanupDeps {
  tools: ToolRunner
  connect: (kubeconfig: string | undefined) => Promise<ClusterClient>
  /** How long to wait for a namespace to disappear. */
  namespaceTimeoutMs?: number
}

export interface CleanupOutcome {
  step: CleanupStep
  ok: boolean
  message: string
}

export class CleanupPlan {
  private steps: CleanupStep[] = []
  private running: Promise<CleanupOutcome[]> | undefined

  constructor(private readonly onChange: (steps: readonly CleanupStep[]) => void = () => {}) {}

  add(step: CleanupStep): void {
    this.steps.push(step)
    this.onChange(this.steps)
  }

  get pending(): readonly CleanupStep[] {
    return this.steps
  }

  /** Runs every step once, newest first; a second call (signal during cleanup) joins the first. */
  run(deps: CleanupDeps): Promise<CleanupOutcome[]> {
    this.running ??= (async () => {
      const outcomes: CleanupOutcome[] = []
      for (const step of [...this.steps].reverse()) outcomes.push(await runCleanupStep(step, deps))
      this.steps = []
      this.onChange(this.steps)
      return outcomes
    })()
    return this.running
  }
}

/** Undo one step; never throws (cleanup must go on with the next step). */
export async function runCleanupStep(step: CleanupStep, deps: CleanupDeps): Promise<CleanupOutcome> {
  try {
    if (step.kind === 'temp-dir') {
      // The post step gets the plan back from the action's state: only a folder this code names is removed.
      if (!isOwnTempDir(step.path)) return { step, ok: false, message: `not removed: ${step.path} is not a kube-compat-gate temporary folder` }
      await rm(step.path, { recursive: true, force: true })
      return { step, ok: true, message: `removed temporary folder ${step.path}` }
    }
    if (step.kind === 'kind-cluster') {
      await deps.tools.run('kind', ['delete', 'cluster', '--name', step.name], { timeoutMs: 120_000 })
      return { step, ok: true, message: `deleted kind cluster ${step.name}` }
    }
    const client = await deps.connect(step.kubeconfig)
    const deletion = await client.deleteNamespace(step.namespace, deps.namespaceTimeoutMs ?? 120_000)
    return deletion.gone
      ? { step, ok: true, message: `deleted namespace ${step.namespace}` }
      : { step, ok: false, message: `namespace ${step.namespace} is still terminating after ${Math.round(deletion.waitedMs / 1000)} s` }
  } catch (error) {
    const what = step.kind === 'kind-cluster' ? `kind cluster ${step.name}` : step.kind === 'temp-dir' ? `temporary folder ${step.path}` : `namespace ${step.namespace}`
    return { step, ok: false, message: `could not delete ${what}: ${error instanceof Error ? error.message : String(error)}` }
  }
}

const TEMP_PREFIX = 'kcg-'

/**
 * A temporary folder (`kcg-<what>-XXXXXX` in the system's temporary directory), recorded in the
 * plan before anything is written into it, so every exit path (finally, SIGTERM, the post step)
 * removes it: a kubeconfig left behind holds a cluster's credentials.
 */
export async function planTempDir(plan: CleanupPlan, what: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${what}-`))
  plan.add({ kind: 'temp-dir', path })
  return path
}

function isOwnTempDir(path: string): boolean {
  return dirname(resolve(path)) === resolve(tmpdir()) && basename(path).startsWith(TEMP_PREFIX)
}

/**
 * On SIGTERM/SIGINT (a cancelled job, Ctrl-C), stop the tools still running, clean up, and exit
 * with the signal's conventional code. Returns a function that removes the handlers.
 */
export function cleanupOnSignals(plan: CleanupPlan, deps: CleanupDeps, stopTools: () => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    stopTools()
    process.stderr.write(`kube-compat-gate: ${signal}: cleaning up the smoke test\n`)
    void plan.run(deps).then((outcomes) => {
      for (const o of outcomes) if (!o.ok) process.stderr.write(`kube-compat-gate: ${o.message}\n`)
      process.exit(signal === 'SIGINT' ? 130 : 143)
    })
  }
  process.once('SIGTERM', handler)
  process.once('SIGINT', handler)
  return () => {
    process.off('SIGTERM', handler)
    process.off('SIGINT', handler)
  }
}
