/** Action post step (dist/post.js): finish the smoke test's cleanup after a cancelled or killed run. */
import * as core from '@actions/core'
import { describeError } from './errors.js'
import { CLEANUP_STATE } from './smoke/action-smoke.js'
import { runPostCleanup } from './smoke/post-cleanup.js'
import { execTools } from './smoke/tools.js'

async function post(): Promise<void> {
  try {
    const outcomes = await runPostCleanup(core.getState(CLEANUP_STATE), {
      tools: execTools,
      connect: async (kubeconfig) => (await import('./smoke/kube-client.js')).createKubeClient(kubeconfig ? { kubeconfigPath: kubeconfig } : {})
    })
    for (const outcome of outcomes) (outcome.ok ? core.info : core.warning)(`smoke cleanup: ${outcome.message}`)
  } catch (error) {
    // A failed cleanup must not fail a job whose verdict is already decided; say what is left.
    core.warning(`smoke cleanup: ${describeError(error)}`)
  }
}

void post()
