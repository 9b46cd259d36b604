/**
 * Repository text (file names, values) ends up in terminals, Markdown and comments that
 * people trust. Everything written there goes through one of these.
 */

/** Drops control characters (ANSI escapes, carriage returns) that could rewrite a terminal line. */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�')
}

/**
 * Text inside Markdown (tables included): HTML is neutralised, Markdown syntax that could
 * change structure or open links is escaped, and line breaks cannot end a table row.
 */
export function forMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
}

/** Text inside an inline code span: backticks cannot close it early. */
export function forMarkdownCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
  const fence = clean.includes('`') ? '`` ' : '`'
  return `${fence}${clean}${fence === '`` ' ? ' ``' : '`'}`
}
