import type { CommentMode } from '../../config/inputs.js'
import type { GitHubClient } from '../../github/client.js'
import { createdId, createOnce, NO_BLIND_RETRY } from '../../github/create-once.js'
import { gateItems } from '../../github/gate-author.js'
import { listEnds } from '../../github/list-ends.js'
import { describeApiFailure } from '../../github/write-failure.js'

export interface StickyCommentInput {
  owner: string
  repo: string
  number: number
  mode: CommentMode
  /** Hidden HTML comment that the body starts with; a comment that merely quotes it is not ours. */
  marker: string
  /** The login the gate writes as (`gateLogin`): only its comments are the gate's. */
  login: string
  /** Whether the run found something worth a comment (`on-findings`). */
  hasFindings: boolean
  /** The body, told whether an earlier comment exists. */
  render: (previous: boolean) => string
  warning: (message: string) => void
}

export type StickyOutcome = 'created' | 'updated' | 'replaced' | 'skipped'

/**
 * One comment per pull request, found again by its marker and its author (the gate) among the
 * first and the newest comments (`listEnds`: a flood of comments cannot push it out of reach) and edited in
 * place on every run, so reruns and new pushes never pile up comments. Two runs at once may each
 * create one: the oldest stays and the others are deleted. An edit GitHub refuses leads to a new
 * comment, with a warning that says why. With `on-findings`, a pull request that never had findings
 * gets no comment, and one that had some is told when they are gone.
 */
export async function publishStickyComment(client: GitHubClient, input: StickyCommentInput): Promise<StickyOutcome> {
  if (input.mode === 'never') return 'skipped'
  const repository = { owner: input.owner, repo: input.repo }
  let skipped: { from: number; to: number } | undefined
  const list = async () => {
    const read = await listEnds((page) => client.rest.issues.listComments({ ...repository, issue_number: input.number, per_page: 100, page }), 'comment list')
    skipped = read.skipped
    return gateItems(read.items, input.marker, input.login)
  }
  const [existing, ...duplicates] = await list()
  await deleteAll(client, repository, duplicates)
  if (!existing && input.mode === 'on-findings' && !input.hasFindings) return 'skipped'
  if (!existing && skipped) {
    input.warning(
      `kube-compat-gate read the first and the newest comments of this pull request, not pages ${skipped.from} to ${skipped.to} of 100 comments each; an earlier comment of the gate among those is left as it was, and a new one is posted`
    )
  }

  const body = input.render(existing !== undefined)
  if (existing) {
    try {
      await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body })
      return 'updated'
    } catch (error) {
      const status = (error as { status?: unknown }).status
      if (status !== 403 && status !== 404 && status !== 422) throw error
      input.warning(`kube-compat-gate could not edit its earlier pull request comment ${existing.id} (${describeApiFailure('pull-requests: write', error)}), so it posts a new one`)
    }
  }
  const known = new Set([existing, ...duplicates].flatMap((comment) => (comment ? [comment.id] : [])))
  const created = await createOnce(
    async () => createdId((await client.rest.issues.createComment({ ...repository, issue_number: input.number, body, ...NO_BLIND_RETRY })).data, 'a comment'),
    async () => (await list()).find((comment) => !known.has(comment.id))
  )
  // A run at the same time may have created one as well: the oldest is the one to keep.
  const [oldest] = await list()
  if (oldest && oldest.id < created.id && !known.has(oldest.id)) {
    await client.rest.issues.updateComment({ ...repository, comment_id: oldest.id, body })
    await deleteAll(client, repository, [created])
  }
  return existing ? 'replaced' : 'created'
}

/** Removes the gate's extra comments (left by runs at the same time); what GitHub refuses stays. */
async function deleteAll(client: GitHubClient, repository: { owner: string; repo: string }, comments: ReadonlyArray<{ id: number }>): Promise<void> {
  for (const comment of comments) await client.rest.issues.deleteComment({ ...repository, comment_id: comment.id }).catch(() => undefined)
}
