/**
 * The GitHub stand-in of the tests (test/github/stand-in.ts: answers checked against GitHub's
 * OpenAPI description) on loopback, for the benchmark's shallow-checkout runs: it answers
 * compare and contents from the git repository given as the argument, and the check run the
 * action publishes. Started by scripts/bench/lib/shallow-suite.mjs through tsx; prints its URL
 * as one JSON line, and when its standard input closes, the requests it answered and any that
 * broke GitHub's description, then exits.
 */
import { GitHubStandIn } from '../../../test/github/stand-in.js'

const repository = process.argv[2]
if (!repository) throw new Error('usage: github-stand-in-server.ts REPOSITORY')
const standIn = await GitHubStandIn.start()
standIn.repository = repository
process.stdout.write(`${JSON.stringify({ url: standIn.url })}\n`)
process.stdin.resume()
process.stdin.on('end', () => {
  const counted: Record<string, number> = {}
  for (const call of standIn.calls) counted[call.operationId] = (counted[call.operationId] ?? 0) + 1
  process.stdout.write(`${JSON.stringify({ calls: counted, violations: standIn.violations })}\n`)
  void standIn.close().then(() => process.exit(0))
})
