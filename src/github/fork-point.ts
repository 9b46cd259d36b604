import { gitMergeBase, gitTopLevel, resolveCommit } from '../commits/git-tree.js'
import { describeError } from '../errors.js'
import type { GitHubClient } from './client.js'
import type { EventContext } from './event.js'

export interface ForkPointContext {
  workspace: string
  client: GitHubClient | undefined
  log: { info(message: string): void; warning(message: string): void }
}

/**
 * The commit a pull request's change is measured from: where the scanned head forked off the
 * base branch (git's merge base), as GitHub's "Files changed" tab shows it. The event's base
 * is the base branch's tip, and once that branch has moved on, comparing the head with the tip
 * counts everything merged there since as undone by the pull request: an incompatibility
 * fixed on main would come back as `new` in every older branch and fail it.
 *
 * No lookup is needed when the scanned commit was built on the tip by GitHub: the test merge
 * commit of a `pull_request` run (the default checkout) and a merge queue's commit. Otherwise
 * git answers when the checkout has both histories, the REST API (`compare`) when it has not;
 * failing both, the tip is used and a warning says what that may cost.
 */
export async function forkPoint(event: EventContext, context: ForkPointContext): Promise<string> {
  const change = event.change!
  const top = await gitTopLevel(context.workspace)
  let scanned = change.headSha
  if (event.headInWorkspace) {
    const workspaceHead = top === undefined ? undefined : await resolveCommit(top, 'HEAD')
    if (workspaceHead === undefined || workspaceHead === event.sha) return change.baseSha
    scanned = workspaceHead
  }
  const found = (await fromGit(top, change.baseSha, scanned)) ?? (await fromApi(event, context, change.baseSha, scanned))
  if (found.sha === undefined) {
    context.log.warning(
      `could not find where ${scanned.slice(0, 12)} forked off the base branch (${found.why}), so it is compared with the branch's tip ` +
        `${change.baseSha.slice(0, 12)}: findings fixed on the base branch since the fork may count as new (fetch-depth: 0, or a github-token with contents: read, avoids this)`
    )
    return change.baseSha
  }
  if (found.sha !== change.baseSha) {
    context.log.info(
      `the change forked off the base branch at ${found.sha.slice(0, 12)} (found ${found.via}); the branch's tip ${change.baseSha.slice(0, 12)} has moved on since, so the change is compared with the fork point`
    )
  }
  return found.sha
}

type Found = { sha: string; via: string; why?: undefined } | { sha?: undefined; why: string }

/** Undefined when git cannot tell (no repository, a commit missing, a shallow history that does not reach the fork). */
async function fromGit(top: string | undefined, base: string, head: string): Promise<Found | undefined> {
  if (top === undefined) return undefined
  const sha = await gitMergeBase(top, base, head)
  return sha === undefined ? undefined : { sha, via: 'through git' }
}

async function fromApi(event: EventContext, context: ForkPointContext, base: string, head: string): Promise<Found> {
  if (!context.client) return { why: 'the checkout lacks the history and there is no github-token' }
  try {
    const { data } = await context.client.rest.repos.compareCommits({ owner: event.owner, repo: event.repo, base, head, per_page: 1 })
    return { sha: data.merge_base_commit.sha, via: 'through the REST API' }
  } catch (error) {
    return { why: `the REST API's compare answered: ${describeError(error)}` }
  }
}
