/**
 * ClusterError: a failed Kubernetes API call, with the user-facing parts of the server's answer.
 *
 * client-node 1.4 throws ApiException, whose message embeds the raw body and response headers and
 * whose `.body` is the unparsed JSON of a k8s Status. We keep only what helps a user: HTTP status,
 * Status.reason, Status.message and the field causes. No stack traces or headers reach users.
 */

export interface ClusterErrorCause {
  /** e.g. "spec.containers[0].image" */
  field?: string
  reason?: string
  message?: string
}

export class ClusterError extends Error {
  override readonly name = 'ClusterError'

  constructor(
    /** what we tried, e.g. "create Pod kcg-smoke-ab12/smoke" */
    readonly operation: string,
    /** HTTP status; 0 when the server could not be reached */
    readonly status: number,
    /** k8s Status reason (NotFound, Invalid, Forbidden, ...) or Unreachable/Unknown */
    readonly reason: string,
    readonly detail: string,
    readonly causes: readonly ClusterErrorCause[] = []
  ) {
    super(`${operation}: ${detail}${status > 0 ? ` (HTTP ${status} ${reason})` : ''}`)
  }
}

interface K8sStatus {
  kind?: string
  reason?: string
  message?: string
  details?: { name?: string; kind?: string; causes?: ClusterErrorCause[] }
}

/** The Status object from an ApiException body, which is a JSON string on 1.4 and parsed on 2.x. */
export function parseStatus(body: unknown): K8sStatus | undefined {
  let value = body
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  return typeof value === 'object' && value !== null ? (value as K8sStatus) : undefined
}

const FALLBACK_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'AlreadyExists',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout'
}

function isApiException(err: unknown): err is { code: number; body: unknown } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number' && 'body' in err
}

/** The Status details of an ApiException (e.g. to tell "pod not found" from "no such resource"). */
export function statusOf(err: unknown): K8sStatus | undefined {
  return isApiException(err) ? parseStatus(err.body) : undefined
}

/** Turn anything thrown by a client-node call into a ClusterError. Duck-typed: no client-node import. */
export function toClusterError(err: unknown, operation: string): ClusterError {
  if (err instanceof ClusterError) return err
  if (isApiException(err)) {
    const status = parseStatus(err.body)
    const reason = status?.reason || FALLBACK_REASONS[err.code] || 'Unknown'
    const detail = status?.message || `the API server answered HTTP ${err.code}`
    return new ClusterError(operation, err.code, reason, detail, status?.details?.causes ?? [])
  }
  // node-fetch FetchError / system errors: connection refused, TLS, DNS.
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  const message = err instanceof Error ? err.message : String(err)
  const firstLine = message.split('\n')[0] ?? message
  return new ClusterError(
    operation,
    0,
    'Unreachable',
    `cannot reach the API server${typeof code === 'string' ? ` (${code})` : ''}: ${firstLine}`
  )
}
