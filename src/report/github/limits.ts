/** GitHub's limits on what the gate writes. */
export const LIMITS = {
  /** Characters in an issue, pull request or review comment body. */
  commentChars: 65_536,
  /** Characters in a check run's `output.summary`. */
  checkRunSummaryChars: 65_535,
  /** Bytes of one step's job summary. */
  jobSummaryBytes: 1024 * 1024,
  /** Annotations GitHub shows per type (error, warning, notice) and step from workflow commands. */
  annotationsPerType: 10,
  /** Annotations in one check run request. */
  checkRunAnnotationsPerRequest: 50,
  /**
   * Annotations one check run carries: ten requests. GitHub asks for a pause between updates, so
   * thousands of locations (a pull request touching 2,500 folders) would keep the step publishing
   * for minutes before the comment went out; the job summary and SARIF list every location anyway.
   */
  checkRunAnnotationsTotal: 500
} as const

export type Measure = (text: string) => number

export const chars: Measure = (text) => text.length
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8')

/**
 * `text` when it fits in `max`, else as many whole lines as fit followed by `note`, so a
 * cut report never ends inside a table row or a link and always says it was cut.
 */
export function fitText(text: string, max: number, note: string, measure: Measure = chars): string {
  if (measure(text) <= max) return text
  const budget = max - measure(`\n\n${note}`)
  const lines = text.split('\n')
  let kept = ''
  for (const line of lines) {
    const next = kept === '' ? line : `${kept}\n${line}`
    if (measure(next) > budget) break
    kept = next
  }
  return `${kept}\n\n${note}`
}
