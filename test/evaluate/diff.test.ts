import { describe, expect, it } from 'vitest'
import { changedLines } from '../../src/evaluate/changed-lines.js'
import { diffFindings, fingerprint } from '../../src/evaluate/diff.js'
import type { Declaration, Finding } from '../../src/model.js'

function declaration(file: string, line: number, version: string, component: Declaration['component'] = 'vcluster'): Declaration {
  return { component, version, raw: version, file, line, column: 14, source: 'test' }
}

function finding(id: string, ...declarations: Declaration[]): Finding {
  const [primary] = declarations
  return {
    id,
    severity: 'error',
    title: id,
    message: '',
    remediation: '',
    references: ['https://example.org'],
    certainty: 'affected',
    file: primary!.file,
    line: primary!.line,
    column: primary!.column,
    declarations
  }
}

const QOS = 'vcluster-qosclass-immutable-k8s-1.32'

describe('fingerprint', () => {
  it.each([
    ['another affected version on another line', finding(QOS, declaration('Chart.yaml', 9, '0.21.0'), declaration('values.yaml', 3, '1.33.0'))],
    ['the same files in another order', finding(QOS, declaration('values.yaml', 8, '1.32.0'), declaration('Chart.yaml', 8, '0.22.1'))]
  ])('stays the same for %s', (_, other) => {
    const original = finding(QOS, declaration('Chart.yaml', 8, '0.22.1'), declaration('values.yaml', 8, '1.32.0'))
    expect(fingerprint(other)).toBe(fingerprint(original))
  })

  it('uses the reporting file when nothing declared is behind a finding (an expired waiver)', () => {
    const expired = { ...finding('waiver-expired', declaration('.kube-compat-gate.yml', 4, '')), declarations: [] }
    expect(fingerprint(expired)).toBe('waiver-expired|.kube-compat-gate.yml')
  })

  it.each([
    ['another entry', finding('other-entry', declaration('Chart.yaml', 8, '0.22.1'))],
    ['another file', finding(QOS, declaration('clusters/prod/Chart.yaml', 8, '0.22.1'))]
  ])('differs for %s', (_, other) => {
    expect(fingerprint(other)).not.toBe(fingerprint(finding(QOS, declaration('Chart.yaml', 8, '0.22.1'))))
  })
})

describe('diffFindings', () => {
  const dev = finding(QOS, declaration('dev/Chart.yaml', 8, '0.22.1'))
  const prod = finding(QOS, declaration('prod/Chart.yaml', 8, '0.22.1'))
  const statuses = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.status}`)

  it.each([
    ['a change that introduces a finding', [], [dev], ['dev/Chart.yaml:new']],
    ['a change that fixes one', [dev], [], ['dev/Chart.yaml:fixed']],
    ['a change that leaves it (and moves its line)', [dev], [{ ...dev, line: 12 }], ['dev/Chart.yaml:unchanged']],
    ['one fixed and one introduced', [dev], [prod], ['prod/Chart.yaml:new', 'dev/Chart.yaml:fixed']],
    ['a second copy in the same files', [dev], [dev, dev], ['dev/Chart.yaml:unchanged', 'dev/Chart.yaml:new']]
  ])('marks %s', (_, base, head, expected) => {
    expect(statuses(diffFindings(base, head))).toEqual(expected)
  })
})

describe('changedLines', () => {
  it.each([
    ['an edited line', 'a\nb\nc\n', 'a\nB\nc\n', [2]],
    ['an added line', 'a\nc\n', 'a\nb\nc\n', [2]],
    ['a removed line (nothing on the head to point at)', 'a\nb\nc\n', 'a\nc\n', []],
    ['no change', 'a\nb\n', 'a\nb\n', []],
    ['edits between equal lines', 'a\nb\nc\nd\ne\n', 'a\nB\nc\nD\ne\n', [2, 4]],
    ['a moved line (removed above, added below)', 'x\na\nb\n', 'a\nb\nx\n', [3]],
    ['a line added at the start', 'a\n', 'z\na\n', [1]]
  ])('finds %s', (_, base, head, expected) => {
    expect(lines(changedLines(base, head))).toEqual(expected)
  })

  it('counts every line of a file the base did not have', () => {
    expect(lines(changedLines(undefined, 'a\nb'))).toEqual([1, 2])
  })

  it.each([
    ['every line rewritten', (i: number) => `k${i}: 1`, (i: number) => `k${i}: 2`],
    ['every other line rewritten', (i: number) => (i % 2 ? 'same' : `k${i}: 1`), (i: number) => (i % 2 ? 'same' : `k${i}: 2`)]
  ])('gives up past the limit instead of growing quadratically: %s', (_, before, after) => {
    const text = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n')
    // 40,000 lines: the quadratic diff took minutes here. Within the limit the answer is exact.
    expect(changedLines(text(40_000, before), text(40_000, after), 100)).toEqual({ computed: false })
    expect(lines(changedLines(text(40, before), text(40, after), 100))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1).filter((line) => text(40, before).split('\n')[line - 1] !== text(40, after).split('\n')[line - 1]))
  })

  it('matches a long common start and end without spending the limit on them', () => {
    const same = Array.from({ length: 200_000 }, (_, i) => `line ${i}`)
    const head = [...same.slice(0, 100_000), 'inserted', ...same.slice(100_000)]
    expect(changedLines(same.join('\n'), head.join('\n'), 1)).toEqual({ computed: true, lines: new Set([100_001]), differing: 1 })
  })
})

function lines(changed: ReturnType<typeof changedLines>): number[] {
  if (!changed.computed) throw new Error('not computed')
  return [...changed.lines]
}
