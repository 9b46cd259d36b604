import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanEnv, runNode } from './measure.mjs'
import { summarize } from './stats.mjs'

const SEED_INCIDENT = 'vcluster-qosclass-immutable-k8s-1.32'

/**
 * Baseline and scan on one tree, alternating (baseline first in even rounds, scan first in
 * odd ones) so that drift on the machine (thermal, neighbours, cache) hits both alike. A
 * first untimed round warms the page cache and checks that the scan ran and saw the same
 * files as the baseline.
 */
export async function measureScan({ repo, runs, cli, baseline, work, log }) {
  const env = cleanEnv()
  const reportFile = join(work, `report-${repo.summary.files}.json`)
  const commands = {
    baseline: () => runNode([baseline, repo.root], { env, stdoutFile: join(work, 'baseline.json'), usageFile: join(work, 'baseline.usage') }),
    scan: () => runNode([cli, 'scan', repo.root, '--format', 'json'], { env, stdoutFile: reportFile, usageFile: join(work, 'scan.usage') })
  }

  log(`warm-up on ${repo.summary.files} files`)
  const warmBaseline = await commands.baseline()
  expectExit('baseline', warmBaseline, [0])
  const baselineCounts = JSON.parse(readFileSync(join(work, 'baseline.json'), 'utf8'))
  const warmScan = await commands.scan()
  expectExit('scan', warmScan, [0, 1])
  const checks = checkReport(JSON.parse(readFileSync(reportFile, 'utf8')), baselineCounts, repo.summary)

  const samples = { baseline: [], scan: [], baselineRss: [], scanRss: [], baselineCpu: [], scanCpu: [] }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? ['baseline', 'scan'] : ['scan', 'baseline']
    for (const name of order) {
      const result = await commands[name]()
      expectExit(name, result, name === 'scan' ? [0, 1] : [0])
      samples[name].push(result.ms)
      if (result.maxRssKiB === undefined) throw new Error(`${name} did not report its resource usage`)
      samples[`${name}Rss`].push(result.maxRssKiB)
      samples[`${name}Cpu`].push(result.cpuMs)
    }
    log(`round ${round + 1}/${runs}: baseline ${samples.baseline.at(-1).toFixed(0)} ms, scan ${samples.scan.at(-1).toFixed(0)} ms`)
  }
  return {
    files: repo.summary.files,
    baseline: summarize(samples.baseline),
    scan: summarize(samples.scan),
    baselineRssKiB: summarize(samples.baselineRss),
    scanRssKiB: summarize(samples.scanRss),
    baselineCpuMs: summarize(samples.baselineCpu),
    scanCpuMs: summarize(samples.scanCpu),
    scanExitCode: warmScan.code,
    checks
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
  const incidentFiles = new Set(report.findings.filter((finding) => finding.id === SEED_INCIDENT).map((finding) => finding.file))
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
      name: 'seed incident found (informational: grows as extractors are added)',
      ok: true,
      detail: `${incidentFiles.size} of ${tree.seedIncidentFiles.length} generated files; ${report.declarations.length} declarations, ${report.findings.length} findings, ${report.diagnostics.length} diagnostics`
    }
  ]
}
