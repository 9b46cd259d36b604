/**
 * The action's post step: runs whatever cleanup the main step recorded but did not finish (the job
 * was cancelled, or the runner killed the step). An empty or missing state means nothing to do.
 */
import type { CleanupDeps, CleanupOutcome, CleanupStep } from './cleanup.js'
import { runCleanupStep } from './cleanup.js'

export function parseCleanupState(state: string): CleanupStep[] {
  if (!state.trim()) return []
  const value = JSON.parse(state) as unknown
  if (!Array.isArray(value)) return []
  return value.filter(
    (step): step is CleanupStep =>
      typeof step === 'object' && step !== null &&
      (((step as CleanupStep).kind === 'kind-cluster' && typeof (step as { name?: unknown }).name === 'string') ||
        ((step as CleanupStep).kind === 'namespace' && typeof (step as { namespace?: unknown }).namespace === 'string') ||
        ((step as CleanupStep).kind === 'temp-dir' && typeof (step as { path?: unknown }).path === 'string'))
  )
}

export async function runPostCleanup(state: string, deps: CleanupDeps): Promise<CleanupOutcome[]> {
  const outcomes: CleanupOutcome[] = []
  for (const step of parseCleanupState(state).reverse()) outcomes.push(await runCleanupStep(step, deps))
  return outcomes
}
