import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanEnv, runNode } from './measure.mjs'
import { summarize } from './stats.mjs'

const SEED_INCIDENT = 'vcluster-qosclass-immutable-k8s-1.32'

/**
 * Baseline and scan on each tree (the default size and, with --large, the large one), all
 * commands in every round, in forward order in even rounds and reversed in odd ones, so
 * that drift on the machine (neighbours, thermal, cache) hits every command alike; that
 * keeps both the scan/baseline ratio and the large/default growth ratio fair. A first untimed
 * round per tree warms the page cache and checks that the scan ran and saw the same files
 * as the baseline.
 */
export async function measureScans({ repos, runs, cli, baseline, work, log, node, referenceCli }) {
  const env = cleanEnv()
  // The pull-request mode must write nothing for the base: its temporary folder is checked after every run.
  const prTemp = join(work, 'pull-request-tmp')
  mkdirSync(prTemp, { recursive: true })
  const prEnv = cleanEnv({ TMPDIR: prTemp })
  const suites = []
  for (const repo of repos) {
    const files = repo.summary.files
    const reportFile = join(work, `report-${files}.json`)
    const baselineFile = join(work, `baseline-${files}.json`)
    const suite = {
      repo,
      samples: Object.fromEntries(
        ['baseline', 'scan', 'pullRequest', 'versionPullRequest', 'reference'].flatMap((name) => [
          [name, []],
          [`${name}Rss`, []],
          [`${name}Cpu`, []]
        ])
      ),
      commands: {
        baseline: () => runNode([baseline, repo.root], { env, node, stdoutFile: baselineFile, usageFile: join(work, 'baseline.usage') }),
        scan: () => runNode([cli, 'scan', repo.root, '--format', 'json'], { env, node, stdoutFile: reportFile, usageFile: join(work, 'scan.usage') }),
        reference: () => runNode([referenceCli, 'scan', repo.root, '--format', 'json'], { env, node, stdoutFile: join(work, `reference-${files}.json`), usageFile: join(work, 'reference.usage') }),
        pullRequest: () =>
          runNode([cli, 'scan', repo.root, '--format', 'json', '--base', repo.pullRequest.base], {
            env: prEnv,
            node,
            stdoutFile: join(work, `pull-request-${files}.json`),
            usageFile: join(work, 'pull-request.usage')
          }),
        // The pull request that changes a declared version: its base is resolved and evaluated.
        versionPullRequest: () =>
          runNode([cli, 'scan', repo.root, '--format', 'json', '--base', repo.pullRequest.versionBase.sha], {
            env: prEnv,
            node,
            stdoutFile: join(work, `version-pull-request-${files}.json`),
            usageFile: join(work, 'version-pull-request.usage')
          })
      }
    }
    log(`warm-up on ${files} files`)
    expectExit('baseline', await suite.commands.baseline(), [0])
    const warmScan = await suite.commands.scan()
    expectExit('scan', warmScan, [0, 1])
    const warmPullRequest = await suite.commands.pullRequest()
    expectExit('scan --base', warmPullRequest, [0, 1])
    const warmVersionPullRequest = await suite.commands.versionPullRequest()
    expectExit('scan --base (a version changed)', warmVersionPullRequest, [0, 1])
    if (referenceCli) expectExit('reference scan', await suite.commands.reference(), [0, 1])
    suite.scanExitCode = warmScan.code
    suite.checks = [
      ...checkReport(JSON.parse(readFileSync(reportFile, 'utf8')), JSON.parse(readFileSync(baselineFile, 'utf8')), repo.summary),
      checkPullRequest(warmPullRequest.stderr, repo.pullRequest.changedFiles, prTemp),
      checkVersionPullRequest(warmVersionPullRequest.stderr, JSON.parse(readFileSync(join(work, `version-pull-request-${files}.json`), 'utf8')), repo.pullRequest.versionBase.file, prTemp)
    ]
    suites.push(suite)
  }

  const steps = suites.flatMap((suite) => [
    [suite, 'baseline'],
    [suite, 'scan'],
    [suite, 'pullRequest'],
    [suite, 'versionPullRequest'],
    ...(referenceCli ? [[suite, 'reference']] : [])
  ])
  for (let round = 0; round < runs; round++) {
    for (const [suite, name] of round % 2 === 0 ? steps : [...steps].reverse()) {
      const result = await suite.commands[name]()
      expectExit(name, result, name === 'baseline' ? [0] : [0, 1])
      if (result.maxRssKiB === undefined) throw new Error(`${name} did not report its resource usage`)
      suite.samples[name].push(result.ms)
      suite.samples[`${name}Rss`].push(result.maxRssKiB)
      suite.samples[`${name}Cpu`].push(result.cpuMs)
    }
    const times = suites.map(({ repo, samples }) => `${repo.summary.files} files: baseline ${samples.baseline.at(-1).toFixed(0)} ms, scan ${samples.scan.at(-1).toFixed(0)} ms`)
    log(`round ${round + 1}/${runs}: ${times.join('; ')}`)
  }

  return suites.map(({ repo, samples, scanExitCode, checks }) => ({
    files: repo.summary.files,
    baseline: summarize(samples.baseline),
    scan: summarize(samples.scan),
    pullRequest: summarize(samples.pullRequest),
    pullRequestVsScanByRound: summarize(samples.pullRequest.map((ms, round) => ms / samples.scan[round])),
    pullRequestRssKiB: summarize(samples.pullRequestRss),
    pullRequestCpuMs: summarize(samples.pullRequestCpu),
    versionPullRequest: summarize(samples.versionPullRequest),
    versionPullRequestVsScanByRound: summarize(samples.versionPullRequest.map((ms, round) => ms / samples.scan[round])),
    versionPullRequestRssKiB: summarize(samples.versionPullRequestRss),
    versionPullRequestCpuMs: summarize(samples.versionPullRequestCpu),
    // Each round's scan over the same round's baseline (run next to each other): how much the
    // ratio moves from round to round when the machine's load drifts.
    scanVsBaselineByRound: summarize(samples.scan.map((ms, round) => ms / samples.baseline[round])),
    baselineRssKiB: summarize(samples.baselineRss),
    scanRssKiB: summarize(samples.scanRss),
    baselineCpuMs: summarize(samples.baselineCpu),
    scanCpuMs: summarize(samples.scanCpu),
    scanExitCode,
    checks,
    ...(referenceCli
      ? {
          reference: summarize(samples.reference),
          referenceCpuMs: summarize(samples.referenceCpu),
          // The reference over its round's baseline, to set against scanVsBaselineByRound: drift cancels within a round.
          referenceVsBaselineByRound: summarize(samples.reference.map((ms, round) => ms / samples.baseline[round]))
        }
      : {})
  }))
}

/** The pull request's base came from the head's scan and git objects, and nothing was written for it. */
function checkPullRequest(stderr, changedFiles, temp) {
  const derived = stderr.includes(`${changedFiles} changed files read from git objects`)
  const written = readdirSync(temp)
  return {
    name: 'pull-request mode derives the base and writes nothing',
    ok: derived && written.length === 0,
    detail: `${derived ? 'derived from the head scan' : `not derived: ${stderr.trim().split('\n').at(-1)}`}; ${written.length} entries left in its temporary folder`
  }
}

/**
 * The version-changing pull request read its one changed file from git objects, resolved and
 * evaluated its base (its declarations are not the head's, so the head's findings are not taken),
 * and wrote nothing. (0.21.4 and 0.22.x are hit by the same entries: the findings stay `unchanged`.)
 */
function checkVersionPullRequest(stderr, report, file, temp) {
  const derived = stderr.includes('1 changed file read from git objects')
  const reused = stderr.includes("its findings are the head's")
  const statuses = {}
  for (const finding of report.findings) statuses[finding.status] = (statuses[finding.status] ?? 0) + 1
  const written = readdirSync(temp)
  return {
    name: 'version-changing pull request derives and evaluates its base and writes nothing',
    ok: derived && !reused && written.length === 0,
    detail: `${derived ? `derived from the head scan (${file} read from git objects)` : `not derived: ${stderr.trim().split('\n').at(-1)}`}; ${reused ? "took the head's findings (it must not)" : 'base resolved and evaluated'}; findings ${JSON.stringify(statuses)}; ${written.length} entries left in its temporary folder`
  }
}

function expectExit(name, result, allowed) {
  if (allowed.includes(result.code)) return
  const how = result.signal ? `was killed by ${result.signal}` : `exited ${result.code}`
  throw new Error(`${name} ${how} (expected ${allowed.join(' or ')})${result.stderr ? `:\n${result.stderr.trim()}` : ''}`)
}

/**
 * What the scan found, next to what the tree holds. A mismatch in files means the baseline
 * does not walk the same tree, and the ratio would compare different work.
 */
function checkReport(report, baselineCounts, tree) {
  const hidden = (file) => /(^|\/)(node_modules|vendor)\//.test(file)
  // A grouped finding lists every place it holds at (`locations`); the first is also its own file.
  const incidentFiles = new Set(
    report.findings.filter((finding) => finding.id === SEED_INCIDENT).flatMap((finding) => [finding.file, ...(finding.locations ?? []).map((location) => location.file)])
  )
  const missed = tree.seedIncidentFiles.filter((file) => !incidentFiles.has(file))
  const seeded = new Set(tree.seedIncidentFiles)
  const unexpected = [...incidentFiles].filter((file) => !seeded.has(file)).sort()
  return [
    {
      name: 'scan and baseline see the same files',
      ok: report.summary.filesScanned === baselineCounts.files && baselineCounts.files === tree.trackedFiles,
      detail: `scan ${report.summary.filesScanned}, baseline ${baselineCounts.files}, generated ${tree.trackedFiles}`
    },
    {
      name: 'nothing reported from ignored folders',
      ok: ![...report.declarations, ...report.findings].some((item) => hidden(item.file)),
      detail: 'node_modules/ and vendor/ hold a seed-incident chart that must not be reported'
    },
    {
      // Every file the generator wrote with the incident (umbrella charts, Argo CD, Flux,
      // Terraform, workflows) must be reported, and no other: a faster scan that misses one
      // has cut a feature.
      name: 'seed incident found in exactly the generated seed files',
      ok: missed.length === 0 && unexpected.length === 0,
      detail:
        `${tree.seedIncidentFiles.length - missed.length} of ${tree.seedIncidentFiles.length} generated files` +
        (missed.length > 0 ? `; missed ${missed.slice(0, 3).join(', ')}${missed.length > 3 ? ', ...' : ''}` : '') +
        (unexpected.length > 0 ? `; also reported at ${unexpected.slice(0, 3).join(', ')}${unexpected.length > 3 ? ', ...' : ''}` : '') +
        `; ${report.declarations.length} declarations, ${report.findings.length} findings, ${report.diagnostics.length} diagnostics`
    }
  ]
}
