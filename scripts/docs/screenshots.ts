/**
 * `npm run docs:screenshots`: regenerates docs/screenshots/*.png with headless Chromium
 * (Debian: `apt-get install chromium fonts-noto-color-emoji`; CHROMIUM=path for another
 * binary). The pages come from scripts/docs/screenshot-pages.ts; see docs/screenshots.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { screenshotPages } from './screenshot-pages.js'

const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
const chromium = process.env.CHROMIUM ?? 'chromium'
const work = mkdtempSync(join(tmpdir(), 'kcg-chromium-'))
try {
  mkdirSync(out, { recursive: true })
  for (const page of await screenshotPages()) {
    const html = join(work, `${page.name}.html`)
    writeFileSync(html, page.html)
    const png = join(out, `${page.name}.png`)
    // The page writes its own height into the DOM; a first run reads it, the second is cut to it.
    const dom = run(['--dump-dom', `--window-size=${page.width},600`, `file://${html}`])
    const height = Math.min(page.maxHeight, Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? page.maxHeight))
    run(['--hide-scrollbars', '--force-device-scale-factor=1', `--window-size=${page.width},${height}`, `--screenshot=${png}`, `file://${html}`])
    process.stdout.write(`${png}: ${page.title}\n`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

function run(args: string[]): string {
  const common = ['--headless', '--no-sandbox', '--disable-gpu', '--default-background-color=ffffffff', `--user-data-dir=${join(work, 'profile')}`]
  return execFileSync(chromium, [...common, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}
