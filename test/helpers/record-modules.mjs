/**
 * Preload (`node --import ./record-modules.mjs entry.js`) that appends the URL of every
 * module the process loads to the file named by KCG_MODULE_LOG: ES modules and lazily
 * loaded bundle chunks through a loader hook (module.register), CommonJS through
 * Module._load. Used to prove what a run does not load, such as @kubernetes/client-node.
 */
import { appendFileSync } from 'node:fs'
import Module, { register } from 'node:module'
import { pathToFileURL } from 'node:url'

const log = process.env.KCG_MODULE_LOG
if (log) {
  register('./record-modules-hooks.mjs', import.meta.url, { data: { log } })
  const load = Module._load
  Module._load = function (request, parent, isMain) {
    const loaded = load.call(this, request, parent, isMain)
    let where = request
    try {
      where = request.startsWith('node:') || Module.isBuiltin(request) ? `node:${request.replace(/^node:/, '')}` : pathToFileURL(Module._resolveFilename(request, parent, isMain)).href
    } catch {
      // Unresolvable requests are recorded as written.
    }
    appendFileSync(log, `require ${where}\n`)
    return loaded
  }
}
