import { describe, expect, it } from 'vitest'
import { gatePasses } from '../../src/evaluate/gate.js'
import { applyWaivers, EXPIRED_WAIVER_ID } from '../../src/evaluate/waivers.js'
import type { Finding, Waiver } from '../../src/model.js'

function finding(id: string, file: string, severity: Finding['severity'] = 'error'): Finding {
  return {
    id,
    severity,
    title: 'a title for the test',
    message: 'm',
    remediation: 'r',
    references: ['https://example.org/x'],
    certainty: 'affected',
    file,
    line: 8,
    column: 14,
    declarations: []
  }
}

const waiver = (extra: Partial<Waiver> = {}): Waiver => ({
  id: 'vcluster-qosclass-immutable-k8s-1.32',
  reason: 'tenant pinned until the platform upgrade in Q1',
  owner: 'platform-team',
  expires: '2027-01-01',
  file: '.kube-compat-gate.yml',
  line: 4,
  ...extra
})

describe('applyWaivers', () => {
  const seed = finding('vcluster-qosclass-immutable-k8s-1.32', 'clusters/dev/Chart.yaml')

  it('marks a covered finding as waived, and a waived error no longer fails the gate', () => {
    const out = applyWaivers([seed], [waiver()], '2026-11-22', '.kube-compat-gate.yml')
    expect(out).toEqual([{ ...seed, waived: { reason: 'tenant pinned until the platform upgrade in Q1', owner: 'platform-team', expires: '2027-01-01' } }])
    expect(gatePasses(out, 'error')).toBe(true)
    expect(gatePasses([seed], 'error')).toBe(false)
  })

  it.each([
    [['clusters/dev/**'], true],
    [['clusters/dev/'], true],
    [['clusters/prod/**'], false],
    [['*.yaml'], true]
  ])('paths %j cover clusters/dev/Chart.yaml: %s', (paths, covered) => {
    const [out] = applyWaivers([seed], [waiver({ paths })], '2026-11-22', '.kube-compat-gate.yml')
    expect(out!.waived !== undefined).toBe(covered)
  })

  it('does not cover another entry', () => {
    const other = finding('kubernetes-end-of-life', 'clusters/dev/Chart.yaml', 'warning')
    expect(applyWaivers([other], [waiver()], '2026-11-22', 'c.yml')[0]!.waived).toBeUndefined()
  })

  it('an expired waiver stops suppressing and becomes a warning at its line', () => {
    const out = applyWaivers([seed], [waiver({ expires: '2026-11-22' })], '2026-11-22', 'config/.kube-compat-gate.yml')
    expect(out[0]!.waived).toBeUndefined()
    expect(out[1]).toMatchObject({
      id: EXPIRED_WAIVER_ID,
      severity: 'warning',
      file: 'config/.kube-compat-gate.yml',
      line: 4,
      title: 'Waiver for vcluster-qosclass-immutable-k8s-1.32 expired on 2026-11-22'
    })
    expect(out[1]!.message).toContain('the finding it covered is reported again')
    expect(gatePasses(out, 'error')).toBe(false)
  })

  it('is still in force the day before it expires', () => {
    expect(applyWaivers([seed], [waiver({ expires: '2026-11-23' })], '2026-11-22', 'c.yml')[0]!.waived).toBeDefined()
  })
})
