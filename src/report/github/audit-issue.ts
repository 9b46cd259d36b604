import type { GitHubClient } from '../../github/client.js'
import { listAll, pageCounter } from '../../github/bounded-list.js'
import { createdId, createOnce, NO_BLIND_RETRY } from '../../github/create-once.js'
import { gateItems } from '../../github/gate-author.js'
import { LIMITS, fitText } from './limits.js'

export const AUDIT_LABEL = 'kube-compat-gate'

export interface AuditIssueInput {
  owner: string
  repo: string
  /** Hidden in the body: identifies this gate's issue among others with the label. */
  marker: string
  /** The login the gate writes as (`gateLogin`): only its issues are the gate's. */
  login: string
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
 * found again by label, marker and author (the gate), so scheduled runs never open a second
 * one; two runs at once that each opened one leave the oldest open and close the other.
 */
export async function publishAuditIssue(client: GitHubClient, input: AuditIssueInput): Promise<{ outcome: AuditOutcome; number?: number }> {
  const repository = { owner: input.owner, repo: input.repo }
  const list = async () =>
    gateItems(
      (await listAll((stop) => client.paginate(client.rest.issues.listForRepo, { ...repository, state: 'open', labels: AUDIT_LABEL, per_page: 100 }, pageCounter(stop)), 'issue list')).filter((issue) => !issue.pull_request),
      input.marker,
      input.login
    )
  const [existing, ...duplicates] = await list()
  const pointer = input.runUrl ? `[the job summary](${input.runUrl})` : 'the job summary of the audit run'
  const body = fitText(`${input.marker}\n${input.body}`, LIMITS.commentChars, `**Cut here: the full report is in ${pointer}.**`)
  const closeDuplicates = async (issues: ReadonlyArray<{ number: number }>, kept: number) => {
    for (const issue of issues) {
      await client.rest.issues
        .update({ ...repository, issue_number: issue.number, state: 'closed', state_reason: 'not_planned', body: `${input.marker}\nA second copy of #${kept}, opened by two audits at once; closed.` })
        .catch(() => undefined)
    }
  }
  await closeDuplicates(duplicates, existing?.number ?? 0)

  if (input.hasFindings) {
    if (existing) {
      await client.rest.issues.update({ ...repository, issue_number: existing.number, title: input.title, body })
      return { outcome: 'updated', number: existing.number }
    }
    await ensureLabel(client, repository)
    const created = await createOnce(
      async () => createdId((await client.rest.issues.create({ ...repository, title: input.title, body, labels: [AUDIT_LABEL], ...NO_BLIND_RETRY })).data, 'an issue'),
      async () => (await list())[0]
    )
    const [oldest] = await list()
    if (oldest && oldest.id < created.id) {
      await client.rest.issues.update({ ...repository, issue_number: oldest.number, title: input.title, body })
      await closeDuplicates([created], oldest.number)
      return { outcome: 'updated', number: oldest.number }
    }
    return { outcome: 'created', number: created.number }
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
