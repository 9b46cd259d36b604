import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, tempDir } from '../helpers/run-bundle.js'

const DIST = join(REPO_ROOT, 'dist')
const RECORDER = join(REPO_ROOT, 'test', 'helpers', 'record-modules.mjs')
const EXAMPLE = join(REPO_ROOT, 'examples', 'vcluster-upgrade-to-1.32')
/** A string of @kubernetes/client-node's own code (its generated API paths), in no other module. */
const CLIENT_NODE_CODE = '/api/v1/namespaces/{namespace}/pods'
/** Octokit's user agent, in its core's code only. */
const OCTOKIT_CODE = 'octokit-core.js'
/** A string of zod's own code (its internal property), in no other module. */
const ZOD_CODE = '_zod'
/** undici's key for its global dispatcher, in its own code only (Octokit's HTTP client needs undici). */
const UNDICI_CODE = 'undici.globalDispatcher.1'
/** Chunks scripts/bundle.mjs splits off (shared code and dynamic imports), named by content hash. */
const CHUNKS = join(DIST, 'chunks')
const isChunk = (url: string): boolean => url.startsWith(`${pathToFileURL(CHUNKS).href}/`)

/** Runs a bundle with the module recorder preloaded; returns every module URL it loaded. */
function loadedModules(bundle: 'index' | 'cli', args: string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string; modules: string[] } {
  const dir = tempDir('kcg-modules-')
  const log = join(dir, 'modules.log')
  writeFileSync(log, '')
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)))
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(RECORDER).href, join(DIST, `${bundle}.js`), ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env, KCG_MODULE_LOG: log },
    encoding: 'utf8',
    timeout: 60_000
  })
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => line.slice(line.indexOf(' ') + 1))
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, modules }
}

function actionEnv(inputs: Record<string, string>): Record<string, string> {
  const dir = tempDir('kcg-action-')
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  return { GITHUB_WORKSPACE: REPO_ROOT, ...files, ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])) }
}

/** Modules that are, or hold, the Kubernetes client: its package, or a bundle chunk with its code. */
function clientNodeModules(modules: string[]): string[] {
  return modules.filter((url) => {
    if (url.includes('client-node')) return true
    return isChunk(url) && readFileSync(new URL(url), 'utf8').includes(CLIENT_NODE_CODE)
  })
}

describe('heavy modules are loaded only when used: @kubernetes/client-node for a smoke run, Octokit with a token, zod for a file to validate', () => {
  it('the action with smoke: false scans, reports and exits without loading it', () => {
    const run = loadedModules('index', [], actionEnv({ path: 'examples/vcluster-upgrade-to-1.32', smoke: 'false', 'fail-on': 'error' }))
    expect(run.code, run.stderr).toBe(1)
    // The recorder works: it saw the bundle itself.
    expect(run.modules).toContain(pathToFileURL(join(DIST, 'index.js')).href)
    expect(clientNodeModules(run.modules)).toEqual([])
  })

  it('the CLI scan does not load it either, nor child_process without --base (it starts no process)', () => {
    const run = loadedModules('cli', ['scan', EXAMPLE, '--format', 'json'], {})
    expect(run.code, run.stderr).toBe(1)
    expect(run.modules).toContain(pathToFileURL(join(DIST, 'cli.js')).href)
    // The recorder sees built-ins too (node:fs itself is loaded by the recorder first, so it is not seen again).
    expect(run.modules).toContain('node:fs/promises')
    expect(clientNodeModules(run.modules)).toEqual([])
    expect(run.modules.filter((url) => url.includes('child_process'))).toEqual([])
  })

  it('the action without a github-token does not load Octokit; with one it does', () => {
    const octokit = (modules: string[]): string[] =>
      modules.filter((url) => isChunk(url) && readFileSync(new URL(url), 'utf8').includes(OCTOKIT_CODE))
    const inputs = { path: 'examples/vcluster-upgrade-to-1.32', 'fail-on': 'error' }
    const without = loadedModules('index', [], actionEnv({ ...inputs, 'github-token': '' }))
    expect(without.code, without.stderr).toBe(1)
    expect(octokit(without.modules)).toEqual([])
    // An owner makes a client worth creating; no request is sent before the scan, and none reaches a server here.
    const withToken = loadedModules('index', [], {
      ...actionEnv({ ...inputs, 'github-token': 'ghs_x' }), GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_API_URL: 'http://127.0.0.1:9'
    })
    expect(octokit(withToken.modules)).not.toEqual([])
  })

  /** The bundle's own modules that hold `code`. */
  const holding = (code: string) => (modules: string[]): string[] =>
    modules.filter((url) => url.startsWith(pathToFileURL(DIST).href) && readFileSync(new URL(url), 'utf8').includes(code))
  const withZod = holding(ZOD_CODE)

  it('the action without a token on a push loads neither undici nor zod; a pull request\'s payload is read with zod', () => {
    const dir = tempDir('kcg-event-')
    const inputs = { path: 'examples/vcluster-upgrade-to-1.32', 'fail-on': 'error', 'github-token': '' }
    const push = loadedModules('index', [], { ...actionEnv(inputs), GITHUB_EVENT_NAME: 'push' })
    expect(push.code, push.stderr).toBe(1)
    expect(push.modules).toContain(pathToFileURL(join(DIST, 'index.js')).href)
    expect(holding(UNDICI_CODE)(push.modules)).toEqual([])
    expect(withZod(push.modules)).toEqual([])
    // A pull request whose payload lacks its commits: read with the schema, it is no change, so `mode: pr` is refused.
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: 'not a commit' } } }))
    const pull = loadedModules('index', [], { ...actionEnv({ ...inputs, mode: 'pr' }), GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })
    expect(pull.code, pull.stderr).toBe(1)
    expect(pull.stdout).toContain('input "mode" is "pr" but the "pull_request" event carries no pull request')
    expect(withZod(pull.modules)).not.toEqual([])
  })

  it('the CLI scan loads zod only when there is a configuration file to check', () => {
    const plain = loadedModules('cli', ['scan', EXAMPLE, '--format', 'json'], {})
    expect(plain.code, plain.stderr).toBe(1)
    expect(withZod(plain.modules)).toEqual([])
    const root = tempDir('kcg-config-')
    writeFileSync(join(root, '.kube-compat-gate.yml'), 'exclude: [vendor]\nwaivers: nope\n')
    const configured = loadedModules('cli', ['scan', root], {})
    // The schema is loaded and does its work: the bad waivers are an error naming the file and line.
    expect(configured.code).toBe(2)
    expect(configured.stderr).toMatch(/\.kube-compat-gate\.yml:2: /)
    expect(withZod(configured.modules)).not.toEqual([])
  })

  const chunks = existsSync(CHUNKS) ? readdirSync(CHUNKS).map((name) => join('chunks', name)) : []
  const entries = readdirSync(DIST).filter((name) => /^(index|cli|post)\.js$/.test(name))

  it('no entry bundle carries the client in its own code', () => {
    for (const entry of entries) expect(readFileSync(join(DIST, entry), 'utf8').includes(CLIENT_NODE_CODE), entry).toBe(false)
  })

  it.skipIf(chunks.length === 0)(
    `the client is bundled as a lazily loaded chunk${chunks.length === 0 ? ' (skipped: dist/ has no chunk yet; the smoke adapter with its dynamic import is not merged)' : ''}`,
    () => {
      expect(chunks.filter((name) => readFileSync(join(DIST, name), 'utf8').includes(CLIENT_NODE_CODE))).not.toEqual([])
    }
  )
})
