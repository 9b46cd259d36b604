import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_PATTERN_TESTS } from '../../src/scan/discover.js'
import { scanRepository } from '../../src/scan/scan.js'
import { tempDir, writeTree } from '../helpers/run-bundle.js'

const KIND = (version: string): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - image: kindest/node:${version}\n`

async function filesDeclaring(root: string, options = {}): Promise<string[]> {
  const scan = await scanRepository(root, options)
  return scan.declarations.map((d) => d.file).sort()
}

describe('which files the scan reads', () => {
  it('honours .gitignore at every level and skips node_modules, vendor and .terraform', async () => {
    const root = tempDir()
    writeTree(root, {
      '.gitignore': 'generated/\n*.local.yaml\n',
      'generated/kind.yaml': KIND('v1.20.0'),
      'dev.local.yaml': KIND('v1.20.0'),
      'team/.gitignore': 'scratch.yaml\n',
      'team/scratch.yaml': KIND('v1.20.0'),
      'team/kind.yaml': KIND('v1.31.0'),
      'node_modules/x/kind.yaml': KIND('v1.20.0'),
      'vendor/x/kind.yaml': KIND('v1.20.0'),
      '.terraform/x/kind.yaml': KIND('v1.20.0')
    })
    expect(await filesDeclaring(root)).toEqual(['team/kind.yaml'])
  })

  it.each([
    ['include keeps only matching files', { include: ['clusters/**'] }, ['clusters/prod/kind.yaml']],
    ['exclude drops matching files and directories', { exclude: ['hack/', 'clusters/prod/*.yaml'] }, ['ci/kind.yaml']],
    ['exclude wins over include', { include: ['*.yaml'], exclude: ['ci/'] }, ['clusters/prod/kind.yaml', 'hack/kind.yaml']]
  ])('%s', async (_name, options, expected) => {
    const root = tempDir()
    writeTree(root, { 'clusters/prod/kind.yaml': KIND('v1.31.0'), 'hack/kind.yaml': KIND('v1.30.0'), 'ci/kind.yaml': KIND('v1.29.0') })
    expect(await filesDeclaring(root, options)).toEqual(expected)
  })

  it('skips a file over the size limit with a diagnostic naming the limit', async () => {
    const root = tempDir()
    writeTree(root, { 'big/kind.yaml': `${KIND('v1.31.0')}#${'x'.repeat(2000)}\n`, 'small/kind.yaml': KIND('v1.30.0') })
    const scan = await scanRepository(root, { maxFileBytes: 1000 })
    expect(scan.declarations.map((d) => d.file)).toEqual(['small/kind.yaml'])
    expect(scan.diagnostics).toEqual([{ file: 'big/kind.yaml', message: expect.stringMatching(/over the 1000-byte limit/), warning: true }])
  })

  it('never follows a symbolic link out of the scanned directory', async () => {
    const outside = tempDir()
    writeTree(outside, { 'kind.yaml': KIND('v1.20.0'), 'dir/kind.yaml': KIND('v1.20.0') })
    const root = tempDir()
    writeTree(root, { 'real/kind.yaml': KIND('v1.31.0') })
    symlinkSync(join(outside, 'kind.yaml'), join(root, 'escape.yaml'))
    symlinkSync(join(outside, 'dir'), join(root, 'escape-dir'))
    symlinkSync(join(root, 'real', 'kind.yaml'), join(root, 'inside.yaml'))
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => d.file).sort()).toEqual(['inside.yaml', 'real/kind.yaml'])
    // A linked directory is reported whatever its name: nothing under it was checked.
    expect(scan.diagnostics).toEqual([
      { file: 'escape-dir', message: 'skipped: symbolic link points outside the scanned directory', warning: true },
      { file: 'escape.yaml', message: 'skipped: symbolic link points outside the scanned directory', warning: true }
    ])
  })

  it('refuses a values file that a release points outside the root, and reads one inside', async () => {
    const outside = tempDir()
    writeFileSync(join(outside, 'values.yaml'), 'controlPlane:\n  distro:\n    k8s:\n      version: v1.20.0\n')
    const root = tempDir()
    mkdirSync(join(root, 'hack'))
    writeTree(root, {
      'hack/deploy.sh': `helm upgrade --install vc loft/vcluster --version 0.23.0 -f ../${outside.split('/').pop()}/values.yaml -f my-values.yaml -f linked-values.yaml\n`,
      // A name no extractor reads on its own: only the release's -f makes it vcluster values.
      'hack/my-values.yaml': 'controlPlane:\n  distro:\n    k8s:\n      version: v1.32.1\n'
    })
    symlinkSync(join(outside, 'values.yaml'), join(root, 'hack', 'linked-values.yaml'))
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => `${d.component} ${d.version} ${d.file}`).sort()).toEqual([
      'kubernetes 1.32.1 hack/my-values.yaml',
      'vcluster 0.23.0 hack/deploy.sh'
    ])
    expect(scan.diagnostics.map((d) => d.message).sort()).toEqual([
      'skipped: symbolic link points outside the scanned directory',
      expect.stringMatching(/^values file \.\.\/.*\/values\.yaml not read: the path leaves the scanned directory$/),
      'values file hack/linked-values.yaml not read: symbolic link points outside the scanned directory'
    ])
  })

  it('names a binary file with a YAML name instead of dropping it silently', async () => {
    const root = tempDir()
    writeFileSync(join(root, 'image.yaml'), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x01]))
    writeTree(root, { 'kind.yaml': KIND('v1.31.0') })
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => d.file)).toEqual(['kind.yaml'])
    expect(scan.diagnostics).toEqual([{ file: 'image.yaml', message: 'skipped: binary content (a NUL byte in the first 8000 bytes)' }])
  })

  it.each([
    ['Makefile', 'cluster:\n\tkind create cluster --image kindest/node:v1.31.0 # \u0000\n'],
    ['create.sh', '#!/bin/sh\nkind create cluster --image kindest/node:v1.31.0\n# \u0000\u0000 bash skips these\n']
  ])('reads a %s with a NUL byte in a comment (bash and make still run it) instead of calling it binary', async (name, text) => {
    const root = tempDir()
    writeFileSync(join(root, name), text)
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => `${d.file}:${d.line} ${d.raw}`)).toContainEqual(expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')}:\\d+ v1\\.31\\.0$`)))
    expect(scan.diagnostics).toEqual([])
  })

  it('names a submodule of .gitmodules whose folder the checkout left empty or missing, and reads one that is checked out', async () => {
    const root = tempDir()
    const modules = ['empty', 'missing', 'present', '../outside'].map((path) => `[submodule "${path}"]\n\tpath = ${path}\n\turl = https://example.org/${path}.git\n`)
    writeTree(root, { '.gitmodules': modules.join(''), 'present/kind.yaml': KIND('v1.31.0') })
    mkdirSync(join(root, 'empty'))
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => d.file)).toEqual(['present/kind.yaml'])
    expect(scan.diagnostics.filter((d) => /submodule/.test(d.message)).map((d) => d.file)).toEqual(['empty', 'missing'])
  })

  it('outside a git work tree, stops applying a .gitignore of many patterns after MAX_PATTERN_TESTS tries, saying so, and reads what it named', async () => {
    const root = tempDir()
    const patterns = 4_000
    const folders = Math.ceil(MAX_PATTERN_TESTS / patterns) + 10
    writeTree(root, {
      '.gitignore': `${Array.from({ length: patterns - 1 }, (_, i) => `no-such-name-${i}`).join('\n')}\nz-hidden/\n`,
      ...Object.fromEntries(Array.from({ length: folders }, (_, i) => [`d${String(i).padStart(4, '0')}/notes.txt`, 'x\n'])),
      'z-hidden/kind.yaml': KIND('v1.31.0')
    })
    const scan = await scanRepository(root)
    expect(scan.diagnostics).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^\.gitignore not applied from here on: outside a git work tree its patterns were tried 3000000 times/), warning: true }))
    expect(scan.declarations.map((d) => d.file)).toEqual(['z-hidden/kind.yaml'])
  })

  // Go's YAML reader breaks lines at each of them (gopkg.in/yaml.v2 `is_break`); git and GitHub number lines at LF only.
  it.each([
    ['CR-only', '\r'],
    ['NEL', '\u0085'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029']
  ])('reads a YAML file with %s line ends as kubectl and helm do, citing the line GitHub shows', async (_name, separator) => {
    const root = tempDir()
    writeFileSync(join(root, 'kind.yaml'), KIND('v1.31.0').replace(/\n/g, separator))
    writeFileSync(join(root, 'kind-lf.yaml'), `# a${separator}# b\n${KIND('v1.30.0')}`)
    const scan = await scanRepository(root)
    const lfLine = `# a\n${KIND('v1.30.0')}`.split('\n').findIndex((line) => line.includes('v1.30.0')) + 1
    expect(scan.declarations.map((d) => `${d.file}:${d.line} ${d.raw}`).sort()).toEqual([`kind-lf.yaml:${lfLine} v1.30.0`, 'kind.yaml:1 v1.31.0'])
  })

  it.each([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(KIND('v1.31.0'), 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(KIND('v1.31.0'), 'utf16le').swap16()])]
  ])('reads a %s file with a byte order mark (Windows PowerShell writes those)', async (_name, bytes) => {
    const root = tempDir()
    writeFileSync(join(root, 'kind.yaml'), bytes)
    const scan = await scanRepository(root)
    expect(scan.declarations.map(({ version, line, column }) => ({ version, line, column }))).toEqual([{ version: '1.31.0', line: 4, column: 25 }])
    expect(scan.diagnostics).toEqual([])
  })

  it('says where a file stops being UTF-8 and still reads the rest', async () => {
    const root = tempDir()
    writeFileSync(join(root, 'kind.yaml'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${KIND('v1.31.0')}`)]))
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => d.version)).toEqual(['1.31.0'])
    expect(scan.diagnostics).toEqual([{ file: 'kind.yaml', line: 1, column: 6, message: 'not valid UTF-8: invalid bytes were read as U+FFFD (save the file as UTF-8)' }])
  })

  it('does not take a U+FFFD written as valid UTF-8 for an encoding problem', async () => {
    const root = tempDir()
    writeTree(root, { 'kind.yaml': `# \uFFFD\n${KIND('v1.31.0')}` })
    expect((await scanRepository(root)).diagnostics).toEqual([])
  })

  it('names FIFOs, link loops and links to FIFOs without blocking on them', async () => {
    const root = tempDir()
    writeTree(root, { 'kind.yaml': KIND('v1.31.0') })
    execFileSync('mkfifo', [join(root, 'values.yaml'), join(root, '.gitignore')])
    symlinkSync('values.yaml', join(root, 'linked.yaml'))
    symlinkSync('loop-b.yaml', join(root, 'loop-a.yaml'))
    symlinkSync('loop-a.yaml', join(root, 'loop-b.yaml'))
    const scan = await scanRepository(root)
    expect(scan.declarations.map((d) => d.file)).toEqual(['kind.yaml'])
    expect(scan.diagnostics).toEqual(
      expect.arrayContaining([
        { file: 'values.yaml', message: 'skipped: not a regular file (a FIFO, socket or device)' },
        { file: 'linked.yaml', message: 'skipped: symbolic link to something that is not a regular file', warning: true },
        { file: 'loop-a.yaml', message: 'skipped: symbolic link loop', warning: true },
        { file: 'loop-b.yaml', message: 'skipped: symbolic link loop', warning: true }
      ])
    )
    expect(scan.diagnostics).toHaveLength(4)
  })
})
