import type { GitHubClient } from './client.js'

/** Who a workflow's `GITHUB_TOKEN` writes as; GitHub does not let that token ask (`GET /user` is a 403). */
export const ACTIONS_BOT = 'github-actions[bot]'

/**
 * The login the gate writes its comments and issues as: the token's own user when GitHub says
 * (a personal or app user token), else the Actions bot. Only what this login wrote is the gate's:
 * a comment that starts with the marker but was written by a person is theirs, never edited.
 */
export async function gateLogin(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated({ request: { retries: 0 } })
    return typeof data?.login === 'string' && data.login !== '' ? data.login : ACTIONS_BOT
  } catch {
    return ACTIONS_BOT
  }
}

/** Marked by the gate: the marker opens the body, or a line of it (someone added text above it). */
export function carriesMarker(body: string | null | undefined, marker: string): boolean {
  return body !== null && body !== undefined && (body.startsWith(marker) || body.includes(`\n${marker}`))
}

/** The gate's own items among `items`, the oldest first (the one every run keeps). */
export function gateItems<T extends { id: number; body?: string | null; user?: { login?: string } | null }>(items: readonly T[], marker: string, login: string): T[] {
  return items
    .filter((item) => carriesMarker(item.body, marker) && item.user?.login?.toLowerCase() === login.toLowerCase())
    .sort((a, b) => a.id - b.id)
}
