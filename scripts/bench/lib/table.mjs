/** A Markdown table with aligned columns, readable both rendered and as plain text. */
export function markdownTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)))
  const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n') + '\n'
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`
}

/** MB are 10^6 bytes, the unit the budget is written in. */
export function formatMB(kib) {
  return `${((kib * 1024) / 1e6).toFixed(1)} MB`
}

export function formatRatio(ratio, against) {
  return `${ratio.toFixed(2)}× ${against}`
}
