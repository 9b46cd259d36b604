/**
 * Ties runtime evidence to the database: every entry's `signatures` (regular expressions) are run
 * over every piece of evidence. A hit is the proof that the predicted incident really happened.
 */
import type { Database, Entry } from '../db/schema.js'

/** One text the smoke run collected: an Event message, a log, a Pod status line. */
export interface EvidenceText {
  /** Where it came from, e.g. `events/kcg-smoke-pod` or `logs/vcluster-syncer`. */
  source: string
  text: string
}

export interface SignatureMatch {
  entry: Entry
  signature: string
  source: string
  /** The matching line, trimmed to a readable length. */
  excerpt: string
  /** Which line of the evidence text matched (0-based). */
  line: number
}

const EXCERPT_CHARS = 400

/**
 * A line of evidence is matched on at most this many characters: with the shapes `db validate`
 * refuses, matching is at worst polynomial in the line's length, so this bounds each match.
 */
export const MAX_MATCHED_LINE = 8 * 1024

/** All entries whose signatures match some evidence; one match per entry (the first found). */
export function matchSignatures(database: Database, evidence: readonly EvidenceText[]): SignatureMatch[] {
  const matches: SignatureMatch[] = []
  for (const entry of database.entries) {
    const hit = firstHit(entry, evidence)
    if (hit) matches.push(hit)
  }
  return matches
}

function firstHit(entry: Entry, evidence: readonly EvidenceText[]): SignatureMatch | undefined {
  for (const signature of entry.signatures) {
    const pattern = new RegExp(signature)
    for (const item of evidence) {
      const lines = item.text.split('\n')
      for (const [index, line] of lines.entries()) {
        const found = pattern.exec(line.length > MAX_MATCHED_LINE ? line.slice(0, MAX_MATCHED_LINE) : line)
        if (found) return { entry, signature, source: item.source, excerpt: excerptAround(line, found.index), line: index }
      }
    }
  }
  return undefined
}

/** The line, or a window of it around the match when it is long (syncer logs are JSON lines). */
export function excerptAround(line: string, at: number): string {
  const trimmed = line.trim()
  if (trimmed.length <= EXCERPT_CHARS) return trimmed
  const start = Math.max(0, at - 100)
  return `${start > 0 ? '…' : ''}${line.slice(start, start + EXCERPT_CHARS).trim()}…`
}
