import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * A repository nobody would want to scan, built at test time (nothing binary is committed).
 * Each entry says what a user must see in the report for it; the corpus test checks that.
 */
export interface HostileEntry {
  /** Repository-relative path of the file, link or directory. */
  path: string
  /** What it tries to break. */
  attack: string
  /** A diagnostic naming this path must match; unset where the path declares nothing. */
  diagnostic?: RegExp
  /** A version the path declares that must survive the attack (normalised, with its line). */
  declares?: { version: string; line: number; column: number }
}

export interface Corpus {
  root: string
  entries: HostileEntry[]
  /** The one good finding among the bad files. */
  good: { id: string; file: string; line: number }
  /** Versions written only outside the root: none may appear in the report. */
  outsideMarkers: string[]
}

/** Bytes of the oversized file, as issue 9 asks: far over the default 2 MiB limit. */
export const HUGE_FILE_BYTES = 35 * 1024 * 1024
/** Nesting depth of the deep YAML and HCL files ("tens of thousands of levels"). */
export const DEPTH = 50_000

/**
 * Version strings repositories write that are not versions (issue 9), with the reason a user
 * reads when one is a k3s image tag. As a chart dependency `1` and `1.32.x` are valid Helm
 * ranges and are read as such.
 */
export const NOT_VERSIONS: ReadonlyArray<{ name: string; written: string; reason: RegExp; validRange?: true }> = [
  { name: 'latest', written: 'latest', reason: /"latest" is not pinned to a version/ },
  { name: 'empty', written: '""', reason: /the version is empty/ },
  { name: 'v', written: 'v', reason: /"v" is not a version/ },
  { name: 'one', written: '"1"', reason: /"1" is not a version/, validRange: true },
  { name: 'minor-x', written: '1.32.x', reason: /"1\.32\.x" is not a version/, validRange: true },
  { name: 'broken-range', written: "'>=0.2x'", reason: /">=0\.2x" is not a version/ },
  { name: 'variable', written: '${VAR}', reason: /"\$\{VAR\}" is a template or variable/ },
  { name: 'too-large', written: '99999999999999999999.0.0', reason: /has a number too large to be a version/ }
]

const k3sValues = (tag: string, eol = '\n'): string =>
  ['controlPlane:', '  distro:', '    k3s:', '      enabled: true', '      image:', `        tag: ${tag}`, ''].join(eol)
const chart = (version: string): string =>
  `apiVersion: v2\nname: tenant\nversion: 1.0.0\ndependencies:\n  - name: vcluster\n    version: ${version}\n    repository: https://charts.loft.sh\n`

/**
 * Builds the corpus under `base` (`base/repo` is scanned, `base/outside` must never be read).
 * Directories are world-readable so that an unprivileged user can scan it; the two
 * unreadable entries are mode 000, which only stops a reader that is not root.
 */
export function buildCorpus(base: string): Corpus {
  chmodSync(base, 0o755)
  const root = join(base, 'repo')
  const outside = join(base, 'outside')
  const entries: HostileEntry[] = []
  const write = (path: string, content: string | Buffer, entry: Omit<HostileEntry, 'path'>): void => {
    const absolute = join(root, path)
    mkdirSync(dirname(absolute), { recursive: true })
    writeFileSync(absolute, content)
    entries.push({ path, ...entry })
  }
  const link = (target: string, path: string, entry: Omit<HostileEntry, 'path'>): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    symlinkSync(target, join(root, path))
    entries.push({ path, ...entry })
  }

  // The good file among the bad ones: the seed incident (vcluster 0.22.1 with a k3s 1.32 tenant).
  write('good/Chart.yaml', chart('0.22.1'), { attack: 'none: the seed incident', declares: { version: '0.22.1', line: 6, column: 14 } })
  write('good/values.yaml', `vcluster:\n${k3sValues('v1.32.0-k3s1').replace(/^(?=.)/gm, '  ')}`, {
    attack: 'none: the seed incident',
    declares: { version: '1.32.0', line: 7, column: 16 }
  })

  // Outside the root: a different vcluster version that would fail the gate if it were read, and
  // FIFOs that would block the scan until its time limit if anything opened them.
  mkdirSync(join(outside, 'chart'), { recursive: true })
  writeFileSync(join(outside, 'chart', 'Chart.yaml'), chart('0.21.7'))
  writeFileSync(join(outside, 'chart', 'values.yaml'), k3sValues('v1.32.9-k3s1'))
  mkdirSync(join(outside, 'trap'))
  execFileSync('mkfifo', [join(outside, 'trap', 'values.yaml'), join(outside, 'trap', 'Chart.yaml')])

  // YAML that costs exponential memory when aliases are expanded (billion laughs, 9^12 strings).
  const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i <= 12; i++) laughs.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`)
  write('bombs/values.yaml', `${laughs.join('\n')}\n${k3sValues('*a12')}`, { attack: 'alias bomb where the version belongs', diagnostic: /a list, not a version/ })
  write('bombs/kind.yaml', `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${laughs.join('\n')}\nnodes: *a12\n`, { attack: 'alias bomb where kind nodes are read' })
  write('bombs/anchored/values.yaml', `${laughs.join('\n')}\nk3s: &k3s v1.31.3-k3s1\n${k3sValues('*k3s')}`, {
    attack: 'alias bomb beside a version written through an alias',
    declares: { version: '1.31.3', line: 14, column: 11 }
  })

  // Deep nesting: block sequences (`- - - …` nests a level every two characters) and flow collections.
  const yamlTooDeep = /YAML a part nested more than 200 levels deep/
  write('deep/block/values.yaml', k3sValues(`\n          ${'- '.repeat(DEPTH)}x`), { attack: `${DEPTH} levels of block nesting`, diagnostic: yamlTooDeep })
  write('deep/flow/values.yaml', `controlPlane: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`, { attack: `${DEPTH} levels of flow sequences`, diagnostic: yamlTooDeep })
  write('deep/flowmap/Chart.yaml', `dependencies: ${'{a: '.repeat(DEPTH)}vcluster${'}'.repeat(DEPTH)}\n`, { attack: `${DEPTH} levels of flow mappings`, diagnostic: yamlTooDeep })
  write('deep/hcl/main.tf', `${'locals {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}resource "helm_release" "v" {\n  chart = "vcluster"\n  version = "0.23.1"\n}\n`, {
    attack: `${DEPTH} nested HCL blocks before a release`,
    declares: { version: '0.23.1', line: 2 * DEPTH + 3, column: 14 }
  })
  write('deep/parens/main.tf', `resource "helm_release" "v" {\n  chart = "vcluster"\n  version = ${'('.repeat(DEPTH)}"0.22.1"${')'.repeat(DEPTH)}\n}\n`, {
    attack: `${DEPTH} levels of parentheses`,
    diagnostic: /the value is an expression, not a version/
  })

  // Over the size limit: skipped with a diagnostic, never read into memory.
  write('big/values.yaml', Buffer.alloc(HUGE_FILE_BYTES, 'controlPlane: {distro: {k3s: {enabled: true, image: {tag: v1.32.0-k3s1}}}}\n'), {
    attack: `${HUGE_FILE_BYTES} bytes`,
    diagnostic: /skipped: 36700160 bytes is over the 2097152-byte limit/
  })
  // Just under it: blank lines after an unterminated heredoc (was minutes of regex backtracking).
  write('hcl/blank-lines/main.tf', `resource "helm_release" "v" {\n  chart = "vcluster"\n  version = "0.22.1"\n  values = [<<EOT\n${'\n'.repeat(1_500_000)}`, {
    attack: '1.5 MB of blank lines in an unterminated heredoc',
    diagnostic: /a heredoc that is never closed/,
    declares: { version: '0.22.1', line: 3, column: 14 }
  })

  // Expressions that never close, one every few bytes of a 1.5 MB line (held-out attacks H12, H13: each was read to
  // the end of the line, minutes of CPU per file).
  write('unclosed/image.yaml', `x: ${'kindest/node:{{'.repeat(100_000)}\n`, { attack: '100,000 image tags opening a template that never closes' })
  write('unclosed/image.sh', `echo ${'rancher/k3s:${'.repeat(100_000)}\n`, { attack: '100,000 image tags opening a variable that never closes' })
  write('unclosed/default.sh', `kind create cluster --image "kindest/node:${'${A:-'.repeat(300_000)}"\n`, { attack: '300,000 variable defaults that never close' })

  // Encodings: binary content behind a YAML name, UTF-16, invalid UTF-8, a BOM, CRLF.
  const binary = Buffer.alloc(4096)
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) % 256
  binary.write('controlPlane:\n  distro:\n', 100)
  write('binary/values.yaml', binary, { attack: 'binary file named .yaml', diagnostic: /skipped: binary content/ })
  write('encoding/utf16/values.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(k3sValues('v1.31.2-k3s1'), 'utf16le')]), {
    attack: 'UTF-16 with a byte order mark',
    declares: { version: '1.31.2', line: 6, column: 14 }
  })
  write('encoding/invalid-utf8/values.yaml', Buffer.concat([Buffer.from(k3sValues('v1.31.').trimEnd()), Buffer.from([0xc3, 0x28, 0xff, 0x0a])]), {
    attack: 'invalid UTF-8 in the version',
    diagnostic: /not valid UTF-8/
  })
  write('encoding/bom/values.yaml', `\ufeff${k3sValues('v1.31.4-k3s1')}`, { attack: 'byte order mark', declares: { version: '1.31.4', line: 6, column: 14 } })
  write('encoding/crlf/values.yaml', k3sValues('v1.31.5-k3s1', '\r\n'), { attack: 'CRLF line ends', declares: { version: '1.31.5', line: 6, column: 14 } })
  write('encoding/crlf/up.sh', '#!/bin/sh\r\nkind create cluster --image kindest/node:v1.31.6\r\n', { attack: 'CRLF shell script', declares: { version: '1.31.6', line: 2, column: 42 } })

  // Hand-written tokenizers: unterminated strings, heredocs, quotes.
  write('hcl/heredoc/main.tf', `resource "helm_release" "v" {\n  chart = "vcluster"\n  values = [<<EOT\n${k3sValues('v1.31.7-k3s1')}`, {
    attack: 'unterminated HCL heredoc',
    diagnostic: /a heredoc that is never closed/
  })
  write('hcl/string/main.tf', 'resource "helm_release" "v" {\n  chart = "vcluster\n  version = "0.22.1"\n}\n', {
    attack: 'unterminated HCL string',
    diagnostic: /a string that is not closed on its line/,
    declares: { version: '0.22.1', line: 3, column: 14 }
  })
  write('hcl/interpolation/main.tf', 'resource "helm_release" "v" {\n  chart = "vcluster"\n  version = "${var.x\n}\n', {
    attack: 'unterminated HCL interpolation',
    diagnostic: /template or variable/
  })
  write('shell/quote/up.sh', 'kind create cluster --image "kindest/node:v1.31.8\nhelm install v vcluster --version \'0.22.1\n', {
    attack: 'unterminated shell quotes',
    diagnostic: /this quote is never closed/
  })
  write('shell/make/Makefile', "MSG := don't panic\ncluster:\n\tkind create cluster --image kindest/node:v1.31.9\n", {
    attack: 'an apostrophe in a Make variable',
    declares: { version: '1.31.9', line: 3, column: 43 }
  })
  // Heredoc-fed kind configs are not read at all (a known gap); the file must only not break anything.
  write('shell/heredoc/up.sh', 'cat <<EOF | kind create cluster --config -\nkind: Cluster\nnodes:\n  - image: kindest/node:v1.31.9\n', { attack: 'unterminated shell heredoc' })

  // Helm templates: Go templates inside YAML.
  write('chart/templates/vcluster.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  {{- range .Values.x }}\n  tag: {{ .Values.k3s.tag | quote }}\n  {{- end }}\n${k3sValues('{{ .Values.tag }}')}`, {
    attack: 'Helm template inside YAML',
    diagnostic: /YAML does not parse/
  })
  write('templated/values.yaml', k3sValues('"{{ .Values.k3sTag }}"'), { attack: 'template as a version', diagnostic: /template or variable/ })

  // Version strings that are not versions, one file each, in the two places the seed uses.
  for (const { name, written, reason, validRange } of NOT_VERSIONS) {
    write(`versions/${name}/Chart.yaml`, chart(written), validRange ? { attack: `vcluster version range ${written}` } : { attack: `vcluster version ${written}`, diagnostic: reason })
    write(`versions/${name}/values.yaml`, k3sValues(written), { attack: `k3s tag ${written}`, diagnostic: reason })
  }

  // Symbolic links: loops, and escapes to files and directories outside the root.
  const escape = /symbolic link points outside the scanned directory/
  link('loop-b.yaml', 'links/loop-a.yaml', { attack: 'symbolic link loop', diagnostic: /symbolic link loop/ })
  link('loop-a.yaml', 'links/loop-b.yaml', { attack: 'symbolic link loop', diagnostic: /symbolic link loop/ })
  link('.', 'links/self', { attack: 'directory linked to itself (not followed, its content is scanned in place)' })
  link(join(outside, 'chart'), 'links/chart', { attack: 'directory link out of the root', diagnostic: escape })
  link(join(outside, 'chart', 'Chart.yaml'), 'links/tenant/Chart.yaml', { attack: 'absolute file link out of the root', diagnostic: escape })
  link('../../../outside/chart/values.yaml', 'links/tenant/values.yaml', { attack: 'relative file link out of the root', diagnostic: escape })
  link(join(outside, 'trap', 'values.yaml'), 'links/trap/values.yaml', { attack: 'link to a FIFO outside the root', diagnostic: escape })
  link(join(outside, 'trap'), 'links/trap-dir', { attack: 'directory link to FIFOs outside the root', diagnostic: escape })
  write(
    'argocd/app.yaml',
    [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: stolen',
      'spec:',
      '  sources:',
      '    - repoURL: https://charts.loft.sh',
      '      chart: vcluster',
      '      targetRevision: 0.23.0',
      '      helm:',
      '        valueFiles:',
      '          - $values/../outside/chart/values.yaml',
      '          - $values/../outside/trap/values.yaml',
      '          - $values/links/tenant/values.yaml',
      '    - repoURL: https://example.com/platform.git',
      '      ref: values',
      ''
    ].join('\n'),
    { attack: 'values file paths out of the root', diagnostic: /values file \.\.\/outside\/chart\/values\.yaml not read: the path leaves the scanned directory/ }
  )

  // Names that are not UTF-8 (Linux allows any bytes): Node hands them over with U+FFFD.
  const undecodable = (path: string, bytes: number[]): Buffer => Buffer.concat([Buffer.from(join(root, path)), Buffer.from(bytes)])
  mkdirSync(join(root, 'names'))
  mkdirSync(undecodable('names/dir', [0xff]))
  writeFileSync(Buffer.concat([undecodable('names/dir', [0xff]), Buffer.from('/values.yaml')]), k3sValues('v1.31.1-k3s1'))
  entries.push({ path: 'names/dir\ufffd', attack: 'directory name that is not UTF-8', diagnostic: /the name is not valid UTF-8/ })
  writeFileSync(Buffer.concat([undecodable('names/kind', [0xfe]), Buffer.from('.yaml')]), 'kind: Cluster\nnodes:\n  - image: kindest/node:v1.31.1\n')
  entries.push({ path: 'names/kind\ufffd.yaml', attack: 'file name that is not UTF-8', diagnostic: /the name is not valid UTF-8/ })

  // Files the scanner cannot read. A FIFO would block a naive reader forever, even as root.
  mkdirSync(join(root, 'special'), { recursive: true })
  execFileSync('mkfifo', [join(root, 'special', 'values.yaml')])
  entries.push({ path: 'special/values.yaml', attack: 'FIFO named values.yaml', diagnostic: /not a regular file/ })
  link('values.yaml', 'special/linked-fifo.yaml', { attack: 'link to a FIFO', diagnostic: /not a regular file/ })
  execFileSync('mkfifo', [join(root, 'special', '.gitignore')])
  entries.push({ path: 'special/.gitignore', attack: 'FIFO named .gitignore (blocked the walk forever before)' })
  write('unreadable/file/values.yaml', k3sValues('v1.31.1-k3s1'), { attack: 'file with mode 000', diagnostic: /cannot read file \(EACCES\)/ })
  chmodSync(join(root, 'unreadable', 'file', 'values.yaml'), 0o000)
  mkdirSync(join(root, 'unreadable', 'dir'), { recursive: true })
  writeFileSync(join(root, 'unreadable', 'dir', 'values.yaml'), k3sValues('v1.31.1-k3s1'))
  chmodSync(join(root, 'unreadable', 'dir'), 0o000)
  entries.push({ path: 'unreadable/dir', attack: 'directory with mode 000', diagnostic: /cannot read directory: EACCES/ })

  return {
    root,
    entries,
    good: { id: 'vcluster-qosclass-immutable-k8s-1.32', file: 'good/Chart.yaml', line: 6 },
    outsideMarkers: ['0.21.7', '1.32.9']
  }
}
