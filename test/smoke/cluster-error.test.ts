import { describe, expect, it } from 'vitest'
import { ClusterError, toClusterError } from '../../src/smoke/cluster-error.js'

// The shape client-node 1.4 throws: numeric code, body = the raw JSON text of a k8s Status.
function apiException(code: number, body: unknown): Error & { code: number; body: unknown } {
  return Object.assign(new Error(`HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ...\nHeaders: {...}`), {
    code,
    body
  })
}

const invalidPod = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message: 'Pod "bad" is invalid: spec.containers[0].image: Required value',
  reason: 'Invalid',
  details: { name: 'bad', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
  code: 422
}

describe('toClusterError', () => {
  it('keeps status, reason, message and field causes from a Status body given as a string', () => {
    const err = toClusterError(apiException(422, JSON.stringify(invalidPod)), 'create Pod ns/bad')
    expect(err).toBeInstanceOf(ClusterError)
    expect(err.status).toBe(422)
    expect(err.reason).toBe('Invalid')
    expect(err.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }])
    expect(err.message).toBe(
      'create Pod ns/bad: Pod "bad" is invalid: spec.containers[0].image: Required value (HTTP 422 Invalid)'
    )
  })

  it('accepts an already parsed body (client-node 2.x)', () => {
    expect(toClusterError(apiException(422, invalidPod), 'x').reason).toBe('Invalid')
  })

  it('never shows the raw exception text, headers or a stack', () => {
    const err = toClusterError(apiException(500, 'not json at all'), 'list Pods in ns')
    expect(err.message).toBe('list Pods in ns: the API server answered HTTP 500 (HTTP 500 InternalError)')
    expect(err.message).not.toMatch(/Headers|HTTP-Code|at /)
  })

  it('falls back to a reason from the status code when the body has none', () => {
    expect(toClusterError(apiException(403, '{}'), 'x').reason).toBe('Forbidden')
    expect(toClusterError(apiException(418, ''), 'x').reason).toBe('Unknown')
  })

  it('reports connection failures as Unreachable with status 0', () => {
    const refused = Object.assign(new Error('request to https://127.0.0.1:1/version failed, reason: connect ECONNREFUSED'), {
      code: 'ECONNREFUSED'
    })
    const err = toClusterError(refused, 'read server version')
    expect(err.status).toBe(0)
    expect(err.reason).toBe('Unreachable')
    expect(err.message).toBe(
      'read server version: cannot reach the API server (ECONNREFUSED): request to https://127.0.0.1:1/version failed, reason: connect ECONNREFUSED'
    )
  })

  it('passes a ClusterError through unchanged', () => {
    const original = new ClusterError('op', 404, 'NotFound', 'gone')
    expect(toClusterError(original, 'other')).toBe(original)
  })
})
