import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseOutputs, REPO_ROOT, runBundle, tempDir } from '../helpers/run-bundle.js'

/** Runs dist/index.js as the runner does: inputs in INPUT_*, outputs and summary in files. */
function runAction(inputs: Record<string, string>) {
  const dir = tempDir('kcg-action-')
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: REPO_ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const run = runBundle('index', [], env)
  return { ...run, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') }
}

describe('dist/index.js (the action)', () => {
  it('annotates the finding at its file and line, summarises, sets outputs and fails the step', () => {
    const run = runAction({ path: 'examples/vcluster-upgrade-to-1.32', 'fail-on': 'error', 'github-token': 'ghs_secret123' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /^::error title=vcluster below 0\.23\.0-rc\.\d leaves every pod Pending with a Kubernetes 1\.32 virtual cluster \[vcluster-qosclass-immutable-k8s-1\.32\],file=examples\/vcluster-upgrade-to-1\.32\/clusters\/dev\/Chart\.yaml,line=8,col=14::vcluster 0\.22\.1 at clusters\/dev\/Chart\.yaml:8 with virtual Kubernetes v1\.32\.0-k3s1 \(k3s\)/m
    )
    expect(run.stdout).toContain('::add-mask::ghs_secret123')
    expect(run.stdout).toMatch(/^::error::kube-compat-gate failed: 1 finding at or above fail-on "error" \(1 error/m)
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['error-count']).toBe('1')
    // Warnings (end of life, ...) depend on the day the test runs; the count must match them.
    const findings = JSON.parse(run.outputs.findings!) as Array<{ id: string; severity: string; line: number }>
    expect(run.outputs['warning-count']).toBe(String(findings.filter((f) => f.severity === 'warning').length))
    expect(findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ id: 'vcluster-qosclass-immutable-k8s-1.32', line: 8 })])
    expect(run.summary).toContain('## kube-compat-gate: ❌ failed')
    expect(run.summary).toMatch(/\| ❌ \| \*\*vcluster below 0\.23\.0-rc\.\d leaves every pod Pending/)
    expect(run.summary).toContain('`clusters/dev/Chart.yaml:8`')
    // The compatibility grid: the declared vcluster 0.22.1 breaks on the declared 1.32.
    expect(run.summary).toContain('### Compatibility on host Kubernetes')
    expect(run.summary).toMatch(/^\| 0\.22\.1 📍 \|.*📍 ❌ a/m)
  })

  it('passes and says so on the fixed repository', () => {
    const run = runAction({ path: 'examples/vcluster-0.23-with-1.32', 'fail-on': 'error' })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('::error')
    expect(run.outputs.result).toBe('passed')
    expect(run.summary).toContain('✅ passed')
  })

  it('fails with one clear message on a bad input value', () => {
    const run = runAction({ path: '.', 'fail-on': 'sometimes' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::input "fail-on" must be one of error, warning, notice, never (got "sometimes")')
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})
