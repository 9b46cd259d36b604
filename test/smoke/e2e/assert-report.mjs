// Checks a JSON report of `scan --smoke` in .github/workflows/e2e-smoke.yml.
//   node assert-report.mjs report.json confirmed ID   the smoke run failed and confirmed entry ID at runtime
//   node assert-report.mjs report.json passed         the smoke run passed and confirmed nothing
import { readFileSync } from 'node:fs'

const [file, expectation, id] = process.argv.slice(2)
const report = JSON.parse(readFileSync(file, 'utf8'))
const smoke = report.smoke
const problems = []
if (!smoke) problems.push('the report has no smoke section')
const confirmed = report.findings.filter((f) => f.confirmedAtRuntime)
if (expectation === 'confirmed') {
  if (smoke?.passed !== false) problems.push(`expected the smoke run to fail, smoke.passed is ${smoke?.passed}`)
  if (!confirmed.some((f) => f.id === id)) problems.push(`expected ${id} confirmed at runtime, confirmed: [${confirmed.map((f) => f.id).join(', ')}]`)
} else if (expectation === 'passed') {
  if (smoke?.passed !== true) problems.push(`expected the smoke run to pass: ${JSON.stringify(smoke?.workload)} ${smoke?.error ?? ''}`)
  if (confirmed.length > 0) problems.push(`expected nothing confirmed, got [${confirmed.map((f) => f.id).join(', ')}]`)
} else {
  problems.push(`unknown expectation "${expectation}"`)
}
console.log(JSON.stringify({ smoke, confirmed: confirmed.map((f) => ({ id: f.id, evidence: f.evidence })) }, null, 2))
if (problems.length > 0) {
  for (const p of problems) console.error(`::error::${p}`)
  process.exit(1)
}
