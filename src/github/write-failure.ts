/**
 * Publishing to GitHub (comments, check runs, issues) is a courtesy: the gate decides from
 * its findings alone. A write that GitHub refuses becomes a warning that says which
 * permission the workflow lacks, so a read-only token (pull requests from forks) never
 * turns a passing gate red or a failing one green.
 */

/** The `permissions:` a workflow grants for each kind of write. */
export type Permission = 'pull-requests: write' | 'checks: write' | 'issues: write' | 'contents: read'

export function describeWriteFailure(what: string, permission: Permission, error: unknown): string {
  const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, string | undefined> } }
  const reason = error instanceof Error ? firstLine(error.message) : String(error)
  const after = retried(error)
  const verdict = 'The gate result does not depend on this.'
  // A rate limit is a 403 (or 429) too, but no permission fixes it: say what it is.
  if ((status === 403 || status === 429) && (/rate limit/i.test(reason) || response?.headers?.['retry-after'] !== undefined || response?.headers?.['x-ratelimit-remaining'] === '0')) {
    return `kube-compat-gate could not ${what}: GitHub rate-limited the request (${reason})${after}. ${verdict}`
  }
  if (status === 403 || status === 404) {
    return (
      `kube-compat-gate could not ${what}: GitHub answered ${status} (${reason}). ` +
      `Grant the workflow "permissions: ${permission}"; on pull requests from forks the token is ` +
      `read-only, see the README section "Pull requests from forks". ${verdict}`
    )
  }
  // Without a response GitHub answered nothing (a timeout, a reset connection); Octokit still says 500.
  if (response === undefined) return `kube-compat-gate could not ${what}: ${reason}${after}. ${verdict}`
  const answered = typeof status === 'number' ? `GitHub answered ${status} (${reason})` : reason
  return `kube-compat-gate could not ${what}: ${answered}${after}. ${verdict}`
}

/** ", after 3 retries" when the retry plugin tried again before giving up. */
function retried(error: unknown): string {
  const count = (error as { request?: { request?: { retryCount?: unknown } } }).request?.request?.retryCount
  return typeof count === 'number' && count > 0 ? `, after ${count} ${count === 1 ? 'retry' : 'retries'}` : ''
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300)
}
