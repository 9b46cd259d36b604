/**
 * Builds the committed bundles: dist/index.js (the action), dist/cli.js (the CLI) and
 * dist/post.js (the action's post step, when present). Each entry is compiled by ncc on its own;
 * its lazily loaded chunks (the Kubernetes client, loaded only by the smoke test) are
 * renamed `<entry>.<chunk>.js` so that the entries can share one folder without clashing.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')
const work = join(root, '.tmp', 'ncc')
const entries = ['index', 'cli', 'post'].filter((name) => existsSync(join(root, 'src', `${name}.ts`)))

rmSync(dist, { recursive: true, force: true })
rmSync(work, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })

for (const entry of entries) {
  const out = join(work, entry)
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'), 'build', `src/${entry}.ts`, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'],
    { cwd: root, stdio: 'inherit' }
  )
  for (const name of readdirSync(out)) {
    if (name === 'index.js') {
      const code = readFileSync(join(out, name), 'utf8').replace(
        /""\s*\+\s*(\w+)\s*\+\s*"\.index\.js"/g,
        `"${entry}." + $1 + ".js"`
      )
      writeFileSync(join(dist, `${entry}.js`), code)
    } else if (/^\d+\.index\.js$/.test(name)) {
      copyFileSync(join(out, name), join(dist, `${entry}.${name.replace('.index.js', '.js')}`))
    } else if (name === 'licenses.txt' || name === 'package.json') {
      copyFileSync(join(out, name), join(dist, name))
    }
  }
}
rmSync(work, { recursive: true, force: true })
console.log(`bundled ${entries.map((e) => `dist/${e}.js`).join(', ')}`)
