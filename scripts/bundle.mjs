/**
 * Builds the committed bundles: dist/index.js (the action), dist/post.js (its post step) and
 * dist/cli.js (the CLI, also the npm package's `bin`), with esbuild as ES modules with code
 * splitting. What two entries share is one chunk instead of a copy per entry, and every dynamic
 * import (Octokit, zod, the git reader, the Kubernetes client that only the smoke test needs)
 * stays a chunk of its own that is loaded only when used. Minified, without source maps; the
 * output depends only on the sources and the locked dependencies (check:dist compares it byte
 * for byte), so chunk names are content hashes and nothing in it records a path or a time.
 */
import { build } from 'esbuild'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')
const entries = ['index', 'post', 'cli'].filter((name) => existsSync(join(root, 'src', `${name}.ts`)))

rmSync(dist, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(entries.map((name) => [name, `src/${name}.ts`])),
  outdir: dist,
  chunkNames: 'chunks/[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Paths (which chunk hashes depend on) as the project sees them, also when node_modules is a link.
  preserveSymlinks: true,
  // The lowest Node the package supports (engines); the action itself runs on Node 24.
  target: 'node20.19',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [coreWithoutOidc()],
  // CommonJS dependencies call require() for Node's built-ins; an ES module has no require.
  banner: { js: 'import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);' }
})

writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n')
writeFileSync(join(dist, 'licenses.txt'), licenses(result.metafile))
console.log(`bundled ${entries.map((e) => `dist/${e}.js`).join(', ')} and ${Object.keys(result.metafile.outputs).filter((o) => o.includes('/chunks/')).length} shared chunks`)

/**
 * @actions/core imports its OIDC client (`getIDToken`, which the gate never calls) at the top of
 * the module, and that client imports @actions/http-client, which loads undici (400 KB of the
 * bundle's 1.3 MB) and tunnel. @actions/http-client does not declare itself free of side
 * effects, so esbuild kept all of it in the action's start-up. The OIDC module itself only
 * defines a class: said so here, it is left out while nothing uses it, and undici is loaded
 * with Octokit (whose @actions/github needs it) when the action talks to GitHub.
 */
function coreWithoutOidc() {
  return {
    name: 'core-without-oidc',
    setup(build) {
      build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, async ({ path, importer, kind, resolveDir, pluginData }) => {
        if (pluginData === 'resolving' || !importer.includes(`${sep}@actions${sep}core${sep}`)) return undefined
        const resolved = await build.resolve(path, { importer, kind, resolveDir, pluginData: 'resolving' })
        return resolved.errors.length > 0 ? resolved : { path: resolved.path, sideEffects: false }
      })
    }
  }
}

/**
 * The licence of every third-party package whose code is in the bundles (what the MIT and
 * similar licences ask for when their code is redistributed), one block per package, sorted.
 */
function licenses(metafile) {
  const packages = new Map()
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/')
    if (at < 0) continue
    const rest = input.slice(at + 'node_modules/'.length).split('/')
    const dir = join(root, input.slice(0, at), 'node_modules', ...rest.slice(0, rest[0].startsWith('@') ? 2 : 1))
    if (packages.has(dir)) continue
    packages.set(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')))
  }
  const blocks = [...packages]
    .map(([dir, pkg]) => {
      const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md'].map((name) => join(dir, name)).find(existsSync)
      const text = file ? readFileSync(file, 'utf8').trim() : '(no licence file in the package)'
      return `${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}\n`
    })
    .sort()
  return blocks.join('\n')
}
