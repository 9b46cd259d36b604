/**
 * A JSON array of as many leading items as fit in `maxBytes` (UTF-8), so an output never
 * breaks GitHub's size limit and is always valid JSON. Items are added until one does not fit.
 */
export function jsonArrayWithin(items: readonly unknown[], maxBytes: number): { json: string; kept: number } {
  let bytes = 2 // []
  let kept = 0
  const parts: string[] = []
  for (const item of items) {
    const part = JSON.stringify(item)
    const size = Buffer.byteLength(part, 'utf8') + (kept > 0 ? 1 : 0)
    if (bytes + size > maxBytes) break
    parts.push(part)
    bytes += size
    kept++
  }
  return { json: `[${parts.join(',')}]`, kept }
}
