import type { Finding } from '../model.js'

/**
 * What identifies "the same problem" across two commits: the database entry and the files
 * whose declarations (and manifest usages) made it apply. Versions and lines are left out on purpose: a PR that
 * moves a line or bumps vcluster from one affected version to another changes neither.
 */
export function fingerprint(finding: Pick<Finding, 'id' | 'declarations' | 'file'> & Partial<Pick<Finding, 'usages'>>): string {
  const involved = [...finding.declarations, ...(finding.usages ?? [])].map((place) => place.file)
  // A finding with nothing declared behind it (an expired waiver) is identified by where it is reported.
  const files = [...new Set(involved.length > 0 ? involved : [finding.file])].sort()
  return `${finding.id}|${files.join('|')}`
}

/**
 * Marks the head's findings `new` or `unchanged` and adds the base's vanished ones as
 * `fixed`. Fingerprints are counted, so a second copy of a problem in the same files is new.
 */
export function diffFindings(base: readonly Finding[], head: readonly Finding[]): Finding[] {
  // Per fingerprint, the base's findings and how many of them a head finding has matched (counted,
  // not shifted off: thousands of findings can share one fingerprint).
  const remaining = new Map<string, { findings: Finding[]; matched: number }>()
  for (const finding of base) {
    const key = fingerprint(finding)
    const same = remaining.get(key)
    if (same) same.findings.push(finding)
    else remaining.set(key, { findings: [finding], matched: 0 })
  }
  const marked: Finding[] = head.map((finding) => {
    const same = remaining.get(fingerprint(finding))
    const found = same !== undefined && same.matched < same.findings.length
    if (found) same.matched++
    return { ...finding, status: found ? 'unchanged' : 'new' }
  })
  const fixed = [...remaining.values()].flatMap(({ findings, matched }) => findings.slice(matched)).map((finding): Finding => ({ ...finding, status: 'fixed' }))
  return [...marked, ...fixed]
}
