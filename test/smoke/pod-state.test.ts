import type { CoreV1Event, V1Deployment, V1Pod } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { classifyDeployment, classifyPod, normaliseEvent, sortEvents, summarisePod } from '../../src/smoke/pod-state.js'

function pod(status: V1Pod['status']): V1Pod {
  return { metadata: { name: 'p' }, spec: { containers: [{ name: 'smoke' }], nodeName: 'node-1' }, status }
}

const running = { name: 'smoke', image: 'busybox', imageID: '', ready: true, restartCount: 0, state: { running: {} } }

describe('classifyPod', () => {
  it.each([
    ['Ready condition True', pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [running] }), 'ready'],
    ['phase Failed', pod({ phase: 'Failed', reason: 'Evicted' }), 'failed'],
    ['phase Succeeded (a server that exited)', pod({ phase: 'Succeeded' }), 'failed'],
    [
      'ErrImageNeverPull (never heals)',
      pod({
        phase: 'Pending',
        containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'ErrImageNeverPull', message: 'Container image "x" is not present with pull policy of Never' } } }]
      }),
      'failed'
    ],
    [
      'ImagePullBackOff (may still recover)',
      pod({ phase: 'Pending', containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
      'pending'
    ],
    [
      'unschedulable',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }] }),
      'pending'
    ],
    ['no status yet', pod(undefined), 'pending']
  ])('%s -> %s', (_name, p, expected) => {
    expect(classifyPod(summarisePod(p)).state).toBe(expected)
  })

  it('explains why a Pod is not ready', () => {
    const waiting = pod({
      phase: 'Pending',
      containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'ErrImageNeverPull', message: 'not present' } } }]
    })
    expect(classifyPod(summarisePod(waiting)).reason).toBe('container smoke: ErrImageNeverPull: not present')
    const unschedulable = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no nodes' }] })
    expect(classifyPod(summarisePod(unschedulable)).reason).toBe('PodScheduled=False: Unschedulable: no nodes')
    const probing = pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ ...running, ready: false }] })
    expect(classifyPod(summarisePod(probing)).reason).toBe('container smoke is running but not ready (readiness probe)')
  })
})

describe('summarisePod', () => {
  it('keeps container state, exit code and node', () => {
    const s = summarisePod(
      pod({ phase: 'Failed', containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] })
    )
    expect(s).toEqual({
      name: 'p',
      phase: 'Failed',
      nodeName: 'node-1',
      conditions: [],
      containerStatuses: [{ name: 'smoke', image: 'busybox', ready: false, restartCount: 0, state: 'terminated', exitCode: 137, reason: 'OOMKilled' }]
    })
  })
})

describe('classifyDeployment', () => {
  const base: V1Deployment = { metadata: { name: 'd', generation: 2 }, spec: { replicas: 1, selector: {}, template: {} } }

  it('is ready when the current generation is fully rolled out', () => {
    const d = { ...base, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1 } }
    expect(classifyDeployment(d).state).toBe('ready')
  })

  it('is pending while the controller has not seen the latest generation', () => {
    const d = { ...base, status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1 } }
    expect(classifyDeployment(d)).toMatchObject({ state: 'pending', reason: '1/1 replicas ready, 1 updated' })
  })

  it('fails on ProgressDeadlineExceeded', () => {
    const d = {
      ...base,
      status: {
        observedGeneration: 2,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "d-1" has timed out progressing.' }]
      }
    }
    expect(classifyDeployment(d)).toMatchObject({ state: 'failed', reason: 'ReplicaSet "d-1" has timed out progressing.' })
  })
})

describe('normaliseEvent / sortEvents', () => {
  const event = (name: string, last?: Date): CoreV1Event => ({
    metadata: {},
    involvedObject: { kind: 'Pod', name },
    reason: 'Pulled',
    message: 'ok',
    type: 'Normal',
    count: 2,
    ...(last ? { lastTimestamp: last } : {})
  })

  it('reduces an Event to what a report shows, with ISO times', () => {
    expect(normaliseEvent(event('p', new Date('2026-11-22T10:00:00Z')))).toEqual({
      type: 'Normal',
      reason: 'Pulled',
      message: 'ok',
      involvedObject: { kind: 'Pod', name: 'p' },
      count: 2,
      lastTimestamp: '2026-11-22T10:00:00.000Z'
    })
  })

  it('sorts oldest first', () => {
    const events = [event('b', new Date('2026-11-22T10:00:02Z')), event('a', new Date('2026-11-22T10:00:01Z'))].map(normaliseEvent)
    expect(sortEvents(events).map((e) => e.involvedObject.name)).toEqual(['a', 'b'])
  })
})
