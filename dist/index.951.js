export const id = 951;
export const ids = [951];
export const modules = {

/***/ 8951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RETRIES: () => (/* binding */ RETRIES),
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(5555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/github/fetch-timeout.ts
/**
 * A request to GitHub that gets no answer would otherwise wait for undici's five-minute
 * limit, four times with the retries. Each attempt gets this long for the response headers
 * (a large tarball may take longer to stream; only the wait for the answer is bounded).
 */
const DEFAULT_TIMEOUT_SECONDS = 30;
/** Set on a runner whose GitHub (Enterprise Server) answers slowly. */
const TIMEOUT_VARIABLE = 'KUBE_COMPAT_GATE_GITHUB_TIMEOUT_SECONDS';
function timeoutSeconds(env = process.env) {
    const value = Number(env[TIMEOUT_VARIABLE]);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS;
}
/**
 * `fetch` that gives up when the answer has not started after `seconds`. It fails with a plain
 * error (not an AbortError), which Octokit turns into a request error the retry plugin retries
 * like a server error.
 */
function fetchWithTimeout(fetch, seconds) {
    return async (url, init = {}) => {
        const timer = new AbortController();
        const handle = setTimeout(() => timer.abort(), seconds * 1000);
        const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
        try {
            return await fetch(url, { ...init, signal });
        }
        catch (error) {
            if (timer.signal.aborted && !init.signal?.aborted)
                throw new Error(`GitHub did not answer within ${seconds} s (${TIMEOUT_VARIABLE})`);
            throw error;
        }
        finally {
            clearTimeout(handle);
        }
    };
}

;// CONCATENATED MODULE: ./src/github/client.ts





/** Server errors (5xx) and unanswered requests are retried this often, after 1 s, 4 s and 9 s. */
const RETRIES = 3;
/** A rate-limited request is retried once, and only when GitHub asks to wait at most this long. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
/**
 * The REST client: `@actions/github`'s Octokit (it honours GITHUB_API_URL and proxies) with
 * the retry and throttling plugins, so 5xx answers and rate limits are retried a bounded
 * number of times and writes are spaced as GitHub asks. 4xx answers are never retried.
 */
function createGitHubClient(token, log, baseUrl, timeout = timeoutSeconds()) {
    const onLimit = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const retrying = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        log.warning(`GitHub ${kind} rate limit on ${options.method ?? ''} ${options.url ?? ''}; ` +
            (retrying ? `retrying in ${retryAfter} s` : 'giving up on this request'));
        return retrying;
    };
    return (0,github/* getOctokit */.Q)(token, {
        ...(baseUrl ? { baseUrl } : {}),
        // The proxy-aware fetch of @actions/github, with a bound on each attempt's wait.
        request: { ...utils/* defaults */.NT.request, fetch: fetchWithTimeout((utils/* defaults */.NT.request?.fetch ?? fetch), timeout) },
        retry: { retries: RETRIES },
        throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
        log: { debug: log.debug, info: log.debug, warn: log.debug, error: log.debug }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A, ownRetryState);
}
/**
 * The retry plugin counts a request's retries in its `request` options, which Octokit shares
 * between all requests of a client: after one request used up its retries, the next one started
 * counting at 4 and waited 25 s, then 36 s, 49 s. Registered last, this hook runs first and
 * gives every request its own copy (hooks share the options object, so it is replaced in
 * place), and each request starts from 1 s again.
 */
function ownRetryState(octokit) {
    octokit.hook.wrap('request', (request, options) => {
        options.request = { ...options.request };
        return request(options);
    });
}


/***/ })

};
