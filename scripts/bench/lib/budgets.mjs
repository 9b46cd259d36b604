/**
 * The budgets of issue 8, on a 2-core machine. Each compares one measured number with a
 * limit; the benchmark reports "over" and fails only when asked to (--enforce).
 */
export const BUDGETS = {
  scanVsBaseline: { limit: 2.0, text: '≤ 2.0× baseline' },
  // Issue 23: a pull request (base and head) at the cost of about one scan.
  pullRequestVsScan: { limit: 1.3, text: '≤ 1.3× scan' },
  coldStartVsBareNode: { limit: 3.0, text: '≤ 3× bare node' },
  peakRssMB: { limit: 200, text: '≤ 200 MB' },
  // Issue 18: the scan within 15% of the scan before the generic detectors (--reference), both
  // measured against the read-all floor of their round.
  scanVsReference: { limit: 1.15, text: '≤ 1.15× reference' },
  // 100,000 files within 5.5× the 20,000-file time: linear growth plus 10% slack. Other
  // sizes get the same rule, so --files/--large-files can be varied without a false alarm.
  largeVsDefault: { perSizeRatio: 1.1 }
}

export function growthLimit(largeFiles, files) {
  return BUDGETS.largeVsDefault.perSizeRatio * (largeFiles / files)
}

export function verdict(value, limit) {
  return value <= limit ? 'ok' : 'over'
}
