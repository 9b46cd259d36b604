import { execFileSync, spawn } from 'node:child_process'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { GitHubStandIn } from './stand-in.js'
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parseOutputs, REPO_ROOT, tempDir, writeTree } from '../helpers/run-bundle.js'

type Json = Record<string, unknown>

/** A git repository in a temporary directory, committed to step by step. */
export class TempRepo {
  readonly dir = tempDir('kcg-repo-')

  constructor() {
    this.git('init', '-q', '-b', 'main')
    this.git('config', 'user.email', 'test@example.com')
    this.git('config', 'user.name', 'test')
    this.git('config', 'commit.gpgsign', 'false')
  }

  /** Writes the files and commits them; returns the commit id. */
  commit(files: Record<string, string>, message = 'change'): string {
    writeTree(this.dir, files)
    this.git('add', '-A')
    this.git('commit', '-q', '-m', message)
    return this.git('rev-parse', 'HEAD').trim()
  }

  /** Replaces each path by a symbolic link to its target (a pull request may commit links) and commits. */
  commitLinks(links: Record<string, string>, message = 'links'): string {
    for (const [path, target] of Object.entries(links)) {
      rmSync(join(this.dir, path), { recursive: true, force: true })
      mkdirSync(dirname(join(this.dir, path)), { recursive: true })
      symlinkSync(target, join(this.dir, path))
    }
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD').trim()
  }

  /** A tarball of a commit shaped like GitHub's (one `<owner>-<repo>-<sha>/` folder). */
  tarball(sha: string): Buffer {
    return execFileSync('git', ['-C', this.dir, 'archive', '--format=tar.gz', `--prefix=Codertocat-Hello-World-${sha.slice(0, 7)}/`, sha])
  }

  /** A checkout with only that commit, as actions/checkout makes by default (fetch-depth 1). */
  shallowCheckout(sha: string): string {
    const dir = tempDir('kcg-shallow-')
    execFileSync('git', ['init', '-q', dir])
    execFileSync('git', ['-C', dir, 'fetch', '-q', '--depth=1', `file://${this.dir}`, sha])
    execFileSync('git', ['-C', dir, 'checkout', '-q', sha])
    return dir
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8' })
  }
}

const require = createRequire(import.meta.url)
const WEBHOOK_EXAMPLES = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Json[] }>

/**
 * A real webhook payload from @octokit/webhooks-examples, with the commits of the test
 * repository (and another pull request number, so tests sharing a stand-in do not meet).
 */
export function pullRequestPayload(base: string, head: string, number?: number): Json {
  const payload = structuredClone(WEBHOOK_EXAMPLES.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'synchronize')!)
  const pull = payload.pull_request as { base: Json; head: Json; number: number }
  pull.base.sha = base
  pull.head.sha = head
  if (number !== undefined) pull.number = number
  return payload
}

/**
 * One GitHub stand-in for a test file: faults and the commits it knows (the same files commit
 * to the same ids within a second, so tests would meet) are cleared before each test, and after the
 * last one no request of the whole file may have broken GitHub's published description.
 */
export function useGitHubStandIn(): () => GitHubStandIn {
  let standIn: GitHubStandIn | undefined
  beforeAll(async () => {
    standIn = await GitHubStandIn.start()
  })
  beforeEach(() => {
    standIn!.faults = []
    standIn!.tarballs.clear()
    standIn!.mergeBases.clear()
    standIn!.repository = undefined
    standIn!.compareFiles = undefined
    standIn!.treeEntryLimit = 100_000
  })
  afterAll(async () => {
    await standIn!.close()
    expect(standIn!.violations).toEqual([])
  })
  return () => standIn!
}

export function mergeGroupPayload(base: string, head: string): Json {
  const payload = structuredClone(WEBHOOK_EXAMPLES.find((e) => e.name === 'merge_group')!.examples[0]!)
  Object.assign(payload.merge_group as Json, { base_sha: base, head_sha: head })
  return payload
}

/** GitHub sends no webhook for cron runs; the runner's event file holds the schedule. */
export function schedulePayload(): Json {
  return { schedule: '17 5 * * 1' }
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

export interface ActionRunOptions {
  workspace: string
  eventName: string
  payload: Json
  apiUrl: string
  sha: string
  inputs?: Record<string, string>
  /** More environment for the action (a timeout to shorten, say). */
  env?: Record<string, string>
}

/**
 * Runs the built dist/index.js as the runner does: inputs in INPUT_*, the event in a file,
 * outputs and the summary in files, the REST API at GITHUB_API_URL. Asynchronous, so the
 * stand-in in this process can answer while the action runs.
 */
export function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = tempDir('kcg-runner-')
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  writeFileSync(files.event, JSON.stringify(options.payload))
  const inputs = { 'github-token': 'ghs_secretToken123', ...options.inputs }
  const env: Record<string, string> = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)) as Array<[string, string]>),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SHA: options.sha,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'index.js')], { cwd: options.workspace, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') })
    )
  })
}

/** The seed incident's repository: a vcluster chart dependency and its k3s image in the values. */
export function chart(vcluster: string, k3sTag: string): Record<string, string> {
  return {
    'clusters/dev/Chart.yaml': [
      'apiVersion: v2',
      'name: team-dev-vcluster',
      'version: 1.4.0',
      'dependencies:',
      '  - name: vcluster',
      `    version: ${vcluster}`,
      '    repository: https://charts.loft.sh',
      ''
    ].join('\n'),
    'clusters/dev/values.yaml': [
      'vcluster:',
      '  controlPlane:',
      '    distro:',
      '      k3s:',
      '        enabled: true',
      '        image:',
      '          repository: rancher/k3s',
      `          tag: ${k3sTag}`,
      ''
    ].join('\n')
  }
}
