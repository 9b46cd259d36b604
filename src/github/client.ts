import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { fetchWithTimeout, timeoutSeconds, WaitBudget } from './fetch-timeout.js'
import { RETRIES } from './retries.js'

export { RETRIES }

export type GitHubClient = ReturnType<typeof getOctokit>

export interface ClientLog {
  warning(message: string): void
  debug(message: string): void
}

/** A rate-limited request is retried once, and only when GitHub asks to wait at most this long. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

/**
 * The REST client: `@actions/github`'s Octokit (it honours GITHUB_API_URL and proxies) with
 * the retry and throttling plugins, so 5xx answers and rate limits are retried a bounded
 * number of times and writes are spaced as GitHub asks. 4xx answers are never retried.
 */
export function createGitHubClient(token: string, log: ClientLog, baseUrl?: string, timeout = timeoutSeconds()): GitHubClient {
  const plainFetch = (defaults.request?.fetch ?? fetch) as typeof fetch
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
      log.warning(
        `GitHub ${kind} rate limit on ${options.method ?? ''} ${options.url ?? ''}; ` +
          (retrying ? `retrying in ${retryAfter} s` : 'giving up on this request')
      )
      return retrying
    }
  return getOctokit(
    token,
    {
      ...(baseUrl ? { baseUrl } : {}),
      // The proxy-aware fetch of @actions/github, with a bound on each attempt's wait.
      request: { ...defaults.request, fetch: fetchWithTimeout(plainFetch, timeout) },
      // 429 joins the answers never retried blindly: the throttling plugin waits out a rate limit once, as GitHub asks.
      retry: { retries: RETRIES, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
      log: { debug: log.debug, info: log.debug, warn: log.debug, error: log.debug }
    },
    retry,
    throttling,
    ownRetryState((budget) => fetchWithTimeout(plainFetch, timeout, budget))
  )
}

/**
 * The retry plugin counts a request's retries in its `request` options, which Octokit shares
 * between all requests of a client: after one request used up its retries, the next one started
 * counting at 4 and waited 25 s, then 36 s, 49 s. Registered last, this hook runs first and
 * gives every request its own copy (hooks share the options object, so it is replaced in
 * place), and each request starts from 1 s again. Its attempts also share one waiting budget
 * (`WaitBudget`): an attempt that timed out was tried again with the same full wait, three times.
 */
function ownRetryState(budgeted: (budget: WaitBudget) => ReturnType<typeof fetchWithTimeout>) {
  return (octokit: { hook: GitHubClient['hook'] }): void => {
    octokit.hook.wrap('request', (request, options) => {
      options.request = { ...options.request, fetch: budgeted(new WaitBudget()) }
      return request(options)
    })
  }
}

