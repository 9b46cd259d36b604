/**
 * Server errors (5xx) and unanswered GitHub requests are retried this often, after 1 s, 4 s and 9 s. In a module of its own: the code that
 * creates comments and issues once needs the number, and importing it from client.ts would load
 * Octokit at start-up even for a run without a token (test/e2e/lazy-client-node.test.ts).
 */
export const RETRIES = 3
