import { CALL_DEADLINE_FACTOR, timeoutSeconds } from './fetch-timeout.js'
import { RETRIES } from './retries.js'

/** Request options that turn the retry plugin off for one request: the caller retries with care. */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const

/** Waits between attempts, as the retry plugin's: 1 s, 4 s, 9 s. */
const BACKOFF_SECONDS = [1, 4, 9]

/** A create answered with a body that lacks what a created thing has (GitHub answered 201 with nonsense). */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError'
}

/**
 * Creates something (a comment, an issue, a check run) at most once. A POST that failed with a
 * server error or got no whole answer may still have created it: the retry plugin sent it again
 * and a 502 after a successful POST became a second comment. Here the create is sent without the
 * plugin's retries and, before each new attempt, `findCreated` looks for what an earlier attempt
 * may have made. A 4xx answer is final, as with the plugin. Attempts that got no answer share
 * one waiting time (`seconds`, twice one attempt's deadline), like the plugin's retries of one
 * request: a GitHub that stalls is not waited for four times over.
 */
export async function createOnce<T>(create: () => Promise<T>, findCreated: () => Promise<T | undefined>, wait = sleep, seconds = CALL_DEADLINE_FACTOR * timeoutSeconds()): Promise<T> {
  let unansweredMs = 0
  for (let attempt = 0; ; attempt++) {
    const started = Date.now()
    try {
      return await create()
    } catch (error) {
      if (unanswered(error)) unansweredMs += Date.now() - started
      if (!mayHaveCreated(error) || attempt >= RETRIES || unansweredMs >= seconds * 1000) throw withRetries(error, attempt)
      await wait(BACKOFF_SECONDS[attempt] ?? 9)
      const found = await findCreated()
      if (found !== undefined) return found
    }
  }
}

/** No answer came (a timeout, a reset connection): Octokit's error then has no response. */
function unanswered(error: unknown): boolean {
  return (error as { response?: unknown }).response === undefined
}

/** A server error, an answer that never (fully) came, or a malformed success: the thing may exist. */
function mayHaveCreated(error: unknown): boolean {
  if (error instanceof MalformedAnswerError) return true
  const { status } = error as { status?: unknown }
  return unanswered(error) || (typeof status === 'number' && status >= 500)
}

/** Says how often it was tried, as the retry plugin's errors do (describeApiFailure reads it). */
function withRetries(error: unknown, retries: number): unknown {
  if (retries === 0 || typeof error !== 'object' || error === null) return error
  const holder = error as { request?: { request?: { retryCount?: number } } }
  holder.request = { ...holder.request, request: { ...holder.request?.request, retryCount: retries } }
  return error
}

function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000))
}

/** The id of a created thing, or a MalformedAnswerError when the answer has none. */
export function createdId<T extends { id?: unknown }>(data: T, what: string): T & { id: number } {
  if (typeof data?.id !== 'number') throw new MalformedAnswerError(`GitHub answered the creation of ${what} without its id`)
  return data as T & { id: number }
}
