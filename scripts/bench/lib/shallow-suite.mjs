import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { cleanEnv, runNode } from './measure.mjs'
import { summarize } from './stats.mjs'

const require = createRequire(import.meta.url)
const PULL_NUMBER = 23

/**
 * The action on a pull request whose checkout has only the head, as actions/checkout leaves it
 * by default (`fetch-depth: 1`): a shallow clone of the benchmark tree's head commit, and the
 * tests' GitHub stand-in on loopback answering compare and contents from the tree's repository
 * (scripts/bench/lib/github-stand-in-server.ts, started through tsx). The base is derived
 * through the REST API (src/github/api-base.ts). Returns the shallow checkout and the stand-in;
 * `stop()` ends the stand-in and gives what it answered and any request that broke GitHub's
 * description.
 */
export async function prepareShallow({ repo, work, root, log }) {
  const checkout = join(work, 'shallow-checkout')
  if (!existsSync(checkout)) {
    log('cloning the head commit into a shallow checkout (fetch-depth 1)')
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${repo.root}`, checkout])
  }
  const head = execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
  const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'github-stand-in-server.ts'), repo.root], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]()
  const first = await lines.next()
  if (first.done) throw new Error('the GitHub stand-in did not start')
  const { url } = JSON.parse(first.value)
  return {
    checkout,
    head,
    base: repo.pullRequest.base,
    changedFiles: repo.pullRequest.changedFiles,
    url,
    stop: async () => {
      server.stdin.end()
      const last = await lines.next()
      return last.done ? { calls: {}, violations: [{ errors: ['the stand-in ended without a summary'] }] } : JSON.parse(last.value)
    }
  }
}

/**
 * Alternating rounds of the action on the shallow checkout: `audit` (the head only, `mode: audit`)
 * and `pullRequest` (head and base, the base derived through the REST API). Both run on the same
 * pull_request event with the same publishing (check run, summary, SARIF; no comment), so their
 * ratio is what the base costs. A first untimed round checks that the pull request took the REST
 * path and wrote nothing in its temporary folder.
 */
export async function measureShallow({ shallow, runs, action, work, log, node }) {
  const runner = join(work, 'shallow-runner')
  const prTemp = join(work, 'shallow-pull-request-tmp')
  mkdirSync(runner, { recursive: true })
  mkdirSync(prTemp, { recursive: true })
  const files = { output: join(runner, 'output'), summary: join(runner, 'summary'), event: join(runner, 'event.json') }
  writeFileSync(files.event, JSON.stringify(pullRequestPayload(shallow.base, shallow.head)))
  const env = (mode) =>
    cleanEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: shallow.checkout,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_SHA: shallow.head,
      GITHUB_RUN_ID: '4242',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: shallow.url,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runner,
      TMPDIR: prTemp,
      'INPUT_GITHUB-TOKEN': 'ghs_benchToken',
      INPUT_MODE: mode,
      INPUT_COMMENT: 'never',
      'INPUT_FAIL-ON': 'error'
    })
  const commands = {
    audit: () => runAction(action, env('audit'), shallow.checkout, node, join(work, 'shallow-audit.usage'), files),
    pullRequest: () => runAction(action, env('auto'), shallow.checkout, node, join(work, 'shallow-pull-request.usage'), files)
  }
  log('warm-up of the action on the shallow checkout')
  expectGate('action (audit)', await commands.audit())
  const warm = await commands.pullRequest()
  expectGate('action (pull request, shallow)', warm)
  const samples = { audit: [], pullRequest: [], auditCpu: [], pullRequestCpu: [] }
  const steps = ['audit', 'pullRequest']
  for (let round = 0; round < runs; round++) {
    for (const name of round % 2 === 0 ? steps : [...steps].reverse()) {
      const result = await commands[name]()
      expectGate(name, result)
      samples[name].push(result.ms)
      samples[`${name}Cpu`].push(result.cpuMs)
    }
    log(`shallow round ${round + 1}/${runs}: audit ${samples.audit.at(-1).toFixed(0)} ms, pull request ${samples.pullRequest.at(-1).toFixed(0)} ms`)
  }
  return {
    audit: summarize(samples.audit),
    pullRequest: summarize(samples.pullRequest),
    pullRequestVsAuditByRound: summarize(samples.pullRequest.map((ms, round) => ms / samples.audit[round])),
    auditCpuMs: summarize(samples.auditCpu),
    pullRequestCpuMs: summarize(samples.pullRequestCpu),
    checks: [checkRestPath(warm.stdout, shallow.changedFiles, prTemp)]
  }
}

function runAction(action, env, cwd, node, usageFile, files) {
  // The runner gives each step fresh output and summary files.
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  return runNode([action], { env, cwd, node, usageFile, stdoutCapture: true })
}

/** The base came through the REST API (compare and one contents request per touched file), and nothing was written for it. */
function checkRestPath(stdout, changedFiles, temp) {
  const line = stdout.split('\n').find((text) => / derived from the head's scan; /.test(text))
  const rest = line?.includes(`${changedFiles} changed files read through the REST API`) ?? false
  const written = readdirSync(temp)
  for (const entry of written) rmSync(join(temp, entry), { recursive: true, force: true })
  return {
    name: 'shallow pull request derives the base through the REST API and writes nothing',
    ok: rest && written.length === 0,
    detail: `${rest ? line.replace(/^base \w+: /, '') : `not derived through the REST API: ${(line ?? stdout.trim().split('\n').filter((text) => text.startsWith('base ')).join('; ')) || 'no base line in the log'}`}; ${written.length} entries left in its temporary folder`
  }
}

function expectGate(name, result) {
  if (result.code === 0 || result.code === 1) return
  throw new Error(`${name} exited ${result.code ?? result.signal}:\n${(result.stdout ?? '').trim().split('\n').slice(-5).join('\n')}\n${result.stderr.trim()}`)
}

/** A real `pull_request` webhook payload (@octokit/webhooks-examples) with the benchmark's commits. */
function pullRequestPayload(base, head) {
  const examples = require('@octokit/webhooks-examples')
  const payload = structuredClone(examples.find((e) => e.name === 'pull_request').examples.find((e) => e.action === 'synchronize'))
  Object.assign(payload.pull_request.base, { sha: base })
  Object.assign(payload.pull_request.head, { sha: head })
  payload.pull_request.number = PULL_NUMBER
  payload.number = PULL_NUMBER
  return payload
}
