/**
 * A request to GitHub that gets no answer would otherwise wait for undici's five-minute
 * limit, four times with the retries. Each attempt gets this long for the whole answer, body
 * included: an answer that stalls after its headers (a comment list, a check run) is given up
 * like one that never starts.
 */
export const DEFAULT_TIMEOUT_SECONDS = 30

/** A commit's archive may be large: its download gets this many times as long. */
export const ARCHIVE_TIMEOUT_FACTOR = 4

/**
 * A call's attempts together wait at most this many attempts' time: a GitHub that stalls every
 * answer costs two deadlines per call, not one per attempt (four, and the back-off).
 */
export const CALL_DEADLINE_FACTOR = 2

/**
 * No answer of the REST API the gate uses comes near this; a commit's archive may (it is capped
 * again when unpacked). Past it the answer is abandoned rather than held in memory.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024

/** Set on a runner whose GitHub (Enterprise Server) answers slowly. */
export const TIMEOUT_VARIABLE = 'KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS'

export function timeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[TIMEOUT_VARIABLE])
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS
}

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>

const ARCHIVE_URL = /\/(tarball|zipball)\//

/** The seconds one attempt at `url` may take. */
export function attemptSeconds(url: string, seconds: number): number {
  return ARCHIVE_URL.test(url) ? seconds * ARCHIVE_TIMEOUT_FACTOR : seconds
}

/**
 * The time one call to GitHub may spend waiting for answers that never (fully) came, all its
 * attempts together. Answers that came, and the waits between attempts (the back-off, a rate
 * limit's `retry-after`), are not counted: they are bounded by the number of retries.
 */
export class WaitBudget {
  private spentMs = 0
  seconds: number | undefined

  /** Milliseconds the next attempt may wait, for a call whose attempts get `limit` s each. */
  allow(limit: number): number {
    this.seconds ??= CALL_DEADLINE_FACTOR * limit
    return Math.max(0, Math.min(limit * 1000, this.seconds * 1000 - this.spentMs))
  }

  spend(ms: number): void {
    this.spentMs += ms
  }

  get spent(): boolean {
    return this.seconds !== undefined && this.spentMs >= this.seconds * 1000
  }
}

/**
 * The call's waiting time is used up. Named AbortError so that Octokit hands it on as it is and
 * the retry plugin does not try again (it retries only its own request errors).
 */
export class WaitBudgetSpent extends Error {
  override name = 'AbortError'
  constructor(seconds: number) {
    super(`GitHub did not answer in the ${seconds} s a request may wait, retries included (${TIMEOUT_VARIABLE})`)
  }
}

/** Statuses whose answer has no body by definition (a Response cannot be built with one). */
const NO_BODY = new Set([101, 103, 204, 205, 304])

/**
 * `fetch` that gives up when the whole answer, body included, has not arrived after `seconds`
 * (archives: `ARCHIVE_TIMEOUT_FACTOR` times as long), or grows past its byte limit. The body is
 * read here, under the deadline, and handed on in memory (Octokit reads it whole anyway, and
 * swallows an error while reading it, so a cut answer would pass for an empty success).
 * Failures are plain errors (not an AbortError), which Octokit turns into a request error that
 * the retry plugin retries like a server error, until the call's `budget` is spent: then the
 * error is final (a stalling GitHub used to cost four full deadlines and the back-off per call).
 */
export function fetchWithTimeout(fetch: Fetch, seconds: number, budget = new WaitBudget()): Fetch {
  return async (url, init = {}) => {
    const limit = attemptSeconds(String(url), seconds)
    const maxBytes = ARCHIVE_URL.test(String(url)) ? MAX_ARCHIVE_BYTES : MAX_ANSWER_BYTES
    const allowed = budget.allow(limit)
    const timer = new AbortController()
    const handle = setTimeout(() => timer.abort(), allowed)
    const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal
    try {
      const response = await fetch(url, { ...init, signal })
      const body = NO_BODY.has(response.status) ? null : await readAtMost(response, maxBytes)
      const whole = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
      // Octokit reports the URL it was answered from (after redirects).
      Object.defineProperty(whole, 'url', { value: response.url })
      return whole
    } catch (error) {
      if (timer.signal.aborted && !init.signal?.aborted) {
        budget.spend(allowed)
        if (budget.spent || allowed === 0) throw new WaitBudgetSpent(budget.seconds!)
        throw new Error(`GitHub did not answer within ${limit} s (${TIMEOUT_VARIABLE})`)
      }
      throw error
    } finally {
      clearTimeout(handle)
    }
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new Error(`GitHub's answer of ${declared} bytes is over the ${maxBytes}-byte limit`)
  }
  if (!response.body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let length = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new Error(`GitHub's answer is over the ${maxBytes}-byte limit`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, length)
}
