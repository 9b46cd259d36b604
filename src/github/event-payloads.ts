import { z } from 'zod'
import type { ChangeRef } from './event.js'

/*
 * What the gate reads of the webhook payloads that name a change or its author, checked with
 * zod. Loaded only on those events (`readEventContext`), so other runs start without zod.
 */

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

/** Why the head of the change is not the workflow's own code, or undefined when it is. */
export function untrustedHeadOf(eventName: string, payload: unknown): string | undefined {
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

export function changeOf(eventName: string, payload: unknown): ChangeRef | undefined {
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
