import type { ModeInput } from '../config/inputs.js'
import { UsageError } from '../errors.js'

/** Diff mode (a change with a base) or audit mode (the whole state of one commit). */
export type GateMode = 'pr' | 'audit'

/** The two commits of a change. `number` is missing in a merge queue. */
export interface ChangeRef {
  number: number | undefined
  baseSha: string
  headSha: string
}

export interface EventContext {
  eventName: string
  mode: GateMode
  owner: string
  repo: string
  /** The commit the workflow runs on (`GITHUB_SHA`); for pull_request that is the test merge. */
  sha: string
  /** Set in diff mode. */
  change?: ChangeRef
  /**
   * False when the checked-out workspace is not the change's head: `pull_request_target`
   * checks out the base, so the head is read from its commit instead (as data, never run).
   */
  headInWorkspace: boolean
  /**
   * Set when the change's files come from someone the workflow does not vouch for: the head of a
   * `pull_request_target` run, or of a pull request (or a `workflow_run` of one) from a fork.
   * Says why, for the messages of what the gate then declines to do with those files.
   */
  untrustedHead?: string
  serverUrl: string
  /** Link to this workflow run, for "see the job summary" pointers. */
  runUrl: string | undefined
}

export interface EventSource {
  eventName: string
  payload: unknown
  env: Record<string, string | undefined>
  mode: ModeInput
}

/**
 * The events whose payload names a change or says whose code the head is. Only these load the
 * payloads' schemas (and zod, a third of the action's start-up): a push, schedule or manual run
 * needs nothing from its payload.
 */
const PAYLOAD_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group', 'workflow_run'])

/** Decides the mode and the commits to compare from the event the workflow runs on. */
export async function readEventContext({ eventName, payload, env, mode }: EventSource): Promise<EventContext> {
  const payloads = PAYLOAD_EVENTS.has(eventName) ? await import('./event-payloads.js') : undefined
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const runUrl =
    env.GITHUB_RUN_ID && owner && repo ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined
  const change = payloads?.changeOf(eventName, payload)
  const base = { eventName, owner, repo, sha: env.GITHUB_SHA ?? '', serverUrl, runUrl }

  // Whatever the mode: an audit of a fork's workflow_run (GitHub lists no pull request for it) or a
  // `mode: audit` on pull_request_target still checks out the author's files.
  const untrustedHead = payloads?.untrustedHeadOf(eventName, payload)
  if (mode === 'audit' || (mode === 'auto' && !change)) return { ...base, mode: 'audit', headInWorkspace: true, ...(untrustedHead ? { untrustedHead } : {}) }
  if (!change) {
    throw new UsageError(
      `input "mode" is "pr" but the "${eventName || 'unknown'}" event carries no pull request ` +
        '(use pull_request, pull_request_target, merge_group or workflow_run from a pull request)'
    )
  }
  // Only plain pull_request and merge_group runs check out the change itself.
  const headInWorkspace = eventName === 'pull_request' || eventName === 'merge_group'
  return { ...base, mode: 'pr', change, headInWorkspace, ...(untrustedHead ? { untrustedHead } : {}) }
}
