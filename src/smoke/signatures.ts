/**
 * Ties runtime evidence to the database: every entry's `signatures` (regular expressions) are run
 * over every piece of evidence. A hit is the proof that the predicted incident really happened.
 *
 * Signatures come from database files a repository (or its pull request) may add, and evidence
 * from pods it may shape, so they run on RE2JS, a port of RE2: its matching time is linear in
 * the line whatever the expression, where JavaScript's engine can backtrack for minutes.
 */
import { RE2JS } from 're2js'
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

/** A line of evidence is matched on at most this many characters (each match is linear in it). */
export const MAX_MATCHED_LINE = 8 * 1024

/**
 * Characters matched between two returns to the event loop: matching a few MB of logs takes
 * seconds, and meanwhile the smoke deadline and the SIGTERM cleanup must be able to run.
 */
const CHARACTERS_PER_SLICE = 256 * 1024

/** All entries whose signatures match some evidence; one match per entry (the first found). */
export async function matchSignatures(database: Database, evidence: readonly EvidenceText[]): Promise<SignatureMatch[]> {
  const matches: SignatureMatch[] = []
  const budget = { left: CHARACTERS_PER_SLICE }
  for (const entry of database.entries) {
    const hit = await firstHit(entry, evidence, budget)
    if (hit) matches.push(hit)
  }
  return matches
}

async function firstHit(entry: Entry, evidence: readonly EvidenceText[], budget: { left: number }): Promise<SignatureMatch | undefined> {
  for (const signature of entry.signatures) {
    const pattern = RE2JS.compile(signature)
    for (const item of evidence) {
      const lines = item.text.split('\n')
      for (const [index, line] of lines.entries()) {
        const matcher = pattern.matcher(line.length > MAX_MATCHED_LINE ? line.slice(0, MAX_MATCHED_LINE) : line)
        if (matcher.find()) return { entry, signature, source: item.source, excerpt: excerptAround(line, matcher.start()), line: index }
        budget.left -= Math.min(line.length, MAX_MATCHED_LINE)
        if (budget.left <= 0) {
          budget.left = CHARACTERS_PER_SLICE
          await new Promise((resolve) => setImmediate(resolve))
        }
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
