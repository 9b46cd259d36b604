/**
 * A request to GitHub that gets no answer would otherwise wait for undici's five-minute
 * limit, four times with the retries. Each attempt gets this long for the response headers
 * (a large tarball may take longer to stream; only the wait for the answer is bounded).
 */
export const DEFAULT_TIMEOUT_SECONDS = 30

/** Set on a runner whose GitHub (Enterprise Server) answers slowly. */
export const TIMEOUT_VARIABLE = 'KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS'

export function timeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[TIMEOUT_VARIABLE])
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS
}

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>

/**
 * `fetch` that gives up when the answer has not started after `seconds`. It fails with a plain
 * error (not an AbortError), which Octokit turns into a request error the retry plugin retries
 * like a server error.
 */
export function fetchWithTimeout(fetch: Fetch, seconds: number): Fetch {
  return async (url, init = {}) => {
    const timer = new AbortController()
    const handle = setTimeout(() => timer.abort(), seconds * 1000)
    const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal
    try {
      return await fetch(url, { ...init, signal })
    } catch (error) {
      if (timer.signal.aborted && !init.signal?.aborted) throw new Error(`GitHub did not answer within ${seconds} s (${TIMEOUT_VARIABLE})`)
      throw error
    } finally {
      clearTimeout(handle)
    }
  }
}
