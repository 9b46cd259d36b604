#!/usr/bin/env node
/**
 * `npm run bench`: measures the scanner against the floor of walking and reading the same
 * tree, its start-up against bare Node, and its peak memory, on a deterministic synthetic
 * monorepo; optionally again at 100,000 files to show how the cost grows. Prints a Markdown
 * table, writes JSON with every sample (--json), and exits 0 even when a budget is over
 * unless --enforce is given. Timings live here, never in unit tests.
 *
 * Every figure is measured on this Node.js and on Node 24, the action's runtime (or on the
 * runtimes given with --node), and so is the pull-request mode: `scan --base` on the same tree
 * made a git repository whose head commit changed four files, and the action on a shallow
 * checkout of that head (actions/checkout's default), its base derived through the REST API of
 * the tests' GitHub stand-in on loopback, against the same action in audit mode (head only).
 * A second `scan --base` takes a base from which the head changes a declared version (one file):
 * the common pull request, whose base is resolved and evaluated rather than taken from the head.
 *
 * With --reference COMMIT, the scan of that commit (built into .tmp/) runs in the same rounds,
 * and the scan is judged against it too (issue 18: within 15% of the scan before the generic
 * detectors, whose parent commit is the default reference of that budget).
 *
 *   npm run bench -- [--files 20000] [--runs 5] [--cold-runs 20] [--large] [--json FILE]
 *                    [--repo DIR] [--large-repo DIR] [--seed S] [--keep] [--enforce] [--node BIN]...
 *                    [--reference COMMIT]
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_FILES, DEFAULT_SEED } from './generate-monorepo.mjs'
import { BUDGETS, growthLimit, verdict } from './lib/budgets.mjs'
import { measureColdStart } from './lib/cold-start-suite.mjs'
import { describeCommit, describeMachine } from './lib/machine.mjs'
import { preparePullRequest } from './lib/pull-request.mjs'
import { referenceCli } from './lib/reference.mjs'
import { prepareRepo } from './lib/repo.mjs'
import { runtimes } from './lib/runtimes.mjs'
import { measureScans } from './lib/scan-suite.mjs'
import { measureShallow, prepareShallow } from './lib/shallow-suite.mjs'
import { formatMB, formatMs, formatRatio, markdownTable } from './lib/table.mjs'

const ROOT = resolve(import.meta.dirname, '..', '..')
const USAGE = `usage: npm run bench -- [options]
  --files N          tracked files in the generated tree (default ${DEFAULT_FILES})
  --runs N           timed runs of the baseline and the scan, alternating (default 5, at least 5)
  --cold-runs N      timed rounds of the start-up commands (default 4 × runs)
  --large            measure again at --large-files (default 100000) and report the growth
  --repo DIR         reuse (or create and keep) the tree in DIR instead of a temporary folder
  --large-repo DIR   the same for the large tree
  --seed S           generator seed (default "${DEFAULT_SEED}")
  --json FILE        write every sample and the verdicts as JSON
  --keep             keep generated temporary trees
  --enforce          exit 1 when a budget is over
  --node BIN         a Node.js runtime to measure, repeatable (default: this one and Node 24)
  --reference COMMIT also scan with the CLI of COMMIT (built into .tmp/reference-SHA) in the same
                     rounds, and judge the scan against it (issue 18: the commit before the generic
                     detectors; find it with git log --oneline -- src/scan/detectors | tail -1)
`

function parseOptions() {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: String(DEFAULT_FILES) },
      runs: { type: 'string', default: '5' },
      'cold-runs': { type: 'string' },
      large: { type: 'boolean', default: false },
      'large-files': { type: 'string', default: '100000' },
      repo: { type: 'string' },
      'large-repo': { type: 'string' },
      seed: { type: 'string', default: DEFAULT_SEED },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      enforce: { type: 'boolean', default: false },
      node: { type: 'string', multiple: true, default: [] },
      reference: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const count = (flag, minimum) => {
    const value = Number(values[flag])
    if (!Number.isInteger(value) || value < minimum) throw new Error(`--${flag} must be an integer of at least ${minimum}`)
    return value
  }
  const runs = count('runs', 5)
  return {
    files: count('files', 100),
    runs,
    coldRuns: values['cold-runs'] === undefined ? runs * 4 : count('cold-runs', 5),
    large: values.large,
    largeFiles: count('large-files', 100),
    repo: values.repo,
    largeRepo: values['large-repo'],
    seed: values.seed,
    json: values.json,
    keep: values.keep,
    enforce: values.enforce,
    nodes: values.node,
    reference: values.reference
  }
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`)

async function main() {
  const options = parseOptions()
  const cli = join(ROOT, 'dist', 'cli.js')
  const action = join(ROOT, 'dist', 'index.js')
  const baseline = join(import.meta.dirname, 'baseline-read.mjs')
  for (const bundle of [cli, action]) if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`)

  const work = mkdtempSync(join(tmpdir(), 'kcg-bench-work-'))
  const cleanups = [() => rmSync(work, { recursive: true, force: true })]
  try {
    const nodes = runtimes(options.nodes, ROOT, log)
    const reference = options.reference ? referenceCli(options.reference, ROOT, log) : undefined
    const results = {
      schemaVersion: 2,
      date: new Date().toISOString(),
      machine: describeMachine(),
      commit: describeCommit(ROOT),
      ...(reference ? { reference: reference.sha } : {}),
      options: { files: options.files, runs: options.runs, coldRuns: options.coldRuns, seed: options.seed, large: options.large ? options.largeFiles : null },
      // Other work on the machine stretches wall times; the load average says how much there was.
      loadAverage: { start: loadavg() }
    }
    const repo = prepareRepo({ dir: options.repo, files: options.files, seed: options.seed, keep: options.keep, log })
    cleanups.push(repo.cleanup)
    repo.pullRequest = preparePullRequest(repo, log)
    results.tree = withoutFileList(repo.summary)
    const repos = [repo]
    if (options.large) {
      const large = prepareRepo({ dir: options.largeRepo, files: options.largeFiles, seed: options.seed, keep: options.keep, log })
      cleanups.push(large.cleanup)
      large.pullRequest = preparePullRequest(large, log)
      results.largeTree = withoutFileList(large.summary)
      repos.push(large)
    }
    const shallow = await prepareShallow({ repo, work, root: ROOT, log })
    let standInStopped = false
    cleanups.push(() => {
      if (!standInStopped) void shallow.stop()
    })
    results.runtimes = []
    for (const node of nodes) {
      log(`measuring on Node ${node.version}`)
      const [scan, largeScan] = await measureScans({ repos, runs: options.runs, cli, baseline, work, log, node: node.bin, referenceCli: reference?.cli })
      const shallowPullRequest = await measureShallow({ shallow, runs: options.runs, action, work, log, node: node.bin })
      const coldStart = await measureColdStart({ runs: options.coldRuns, cli, action, work, log, node: node.bin })
      const measured = { node: node.version, scan, largeScan, shallowPullRequest, coldStart }
      results.runtimes.push({ ...measured, verdicts: judge(measured) })
    }
    standInStopped = true
    const standIn = await shallow.stop()
    results.gitHubStandIn = { ...standIn, check: { name: "every request to the GitHub stand-in kept to GitHub's OpenAPI description", ok: standIn.violations.length === 0, detail: JSON.stringify(standIn.calls) } }
    results.loadAverage.end = loadavg()

    process.stdout.write(render(results))
    if (options.json) {
      writeFileSync(options.json, JSON.stringify(results, null, 2) + '\n')
      log(`wrote ${options.json}`)
    }
    const over = results.runtimes.flatMap((runtime) => runtime.verdicts).filter((v) => v.result === 'over')
    const failedChecks = [
      ...results.runtimes.flatMap((runtime) => [...runtime.scan.checks, ...runtime.shallowPullRequest.checks, ...(runtime.largeScan?.checks ?? [])]),
      results.gitHubStandIn.check
    ].filter((check) => !check.ok)
    if (options.enforce && (over.length > 0 || failedChecks.length > 0)) process.exitCode = 1
  } finally {
    for (const cleanup of cleanups.reverse()) cleanup()
  }
}

function withoutFileList({ seedIncidentFiles, ...summary }) {
  return { ...summary, seedIncidentFiles: seedIncidentFiles.length }
}

function judge(results) {
  const { scan, coldStart, largeScan, shallowPullRequest } = results
  const verdicts = []
  const add = (metric, value, budget) => verdicts.push({ metric, value, limit: budget.limit, result: verdict(value, budget.limit) })
  add('scanVsBaseline', scan.scan.median / scan.baseline.median, BUDGETS.scanVsBaseline)
  add('pullRequestVsScan', scan.pullRequest.median / scan.scan.median, BUDGETS.pullRequestVsScan)
  add('versionPullRequestVsScan', scan.versionPullRequest.median / scan.scan.median, BUDGETS.pullRequestVsScan)
  add('shallowPullRequestVsAudit', shallowPullRequest.pullRequest.median / shallowPullRequest.audit.median, BUDGETS.pullRequestVsScan)
  if (scan.reference) add('scanVsReference', scan.scanVsBaselineByRound.median / scan.referenceVsBaselineByRound.median, BUDGETS.scanVsReference)
  add('cliVersionVsBareNode', coldStart.cliVersion.median / coldStart.bareNode.median, BUDGETS.coldStartVsBareNode)
  add('actionEmptyRepoVsBareNode', coldStart.actionEmptyRepo.median / coldStart.bareNode.median, BUDGETS.coldStartVsBareNode)
  // Against the budget for the default size: a different --files still reports, for comparison.
  add('scanPeakRssMB', (scan.scanRssKiB.max * 1024) / 1e6, BUDGETS.peakRssMB)
  if (largeScan) add('largeScanVsDefaultScan', largeScan.scan.median / scan.scan.median, { limit: growthLimit(largeScan.files, scan.files) })
  return verdicts
}

function render(results) {
  const m = results.machine
  const load = (values) => values.map((value) => value.toFixed(2)).join(' ')
  return (
    `\nkube-compat-gate ${results.commit} · ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}\n` +
    `medians of ${results.options.runs} alternating runs (start-up: ${results.options.coldRuns} rounds); seed "${results.options.seed}"; ` +
    `load average ${load(results.loadAverage.start)} at start, ${load(results.loadAverage.end)} at end\n` +
    results.runtimes.map((runtime) => renderRuntime(runtime, results)).join('') +
    `\n${results.gitHubStandIn.check.ok ? '✓' : '✗'} ${results.gitHubStandIn.check.name}: ${results.gitHubStandIn.check.detail}\n` +
    '\n' +
    busyWarning(results)
  )
}

/** One runtime's table and checks. */
function renderRuntime(runtime, results) {
  const { scan, coldStart, largeScan, shallowPullRequest: shallow } = runtime
  const verdictOf = (metric) => runtime.verdicts.find((v) => v.metric === metric)?.result ?? ''
  const n = (files) => files.toLocaleString('en-US')
  const rows = [
    [`baseline: walk + read every file (${n(scan.files)} files)`, formatMs(scan.baseline.median), '1.00×', '', ''],
    [`scan --format json (${n(scan.files)} files)`, formatMs(scan.scan.median), formatRatio(scan.scan.median / scan.baseline.median, 'baseline'), BUDGETS.scanVsBaseline.text, verdictOf('scanVsBaseline')],
    [`scan ÷ baseline, round by round (${n(scan.files)} files)`, '', `${formatRatio(scan.scanVsBaselineByRound.median, 'median')} (${scan.scanVsBaselineByRound.min.toFixed(2)}–${scan.scanVsBaselineByRound.max.toFixed(2)})`, '', ''],
    [`pull request: scan --base, 4 files changed (${n(scan.files)} files)`, formatMs(scan.pullRequest.median), formatRatio(scan.pullRequest.median / scan.scan.median, 'scan'), BUDGETS.pullRequestVsScan.text, verdictOf('pullRequestVsScan')],
    [`pull request ÷ scan, round by round (${n(scan.files)} files)`, '', `${formatRatio(scan.pullRequestVsScanByRound.median, 'median')} (${scan.pullRequestVsScanByRound.min.toFixed(2)}–${scan.pullRequestVsScanByRound.max.toFixed(2)})`, '', ''],
    [`pull request that changes a version: scan --base, 1 file changed (${n(scan.files)} files)`, formatMs(scan.versionPullRequest.median), formatRatio(scan.versionPullRequest.median / scan.scan.median, 'scan'), BUDGETS.pullRequestVsScan.text, verdictOf('versionPullRequestVsScan')],
    [`version pull request ÷ scan, round by round (${n(scan.files)} files)`, '', `${formatRatio(scan.versionPullRequestVsScanByRound.median, 'median')} (${scan.versionPullRequestVsScanByRound.min.toFixed(2)}–${scan.versionPullRequestVsScanByRound.max.toFixed(2)})`, '', ''],
    [`action, shallow checkout, audit mode: head only (${n(scan.files)} files)`, formatMs(shallow.audit.median), '1.00×', '', ''],
    [`action, shallow checkout, pull request: base through the REST API`, formatMs(shallow.pullRequest.median), formatRatio(shallow.pullRequest.median / shallow.audit.median, 'audit'), BUDGETS.pullRequestVsScan.text, verdictOf('shallowPullRequestVsAudit')],
    ['shallow pull request ÷ audit, round by round', '', `${formatRatio(shallow.pullRequestVsAuditByRound.median, 'median')} (${shallow.pullRequestVsAuditByRound.min.toFixed(2)}–${shallow.pullRequestVsAuditByRound.max.toFixed(2)})`, '', ''],
    ['CPU time (user+sys): shallow pull request', formatMs(shallow.pullRequestCpuMs.median), formatRatio(shallow.pullRequestCpuMs.median / shallow.auditCpuMs.median, 'audit'), '', ''],
    ['bare node -e ""', formatMs(coldStart.bareNode.median), '1.00×', '', ''],
    ['cold start: cli --version', formatMs(coldStart.cliVersion.median), formatRatio(coldStart.cliVersion.median / coldStart.bareNode.median, 'bare node'), BUDGETS.coldStartVsBareNode.text, verdictOf('cliVersionVsBareNode')],
    ['cold start: action, empty repository', formatMs(coldStart.actionEmptyRepo.median), formatRatio(coldStart.actionEmptyRepo.median / coldStart.bareNode.median, 'bare node'), BUDGETS.coldStartVsBareNode.text, verdictOf('actionEmptyRepoVsBareNode')],
    [`peak RSS: scan (${n(scan.files)} files, highest run)`, formatMB(scan.scanRssKiB.max), '', BUDGETS.peakRssMB.text, verdictOf('scanPeakRssMB')],
    [`peak RSS: baseline (${n(scan.files)} files)`, formatMB(scan.baselineRssKiB.max), '', '', ''],
    [`CPU time (user+sys): baseline (${n(scan.files)} files)`, formatMs(scan.baselineCpuMs.median), '1.00×', '', ''],
    [`CPU time (user+sys): scan (${n(scan.files)} files)`, formatMs(scan.scanCpuMs.median), formatRatio(scan.scanCpuMs.median / scan.baselineCpuMs.median, 'baseline'), '', ''],
    [`CPU time (user+sys): pull request (${n(scan.files)} files)`, formatMs(scan.pullRequestCpuMs.median), formatRatio(scan.pullRequestCpuMs.median / scan.scanCpuMs.median, 'scan'), '', ''],
    [`CPU time (user+sys): pull request that changes a version (${n(scan.files)} files)`, formatMs(scan.versionPullRequestCpuMs.median), formatRatio(scan.versionPullRequestCpuMs.median / scan.scanCpuMs.median, 'scan'), '', '']
  ]
  if (scan.reference) {
    const reference = `reference ${results.reference.slice(0, 7)}`
    rows.push(
      [`scan of the reference ${results.reference.slice(0, 7)} (${n(scan.files)} files)`, formatMs(scan.reference.median), formatRatio(scan.reference.median / scan.baseline.median, 'baseline'), '', ''],
      [
        `scan ÷ reference, each over its round's baseline (${n(scan.files)} files)`,
        '',
        formatRatio(scan.scanVsBaselineByRound.median / scan.referenceVsBaselineByRound.median, reference),
        BUDGETS.scanVsReference.text,
        verdictOf('scanVsReference')
      ],
      [`CPU time (user+sys): reference scan (${n(scan.files)} files)`, formatMs(scan.referenceCpuMs.median), formatRatio(scan.scanCpuMs.median / scan.referenceCpuMs.median, `scan ÷ ${reference}`), '', '']
    )
  }
  if (largeScan) {
    rows.push(
      [`baseline (${n(largeScan.files)} files)`, formatMs(largeScan.baseline.median), formatRatio(largeScan.baseline.median / scan.baseline.median, `baseline ${n(scan.files)}`), '', ''],
      [`scan --format json (${n(largeScan.files)} files)`, formatMs(largeScan.scan.median), formatRatio(largeScan.scan.median / scan.scan.median, `scan ${n(scan.files)}`), `≤ ${growthLimit(largeScan.files, scan.files).toFixed(1)}× scan ${n(scan.files)}`, verdictOf('largeScanVsDefaultScan')],
      [`scan vs baseline (${n(largeScan.files)} files)`, '', formatRatio(largeScan.scan.median / largeScan.baseline.median, 'baseline'), '', ''],
      [`CPU time (user+sys): scan (${n(largeScan.files)} files)`, formatMs(largeScan.scanCpuMs.median), formatRatio(largeScan.scanCpuMs.median / scan.scanCpuMs.median, `scan ${n(scan.files)}`), '', ''],
      [`peak RSS: scan (${n(largeScan.files)} files)`, formatMB(largeScan.scanRssKiB.max), '', '', '']
    )
  }
  const checks = [
    ...scan.checks.map((c) => ({ ...c, size: scan.files })),
    ...shallow.checks.map((c) => ({ ...c, size: scan.files })),
    ...(largeScan?.checks ?? []).map((c) => ({ ...c, size: largeScan.files }))
  ]
  return (
    `\n### Node ${runtime.node}\n\n` +
    markdownTable(['metric', 'median', 'ratio', 'budget', 'result'], rows) +
    '\n' +
    checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name} (${n(c.size)} files): ${c.detail}`).join('\n') +
    '\n'
  )
}

/** Wall times on a busy machine measure the neighbours too; say so next to the numbers. */
function busyWarning(results) {
  const busiest = Math.max(results.loadAverage.start[0], results.loadAverage.end[0])
  if (busiest <= results.machine.cpus) return ''
  return (
    `⚠ the machine was busy (1-minute load average up to ${busiest.toFixed(1)} on ${results.machine.cpus} CPUs): wall times ` +
    'are stretched by other work; the CPU-time rows and the ratios of alternating runs are the more trustworthy numbers.\n\n'
  )
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
