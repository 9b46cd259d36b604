/**
 * Publishing to GitHub (comments, check runs, issues) is a courtesy: the gate decides from
 * its findings alone. A write that GitHub refuses becomes a warning that says which
 * permission the workflow lacks, so a read-only token (pull requests from forks) never
 * turns a passing gate red or a failing one green.
 */

/** The `permissions:` a workflow grants for each kind of write. */
export type Permission = 'pull-requests: write' | 'checks: write' | 'issues: write' | 'contents: read'

export function describeWriteFailure(what: string, permission: Permission, error: unknown): string {
  const status = (error as { status?: unknown }).status
  const reason = error instanceof Error ? firstLine(error.message) : String(error)
  if (status === 403 || status === 404) {
    return (
      `kube-compat-gate could not ${what}: GitHub answered ${status} (${reason}). ` +
      `Grant the workflow "permissions: ${permission}"; on pull requests from forks the token is ` +
      'read-only, see the README section "Pull requests from forks". The gate result does not depend on this.'
    )
  }
  const answered = typeof status === 'number' ? `GitHub answered ${status}: ` : ''
  return `kube-compat-gate could not ${what}: ${answered}${reason}. The gate result does not depend on this.`
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300)
}
