/**
 * The budgets of issue 8, on a 2-core machine. Each compares one measured number with a
 * limit; the benchmark reports "over" and fails only when asked to (--enforce).
 */
export const BUDGETS = {
  scanVsBaseline: { limit: 2.0, text: '≤ 2.0× baseline' },
  coldStartVsBareNode: { limit: 3.0, text: '≤ 3× bare node' },
  peakRssMB: { limit: 200, text: '≤ 200 MB' },
  largeVsDefault: { limit: 5.5, text: '≤ 5.5× the 20k scan' }
}

export function verdict(value, limit) {
  return value <= limit ? 'ok' : 'over'
}
