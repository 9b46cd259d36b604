import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { generateMonorepo, GENERATOR_VERSION, MARKER_FILE } from '../generate-monorepo.mjs'

/**
 * The tree to measure: reused when `dir` already holds one from the same generator, size
 * and seed (generating 100,000 files takes a while), generated otherwise. Without `dir` it
 * goes to a temporary folder that `cleanup` removes unless `keep` is set.
 */
export function prepareRepo({ dir, files, seed, keep, log }) {
  if (dir) {
    const root = resolve(dir)
    const marker = join(root, MARKER_FILE)
    if (existsSync(marker)) {
      const summary = JSON.parse(readFileSync(marker, 'utf8'))
      if (summary.generator !== GENERATOR_VERSION || summary.files !== files || summary.seed !== seed) {
        throw new Error(
          `${root} holds a tree of ${summary.files} files, seed "${summary.seed}", generator ${summary.generator}; ` +
            `this run wants ${files}, "${seed}", ${GENERATOR_VERSION}. Remove the folder or pass another one.`
        )
      }
      log(`reusing ${root} (${files} files, seed "${seed}")`)
      return { root, summary, cleanup: () => {} }
    }
    if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`${root} is not empty and holds no ${MARKER_FILE}: refusing to write into it`)
    return { root, summary: generate(root, files, seed, log), cleanup: () => {} }
  }
  const root = mkdtempSync(join(tmpdir(), `kcg-bench-${files}-`))
  const summary = generate(root, files, seed, log)
  return {
    root,
    summary,
    cleanup: () => {
      if (keep) log(`kept ${root}`)
      else rmSync(root, { recursive: true, force: true })
    }
  }
}

function generate(root, files, seed, log) {
  log(`generating ${files} files (seed "${seed}") into ${root}`)
  const started = Date.now()
  const summary = generateMonorepo({ out: root, files, seed })
  log(`generated ${summary.trackedFiles} tracked + ${summary.hiddenFiles} hidden files, ${(summary.trackedBytes / 1e6).toFixed(1)} MB tracked, in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return summary
}
