import { join } from 'node:path'
import { gitTopLevel, resolveCommit, treeFromGit } from '../commits/git-tree.js'
import type { CommitTree } from '../commits/commit-tree.js'
import type { Diagnostic } from '../model.js'
import type { BaseCommit, RemoteChange } from '../commits/derived-base.js'
import { describeError, UsageError } from '../errors.js'
import type { GitHubClient } from './client.js'
import type { EventContext } from './event.js'
import { forkPoint } from './fork-point.js'
import { describeApiFailure } from './write-failure.js'
import { treeFromApi } from './tarball.js'

export interface TreeContext {
  workspace: string
  root: string
  pathPrefix: string
  /**
   * `path` as written, when a symbolic link on the way makes it differ from `pathPrefix` (where it
   * leads in the workspace): another commit may point the link elsewhere, so each commit read
   * resolves it in its own files, and the base is never derived from the head's files.
   */
  linkedPrefix?: string
  client: GitHubClient | undefined
  /** Every tree written, so the caller can remove them. */
  trees: CommitTree[]
  log: { info(message: string): void; warning(message: string): void }
}

/**
 * The directories to scan. The head is the workspace, except for events that check out
 * something else (pull_request_target checks out the base). The base comes from git when
 * the checkout has the commit, else from the REST API; without it every finding counts as new.
 * The base is where the head forked off the base branch (`forkPoint`), not the branch's tip.
 */
export async function changeTrees(event: EventContext, context: TreeContext): Promise<{ headRoot: string; headNotes?: Diagnostic[]; baseRoot?: string; baseCommit?: BaseCommit }> {
  if (event.mode !== 'pr' || !event.change) return { headRoot: context.root }
  const head: { root: string; notUnpacked?: Diagnostic[] } = event.headInWorkspace ? { root: context.root } : await headTree(event.change.headSha, event, context)
  const headRoot = head.root
  const notes = head.notUnpacked ? { headNotes: head.notUnpacked } : {}
  const baseSha = await forkPoint(event, context)
  if (context.linkedPrefix === undefined) {
    // The head is the checkout and git has the base: the base is derived from the head's scan
    // and the changed files' git objects, with no second tree on disk.
    const top = event.headInWorkspace ? await gitTopLevel(context.workspace) : undefined
    if (top && (await resolveCommit(top, baseSha))) return { headRoot, ...notes, baseCommit: { top, sha: baseSha } }
    // A shallow checkout: the same, with the change and the touched files read through the REST API.
    const remote = top ? await remoteBase(top, baseSha, event, context) : undefined
    if (remote) return { headRoot, ...notes, baseCommit: { top: top!, sha: baseSha, remote } }
  } else {
    context.log.info(`base ${baseSha.slice(0, 12)}: input "path" goes through a symbolic link (${context.linkedPrefix.replace(/\/$/, '')}), which the change may point elsewhere, so the base is read whole`)
  }
  try {
    const base = await commitTree('base', baseSha, event, context)
    return { headRoot, ...notes, baseRoot: base.root }
  } catch (error) {
    context.log.warning(`could not read the base commit ${baseSha.slice(0, 12)}, so every finding counts as new: ${describeError(error)}`)
    return { headRoot, ...notes }
  }
}

/** The change through the REST API, or undefined (and a line in the log saying why) when the base must come whole. */
async function remoteBase(top: string, baseSha: string, event: EventContext, context: TreeContext): Promise<RemoteChange | undefined> {
  const head = await resolveCommit(top, 'HEAD')
  if (!context.client || head === undefined) return undefined
  const client = context.client
  const { baseFromApi } = await import('./api-base.js')
  const remote = await baseFromApi(client, {
    repository: { owner: event.owner, repo: event.repo },
    base: baseSha,
    head,
    top,
    root: context.root,
    fullTree: () => commitTree('base', baseSha, event, context)
  })
  if ('changes' in remote) return remote
  const line = `base ${baseSha.slice(0, 12)}: not derived through the REST API, because ${remote.fallback}; its tarball is read instead`
  // Answers that contradict each other are GitHub's fault or an attack on the gate: said where the run's warnings are.
  if (remote.suspicious) context.log.warning(line)
  else context.log.info(line)
  return undefined
}

/**
 * The head read from its commit (pull_request_target). Without it there is nothing to decide on:
 * the run fails, saying why in one line (the caller still writes `result`).
 */
async function headTree(sha: string, event: EventContext, context: TreeContext): Promise<CommitTree> {
  try {
    return await commitTree('head', sha, event, context)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new Error(`could not read the head commit ${sha.slice(0, 12)}, so there is nothing to decide on and the gate fails: ${describeApiFailure('contents: read', error)}`)
  }
}

async function commitTree(label: string, sha: string, event: EventContext, context: TreeContext): Promise<CommitTree> {
  const top = await gitTopLevel(context.workspace)
  if (top && (await resolveCommit(top, sha))) {
    const tree = await treeFromGit(top, sha, context.linkedPrefix === undefined ? context.root : join(context.workspace, context.linkedPrefix))
    context.trees.push(tree)
    context.log.info(`${label} ${sha.slice(0, 12)}: read through git (the checkout has the commit)`)
    return tree
  }
  if (!context.client) throw new Error(`the checkout does not have commit ${sha} and there is no github-token to fetch it`)
  const relativePath = (context.linkedPrefix ?? context.pathPrefix).replace(/\/$/, '') || '.'
  if (relativePath.startsWith('..')) throw new UsageError(`input "path" must be inside the workspace to read commit ${sha} through the API`)
  const tree = await treeFromApi(context.client, { owner: event.owner, repo: event.repo }, sha, relativePath, (message) => context.log.warning(message))
  context.trees.push(tree)
  context.log.info(`${label} ${sha.slice(0, 12)}: read through the REST API (the checkout does not have the commit)`)
  return tree
}
