import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanEnv, runNode } from './measure.mjs'
import { summarize } from './stats.mjs'

/**
 * Start-up cost, paid on every run whatever the repository: bare `node -e ""`, the CLI's
 * `--version`, and the action bundle on an empty repository, as the runner starts it
 * (inputs in INPUT_*, outputs and summary in files). The three rotate within each round.
 */
export async function measureColdStart({ runs, cli, action, work, log, node }) {
  const empty = join(work, 'empty-repository')
  mkdirSync(empty, { recursive: true })
  const outputFile = join(work, 'github-output')
  const summaryFile = join(work, 'step-summary')
  const actionEnv = cleanEnv({
    GITHUB_WORKSPACE: empty,
    INPUT_PATH: empty,
    'INPUT_FAIL-ON': 'error',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile
  })
  const env = cleanEnv()
  const commands = [
    ['bareNode', () => runNode(['-e', ''], { env, node })],
    ['cliVersion', () => runNode([cli, '--version'], { env, node })],
    [
      'actionEmptyRepo',
      () => {
        // The action appends; start each run from empty files as a fresh step would.
        writeFileSync(outputFile, '')
        writeFileSync(summaryFile, '')
        return runNode([action], { env: actionEnv, cwd: empty, node })
      }
    ]
  ]
  for (const [name, command] of commands) expectSuccess(name, await command())

  const samples = Object.fromEntries(commands.map(([name]) => [name, []]))
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < commands.length; k++) {
      const [name, command] = commands[(round + k) % commands.length]
      const result = await command()
      expectSuccess(name, result)
      samples[name].push(result.ms)
    }
  }
  log(`cold start: ${runs} rounds done`)
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarize(values)]))
}

function expectSuccess(name, result) {
  if (result.code === 0) return
  throw new Error(`${name} exited ${result.code ?? result.signal}${result.stderr ? `:\n${result.stderr.trim()}` : ''}`)
}
