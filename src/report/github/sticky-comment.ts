import type { CommentMode } from '../../config/inputs.js'
import type { GitHubClient } from '../../github/client.js'

export interface StickyCommentInput {
  owner: string
  repo: string
  number: number
  mode: CommentMode
  /** Hidden HTML comment that the body starts with; a comment that merely quotes it is not ours. */
  marker: string
  /** Whether the run found something worth a comment (`on-findings`). */
  hasFindings: boolean
  /** The body, told whether an earlier comment exists. */
  render: (previous: boolean) => string
}

export type StickyOutcome = 'created' | 'updated' | 'skipped'

/**
 * One comment per pull request, found again by its marker and edited in place on every run,
 * so reruns and new pushes never pile up comments. With `on-findings`, a pull request that
 * never had findings gets no comment, and one that had some is told when they are gone.
 */
export async function publishStickyComment(client: GitHubClient, input: StickyCommentInput): Promise<StickyOutcome> {
  if (input.mode === 'never') return 'skipped'
  const repository = { owner: input.owner, repo: input.repo }
  const comments = await client.paginate(client.rest.issues.listComments, { ...repository, issue_number: input.number, per_page: 100 })
  const existing = comments.find((comment) => comment.body?.startsWith(input.marker))
  if (!existing && input.mode === 'on-findings' && !input.hasFindings) return 'skipped'

  const body = input.render(existing !== undefined)
  if (existing) {
    await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body })
    return 'updated'
  }
  await client.rest.issues.createComment({ ...repository, issue_number: input.number, body })
  return 'created'
}
