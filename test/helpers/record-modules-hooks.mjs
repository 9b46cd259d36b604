/** Loader hooks of record-modules.mjs: each loaded module's URL goes to the log file. */
import { appendFileSync } from 'node:fs'

let log

export function initialize(data) {
  log = data.log
}

export async function load(url, context, nextLoad) {
  appendFileSync(log, `import ${url}\n`)
  return nextLoad(url, context)
}
