import type { GitHubClient } from '../../github/client.js'
import { LIMITS, fitText } from './limits.js'

export const AUDIT_LABEL = 'kube-compat-gate'

export interface AuditIssueInput {
  owner: string
  repo: string
  /** Hidden in the body: identifies this gate's issue among others with the label. */
  marker: string
  title: string
  /** The report; empty findings close the issue. */
  body: string
  hasFindings: boolean
  /** Said in the closing comment. */
  cleanMessage: string
  runUrl: string | undefined
}

export type AuditOutcome = 'created' | 'updated' | 'closed' | 'none'

/**
 * One tracking issue per repository (and scanned path): opened when an audit finds
 * something, rewritten in place by later audits, closed with a comment once clean. It is
 * found again by label and marker, so scheduled runs never open a second one.
 */
export async function publishAuditIssue(client: GitHubClient, input: AuditIssueInput): Promise<{ outcome: AuditOutcome; number?: number }> {
  const repository = { owner: input.owner, repo: input.repo }
  const open = await client.paginate(client.rest.issues.listForRepo, { ...repository, state: 'open', labels: AUDIT_LABEL, per_page: 100 })
  const existing = open.find((issue) => !issue.pull_request && issue.body?.startsWith(input.marker))
  const pointer = input.runUrl ? `[the job summary](${input.runUrl})` : 'the job summary of the audit run'
  const body = fitText(`${input.marker}\n${input.body}`, LIMITS.commentChars, `**Cut here: the full report is in ${pointer}.**`)

  if (input.hasFindings) {
    if (existing) {
      await client.rest.issues.update({ ...repository, issue_number: existing.number, title: input.title, body })
      return { outcome: 'updated', number: existing.number }
    }
    await ensureLabel(client, repository)
    const created = await client.rest.issues.create({ ...repository, title: input.title, body, labels: [AUDIT_LABEL] })
    return { outcome: 'created', number: created.data.number }
  }
  if (!existing) return { outcome: 'none' }
  await client.rest.issues.createComment({ ...repository, issue_number: existing.number, body: input.cleanMessage })
  await client.rest.issues.update({ ...repository, issue_number: existing.number, body, state: 'closed', state_reason: 'completed' })
  return { outcome: 'closed', number: existing.number }
}

/**
 * The issue is found again by its label, so the label must really be set: GitHub may drop
 * a label that does not exist yet when an issue is created. 422 means it exists already.
 */
async function ensureLabel(client: GitHubClient, repository: { owner: string; repo: string }): Promise<void> {
  try {
    await client.rest.issues.createLabel({
      ...repository,
      name: AUDIT_LABEL,
      color: '1d76db',
      description: 'Known Kubernetes/vcluster incompatibilities found by the scheduled kube-compat-gate audit'
    })
  } catch (error) {
    if ((error as { status?: unknown }).status !== 422) throw error
  }
}
