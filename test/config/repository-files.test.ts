import { execFileSync } from 'node:child_process'
import { copyFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/pipeline.js'
import { REPO_ROOT, tempDir, writeTree } from '../helpers/run-bundle.js'

/**
 * The repository's `.kube-compat-gate.yml` and the database files it lists are chosen by
 * whoever writes the pull request. They are read only from inside the repository and only when
 * they are regular files: a FIFO used to block the gate forever, and a path like /etc/passwd was
 * read and quoted in the error.
 */
async function gateError(files: Record<string, string>, prepare: (root: string) => void = () => undefined): Promise<string> {
  const root = tempDir()
  writeTree(root, files)
  prepare(root)
  const error = await runGate({ root, failOn: 'error' }).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(Error)
  return (error as Error).message
}

describe("the repository's own configuration", () => {
  it.each([
    ['an absolute path', '/etc/passwd', 'it is outside the repository'],
    ['a path out of the repository', '../elsewhere.yaml', 'it is outside the repository'],
    ['a device that never ends', '/dev/zero', 'it is outside the repository'],
    // actions/checkout keeps the token in .git/config (redteam L01).
    ["git's own configuration", '.git/config', "it is inside \\.git, git's own folder"]
  ])('may not list %s as a database file', async (_name, path, reason) => {
    const message = await gateError({ '.kube-compat-gate.yml': `database:\n  - ${path}\n`, '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n' })
    expect(message).not.toContain('c2VjcmV0')
    expect(message).toMatch(new RegExp(`^cannot read database file \\S+ that \\.kube-compat-gate\\.yml lists: ${reason}$`))
  })

  it('may not list a FIFO as a database file (it would block the gate forever)', async () => {
    const message = await gateError({ '.kube-compat-gate.yml': 'database:\n  - db/extra.yaml\n', 'db/README': 'databases\n' }, (root) =>
      execFileSync('mkfifo', [join(root, 'db', 'extra.yaml')])
    )
    expect(message).toMatch(/^cannot read database file \S+\/db\/extra\.yaml that \.kube-compat-gate\.yml lists: it is not a regular file$/)
  }, 10_000)

  it('may not be a link into .git', async () => {
    const message = await gateError({ '.kube-compat-gate.yml': 'database:\n  - db/extra.yaml\n', '.git/config': '[core]\n', 'db/README': 'x\n' }, (root) =>
      symlinkSync(join(root, '.git', 'config'), join(root, 'db', 'extra.yaml'))
    )
    expect(message).toMatch(/^cannot read database file \S+\/db\/extra\.yaml that \.kube-compat-gate\.yml lists: it is inside \.git, git's own folder$/)
  })

  it('may not be a link to a file outside the repository', async () => {
    const outside = tempDir()
    writeTree(outside, { 'secret.yaml': 'token: ghp_not_for_you\n' })
    const message = await gateError({}, (root) => symlinkSync(join(outside, 'secret.yaml'), join(root, '.kube-compat-gate.yml')))
    expect(message).toMatch(/^cannot read configuration file \S+\/\.kube-compat-gate\.yml: it is outside the repository$/)
    expect(message).not.toContain('ghp_not_for_you')
  })

  it('may list a database file inside the repository', async () => {
    const root = tempDir()
    writeTree(root, { '.kube-compat-gate.yml': 'database:\n  - db/runtime.yaml\n', 'db/README': 'databases\n' })
    copyFileSync(join(REPO_ROOT, 'db', 'runtime.yaml'), join(root, 'db', 'runtime.yaml'))
    await expect(runGate({ root, failOn: 'error' })).resolves.toMatchObject({ report: { summary: { passed: true } } })
  })
})

describe('database files given on the command line or as an action input', () => {
  it('are trusted to live anywhere, but must still be regular files', async () => {
    const root = tempDir()
    await expect(runGate({ root, failOn: 'error', databaseFiles: ['/dev/zero'] })).rejects.toThrow('cannot read database file /dev/zero: it is not a regular file')
    await expect(runGate({ root, failOn: 'error', databaseFiles: [join(REPO_ROOT, 'db', 'runtime.yaml')] })).resolves.toBeDefined()
  })
})
