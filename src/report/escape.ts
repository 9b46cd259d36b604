/**
 * Repository text (file names, values) ends up in terminals, Markdown and comments that
 * people trust. Everything written there goes through one of these.
 */

/**
 * Unicode bidirectional controls reorder what is shown ("Trojan Source"): a file name could
 * display as another. They are never part of a path or version anyone means to write.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
/** C0 and C1 controls other than tab and newline (ANSI escapes, carriage returns, NUL). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
/** Also newlines: every field printed for people is one line of text. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKING_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g
const SHOWN_INSTEAD = '\ufffd'
/** Invisible; breaks what GitHub would otherwise turn into a mention or a link. */
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * One field of a line for a terminal or a CI log: control characters (ANSI escapes, carriage
 * returns) could rewrite the line, and a newline in a file name would start a line of its own,
 * which a CI runner reads as a command (`::error::…`, `##vso[…]`).
 */
export function forTerminal(text: string): string {
  return text.replace(LINE_BREAKING_CONTROLS, SHOWN_INSTEAD).replace(BIDI_CONTROLS, SHOWN_INSTEAD)
}

/**
 * Text of a workflow command (`::error file=…::message`) or a log line: `@actions/core` escapes
 * `%`, CR and LF (and `:` and `,` in properties) but not ESC, which restyles or hides the log, nor
 * U+2028/U+2029, which some log viewers break lines at. Newlines stay: core encodes them.
 */
export function forWorkflowCommand(text: string): string {
  return text.replace(CONTROLS, SHOWN_INSTEAD).replace(/[\u2028\u2029]/g, SHOWN_INSTEAD).replace(BIDI_CONTROLS, SHOWN_INSTEAD)
}

/**
 * Text inside Markdown (tables included): HTML is neutralised, Markdown syntax that could
 * change structure or open links is escaped, and line breaks cannot end a table row. GitHub
 * also acts on plain text: `@name` notifies people and `https://…` or `www.…` becomes a link,
 * so a zero-width space keeps a repository's text from pinging a team or planting a link.
 */
export function forMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(CONTROLS, SHOWN_INSTEAD)
    .replace(BIDI_CONTROLS, SHOWN_INSTEAD)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/@(?=[\w-])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
}

/**
 * Text inside an inline code span. The fence is one backtick longer than the longest run in
 * the text (CommonMark closes a span at a run of the same length, so a fixed `` ` `` fence
 * ended early on a text holding two backticks), padded with spaces when the text starts or
 * ends with a backtick. `|` is escaped because GitHub splits table cells before code spans.
 */
export function forMarkdownCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(CONTROLS, SHOWN_INSTEAD).replace(BIDI_CONTROLS, SHOWN_INSTEAD).replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${clean}${pad}${fence}`
}

/**
 * A link destination: characters that could end it early or break out of it (`(`, `)`,
 * whitespace, angle brackets, quotes, backslashes) are percent-encoded; nothing else is
 * touched, so the URL means what it meant.
 */
export function forMarkdownUrl(url: string): string {
  return url.replace(/[\s()<>"'\\`]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : c === "'" ? '%27' : encodeURIComponent(c)))
}
