import { z } from 'zod'
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

const Sha = z.string().regex(/^[0-9a-f]{40}$/i)

/** Only what the gate needs of each webhook payload; everything else is ignored. */
/** A deleted fork leaves `repo` null: no longer anyone's repository, so not this one. */
const RepoName = z.object({ full_name: z.string() }).nullish().catch(undefined)
const PullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int(),
    base: z.object({ sha: Sha, repo: RepoName }),
    head: z.object({ sha: Sha, repo: RepoName })
  })
})
const MergeGroupPayload = z.object({ merge_group: z.object({ base_sha: Sha, head_sha: Sha }) })
const WorkflowRunPayload = z.object({
  workflow_run: z.object({
    head_sha: Sha,
    head_repository: RepoName,
    repository: RepoName,
    pull_requests: z
      .array(z.object({ number: z.number().int(), base: z.object({ sha: Sha }), head: z.object({ sha: Sha }) }))
      .default([])
  })
})

export interface EventSource {
  eventName: string
  payload: unknown
  env: Record<string, string | undefined>
  mode: ModeInput
}

/** Decides the mode and the commits to compare from the event the workflow runs on. */
export function readEventContext({ eventName, payload, env, mode }: EventSource): EventContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const runUrl =
    env.GITHUB_RUN_ID && owner && repo ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined
  const change = changeOf(eventName, payload)
  const base = { eventName, owner, repo, sha: env.GITHUB_SHA ?? '', serverUrl, runUrl }

  // Whatever the mode: an audit of a fork's workflow_run (GitHub lists no pull request for it) or a
  // `mode: audit` on pull_request_target still checks out the author's files.
  const untrustedHead = untrustedHeadOf(eventName, payload)
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

/** Why the head of the change is not the workflow's own code, or undefined when it is. */
function untrustedHeadOf(eventName: string, payload: unknown): string | undefined {
  if (eventName === 'pull_request_target') return 'the run is on pull_request_target, whose head is the pull request author\'s'
  if (eventName === 'pull_request') {
    const parsed = PullRequestPayload.safeParse(payload)
    const { base, head } = parsed.success ? parsed.data.pull_request : { base: undefined, head: undefined }
    if (!base?.repo || head?.repo?.full_name !== base.repo.full_name) return `the pull request comes from the fork ${head?.repo?.full_name ?? '(deleted)'}`
  }
  if (eventName === 'workflow_run') {
    const parsed = WorkflowRunPayload.safeParse(payload)
    const run = parsed.success ? parsed.data.workflow_run : undefined
    if (!run?.repository || run.head_repository?.full_name !== run.repository.full_name) return `the run follows a workflow of the fork ${run?.head_repository?.full_name ?? '(unknown)'}`
  }
  return undefined
}

function changeOf(eventName: string, payload: unknown): ChangeRef | undefined {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const parsed = PullRequestPayload.safeParse(payload)
      if (!parsed.success) return undefined
      const { number, base, head } = parsed.data.pull_request
      return { number, baseSha: base.sha, headSha: head.sha }
    }
    case 'merge_group': {
      const parsed = MergeGroupPayload.safeParse(payload)
      if (!parsed.success) return undefined
      return { number: undefined, baseSha: parsed.data.merge_group.base_sha, headSha: parsed.data.merge_group.head_sha }
    }
    case 'workflow_run': {
      // GitHub lists the pull request only when it comes from the same repository.
      const parsed = WorkflowRunPayload.safeParse(payload)
      const pull = parsed.success ? parsed.data.workflow_run.pull_requests[0] : undefined
      return pull ? { number: pull.number, baseSha: pull.base.sha, headSha: pull.head.sha } : undefined
    }
    default:
      return undefined
  }
}
