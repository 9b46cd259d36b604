/**
 * The known name nearest to a mistyped one, when it is near enough to be what was meant
 * (edit distance at most a third of its length, and at least 2): `--fail-no` → `--fail-on`,
 * `vcluster-k3s-removed-0.32` → `vcluster-k3s-removed-0.33`.
 */
export function didYouMean(typed: string, known: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase())
    if (best === undefined || distance < best.distance) best = { name, distance }
  }
  if (!best) return undefined
  return best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined
}

/** " (did you mean X?)", or nothing. */
export function suggestion(typed: string, known: Iterable<string>): string {
  const near = didYouMean(typed, known)
  return near === undefined ? '' : `; did you mean "${near}"?`
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.length]!
}
