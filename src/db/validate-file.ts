import { checkExamples } from '../evaluate/examples.js'
import type { Diagnostic } from '../model.js'
import { documentValues, lineOf, parseYamlFile, problemAt } from '../yaml-problems.js'
import { EntryFile, type Entry } from './schema.js'

export type EntryFileResult =
  | { ok: true; entries: Entry[]; replaces: ReadonlySet<string>; lines: number[] }
  | { ok: false; problems: Diagnostic[] }

/**
 * Validates a database file and names the line of every problem, so that an author (or a
 * user with an extra `--db` file) is sent to the exact place to fix.
 */
export function parseEntryFile(text: string, file: string): EntryFileResult {
  const { doc, lineCounter, problems: syntax } = parseYamlFile(text, file)
  if (syntax.length > 0) return { ok: false, problems: syntax }
  const values = documentValues(doc, lineCounter, file)
  if (!values.ok) return { ok: false, problems: [values.problem] }
  const parsed = EntryFile.safeParse(values.value)
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => problemAt(issue, doc, lineCounter, file)) }

  const seen = new Map<string, number>()
  const problems: Diagnostic[] = []
  parsed.data.entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      problems.push({
        file,
        ...lineOf(doc, lineCounter, ['entries', index, 'id']),
        message: `duplicate id "${entry.id}" (also entry ${seen.get(entry.id)! + 1})`
      })
    }
    seen.set(entry.id, index)
  })
  if (problems.length > 0) return { ok: false, problems }
  const lines = parsed.data.entries.map((_, index) => lineOf(doc, lineCounter, ['entries', index, 'id']).line ?? 1)
  return { ok: true, entries: parsed.data.entries, replaces: new Set(parsed.data.replaces ?? []), lines }
}

/**
 * `parseEntryFile`, then every entry's examples are run: an entry that does not fire on
 * its `affected` examples, or fires on an `unaffected` one, is a problem at that example's
 * line. Examples without a date are evaluated on `date` (the database's date).
 */
export function validateEntryFile(text: string, file: string, date: string): EntryFileResult {
  const result = parseEntryFile(text, file)
  if (!result.ok) return result
  const { doc, lineCounter } = parseYamlFile(text, file)
  const problems: Diagnostic[] = []
  result.entries.forEach((entry, index) => {
    for (const problem of checkExamples(entry, date)) {
      const path = ['entries', index, ...problem.path]
      problems.push({ file, ...lineOf(doc, lineCounter, path), message: `${entry.id}: ${path.slice(2).join('.')}: ${problem.message}` })
    }
  })
  return problems.length > 0 ? { ok: false, problems } : result
}
