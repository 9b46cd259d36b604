/**
 * Publishing to GitHub (comments, check runs, issues) is a courtesy: the gate decides from
 * its findings alone. A write that GitHub refuses becomes a warning that says which
 * permission the workflow lacks, so a read-only token (pull requests from forks) never
 * turns a passing gate red or a failing one green.
 */

/** The `permissions:` a workflow grants for each kind of write. */
export type Permission = 'pull-requests: write' | 'checks: write' | 'issues: write' | 'contents: read'

export function describeWriteFailure(what: string, permission: Permission, error: unknown): string {
  return `kube-compat-gate could not ${what}: ${describeApiFailure(permission, error)}. The gate result does not depend on this.`
}

/** What went wrong with a request, for people: a rate limit, a refusal and the permission it needs, or GitHub's answer. */
export function describeApiFailure(permission: Permission, error: unknown): string {
  const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, string | undefined> } }
  const reason = error instanceof Error ? firstLine(error.message) : String(error)
  const after = retried(error)
  // A rate limit is a 403 (or 429) too, but no permission fixes it: say what it is.
  if ((status === 403 || status === 429) && (/rate limit/i.test(reason) || response?.headers?.['retry-after'] !== undefined || response?.headers?.['x-ratelimit-remaining'] === '0')) {
    return `GitHub rate-limited the request (${reason})${after}`
  }
  if (status === 403) {
    return (
      `GitHub answered ${status} (${reason}). ` +
      `Grant the workflow "permissions: ${permission}"; on pull requests from forks the token is ` +
      'read-only, see the README section "Pull requests from forks"'
    )
  }
  // A missing permission is a 403; a 404 is something that is not there (a closed-and-deleted
  // pull request, a check run of another app) or not visible to this token.
  if (status === 404) return `GitHub answered 404 (${reason}): what it was asked about does not exist or this token cannot see it${after}`
  // Without a response GitHub answered nothing (a timeout, a reset connection); Octokit still says 500.
  if (response === undefined) return `${reason}${after}`
  return `${typeof status === 'number' ? `GitHub answered ${status} (${reason})` : reason}${after}`
}

/** ", after 3 retries" when the retry plugin tried again before giving up. */
function retried(error: unknown): string {
  const count = (error as { request?: { request?: { retryCount?: unknown } } }).request?.request?.retryCount
  return typeof count === 'number' && count > 0 ? `, after ${count} ${count === 1 ? 'retry' : 'retries'}` : ''
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300)
}
