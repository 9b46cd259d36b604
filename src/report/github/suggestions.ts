import type { Database } from '../../db/schema.js'
import type { GitHubClient } from '../../github/client.js'
import { listAll, pageCounter } from '../../github/bounded-list.js'
import type { Declaration } from '../../model.js'
import { forMarkdown, forMarkdownUrl } from '../escape.js'
import type { DeclarationReport, Report } from '../report.js'

/** A review comment that proposes a one-line change. */
export interface Suggestion {
  /** Repository-relative path. */
  path: string
  line: number
  body: string
  /** Hidden in the body so that a rerun does not suggest the same change twice. */
  marker: string
}

export interface SuggestionInput {
  report: Report
  database: Database
  /** Report-relative file → head lines the change added or edited. */
  changedLines: ReadonlyMap<string, ReadonlySet<number>>
  /** The head's text of a line (report-relative file, 1-based line). */
  lineText: (file: string, line: number) => string | undefined
  pathPrefix: string
}

/** Keys of an entry's `minimumSafe` and the declarations they name. */
function matches(key: string, declaration: DeclarationReport): boolean {
  if (key === 'virtual' || key === 'host') return declaration.component === 'kubernetes' && (declaration.role ?? 'host') === key
  return declaration.component === key
}

/**
 * For each new finding, a GitHub ```suggestion that replaces a version on a line the pull
 * request changed by the entry's minimum safe version. Only plain versions are rewritten
 * (`0.22.1`, `v0.22.1`); a range or a distro build is left to people.
 */
export function planSuggestions(input: SuggestionInput): Suggestion[] {
  const entries = new Map(input.database.entries.map((entry) => [entry.id, entry]))
  const suggestions = new Map<string, Suggestion>()
  for (const finding of input.report.findings) {
    if (finding.status !== 'new') continue
    const entry = entries.get(finding.id)
    if (!entry) continue
    for (const [key, safe] of Object.entries(entry.minimumSafe)) {
      for (const index of finding.declarations) {
        const declaration = input.report.declarations[index]
        if (!declaration || !matches(key, declaration)) continue
        if (!input.changedLines.get(declaration.file)?.has(declaration.line)) continue
        const replaced = replaceVersion(declaration, safe, input.lineText(declaration.file, declaration.line))
        if (replaced === undefined) continue
        const path = `${input.pathPrefix}${declaration.file}`
        // Percent-encoded: a path or id holding `-->` would close the HTML comment and show the rest as the bot's text.
        const marker = `<!-- kube-compat-gate-suggestion ${encodeURIComponent(finding.id)} ${path.split('/').map(encodeURIComponent).join('/')}:${declaration.line} -->`
        const fence = '`'.repeat(Math.max(3, longestBacktickRun(replaced) + 1))
        const body = [
          marker,
          `**kube-compat-gate:** ${forMarkdown(entry.title)}. The minimum safe ${forMarkdown(key)} version is ${forMarkdown(safe)} ([source](${forMarkdownUrl(entry.references[0] ?? '')})).`,
          '',
          `${fence}suggestion`,
          replaced,
          fence
        ].join('\n')
        suggestions.set(marker, { path, line: declaration.line, body, marker })
      }
    }
  }
  return [...suggestions.values()]
}

/** The line with the declared version swapped for `safe`, keeping a `v` prefix as written. */
export function replaceVersion(declaration: Pick<Declaration, 'raw' | 'version' | 'column' | 'constraint'>, safe: string, line: string | undefined): string | undefined {
  if (line === undefined || declaration.constraint) return undefined
  const prefix = declaration.raw.startsWith('v') ? 'v' : ''
  if (declaration.raw !== `${prefix}${declaration.version}`) return undefined
  const start = declaration.column - 1
  if (line.slice(start, start + declaration.raw.length) !== declaration.raw) return undefined
  return `${line.slice(0, start)}${prefix}${safe.replace(/^v/, '')}${line.slice(start + declaration.raw.length)}`
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
}

export interface PublishSuggestionsInput {
  owner: string
  repo: string
  number: number
  headSha: string
  suggestions: readonly Suggestion[]
}

/** Posts the suggestions that are not on the pull request yet. */
export async function publishSuggestions(client: GitHubClient, input: PublishSuggestionsInput): Promise<{ created: number; existing: number }> {
  if (input.suggestions.length === 0) return { created: 0, existing: 0 }
  const repository = { owner: input.owner, repo: input.repo }
  const comments = await listAll((stop) => client.paginate(client.rest.pulls.listReviewComments, { ...repository, pull_number: input.number, per_page: 100 }, pageCounter(stop)), 'review comment list')
  let created = 0
  let existing = 0
  for (const suggestion of input.suggestions) {
    if (comments.some((comment) => comment.body.includes(suggestion.marker))) {
      existing++
      continue
    }
    await client.rest.pulls.createReviewComment({
      ...repository,
      pull_number: input.number,
      commit_id: input.headSha,
      path: suggestion.path,
      line: suggestion.line,
      side: 'RIGHT',
      body: suggestion.body
    })
    created++
  }
  return { created, existing }
}
