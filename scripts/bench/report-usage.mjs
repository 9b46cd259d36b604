/**
 * Preloaded into a measured process (`node --import report-usage.mjs ...`): when the process
 * exits, its peak resident set size and CPU time are written as JSON to the file named by
 * KCG_BENCH_USAGE_FILE. Node cannot read a child's rusage from the parent, and /usr/bin/time
 * is not on every machine; this needs nothing but Node. It costs one tiny module load.
 * CPU time is kept because, unlike wall time, it barely moves when other work shares the
 * machine.
 */
import { writeFileSync } from 'node:fs'

const target = process.env.KCG_BENCH_USAGE_FILE
if (target) {
  // Not inherited by anything the measured process starts: only its own usage counts.
  delete process.env.KCG_BENCH_USAGE_FILE
  process.on('exit', () => {
    const usage = process.resourceUsage()
    // maxRSS is in kibibytes (getrusage's ru_maxrss on Linux); CPU times in microseconds.
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }))
  })
}
