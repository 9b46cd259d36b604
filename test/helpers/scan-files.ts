import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll } from 'vitest'
import { scanRepository } from '../../src/scan/scan.js'

/**
 * A scanner for small repositories written by a test: each call writes `files` (path -> text) into a
 * fresh temporary directory and scans it with the real scanner; the directories go when the test file ends.
 */
export function fileScanner(prefix: string): (files: Record<string, string>) => ReturnType<typeof scanRepository> {
  const roots: string[] = []
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })
  return (files) => {
    const root = mkdtempSync(join(tmpdir(), prefix))
    roots.push(root)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    return scanRepository(root)
  }
}
