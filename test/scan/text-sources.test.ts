import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { kindConfig } from '../../src/scan/extractors/kind-config.js'
import { shellScript } from '../../src/scan/extractors/shell-script.js'
import { expand } from '../../src/scan/shell/expand.js'
import { commandsOf } from '../../src/scan/shell/words.js'
import { embeddedSource, SourceFile } from '../../src/scan/source-file.js'
import { parseBody, tokenize } from '../../src/scan/terraform/hcl.js'
import { locateToken, textOf, traced } from '../../src/scan/traced.js'
import { extractFrom, positions } from '../helpers/source.js'

describe('shell words', () => {
  it.each([
    ['quotes are removed, expressions with spaces stay whole', 'kind create cluster --image "kindest/node:${{ matrix.k8s }}"', [['kind', 'create', 'cluster', '--image', 'kindest/node:${{ matrix.k8s }}']]],
    ['continuations join, comments and separators split', 'helm upgrade \\\n  --version 1 # note\nkind create; echo "a b" && ls', [['helm', 'upgrade', '--version', '1'], ['kind', 'create'], ['echo', 'a b'], ['ls']]],
    ['Make and command substitutions stay one word (the command inside follows)', '$(KIND) create --image kindest/node:$(VERSION) $(shell pwd)', [['$(KIND)', 'create', '--image', 'kindest/node:$(VERSION)', '$(shell pwd)'], ['shell', 'pwd']]],
    ['an array is one command over its lines, comments dropped', 'export T=(\n  "kind=0.24.0" # cli\n  kubectl=1.31.0\n)\nls', [['export', 'T=(', 'kind=0.24.0', 'kubectl=1.31.0', ')'], ['ls']]],
    ['an array on one line, appended to, and a subshell that is none', 'T+=(a "b c") ; (cd x) && X=$(pwd)', [['T+=(', 'a', 'b c', ')'], ['(cd', 'x)'], ['X=$(pwd)']]]
  ])('%s', (_name, text, expected) => {
    expect(commandsOf(new SourceFile('x.sh', text)).map((words) => words.map((word) => word.text))).toEqual(expected)
  })

  it('ends quotes at the line in Makefiles, where each line is its own command', () => {
    const file = new SourceFile('Makefile', "MSG := don't panic\ncluster:\n\tkind create cluster\n")
    expect(commandsOf(file, { lineQuotes: true }).map((words) => words.map((word) => word.text))).toEqual([['MSG', ':=', 'dont panic'], ['cluster:'], ['kind', 'create', 'cluster']])
  })

  it('ends an array at the line in Makefiles, where each line is its own command', () => {
    const file = new SourceFile('Makefile', 'T=(a\nkind create cluster\n')
    expect(commandsOf(file, { lineQuotes: true }).map((words) => words.map((word) => word.text))).toEqual([['T=(', 'a'], ['kind', 'create', 'cluster']])
  })

  it('reports where a quote opens that the script never closes', () => {
    const opened: number[] = []
    commandsOf(new SourceFile('x.sh', 'echo ok\nkind create cluster --image "kindest/node:v1\n'), { unclosedQuote: (offset) => opened.push(offset) })
    expect(opened).toEqual([36])
  })

  it('traces a quoted word back to its characters', () => {
    const file = new SourceFile('x.sh', 'echo\nkind --image "kindest/node:v1.31.2"\n')
    const word = commandsOf(file)[1]![2]!
    expect(locateToken(word.value, 13, 20)).toEqual({ location: { file: 'x.sh', line: 2, column: 28 }, raw: 'v1.31.2' })
  })
})

describe('scripts with unbalanced quotes', () => {
  it('keep the kind version of a Makefile whose variable holds an apostrophe', () => {
    const result = extractFrom(shellScript, 'Makefile', "MSG := don't panic\ncluster:\n\tkind create cluster --image kindest/node:v1.31.0\n")
    expect(positions(result.declarations)).toEqual([{ component: 'kubernetes', version: '1.31.0', line: 3, column: 43 }])
    expect(result.diagnostics).toEqual([])
  })

  it('name the script and the quote a shell would reject', () => {
    expect(extractFrom(shellScript, 'hack/up.sh', 'kind create cluster --image "kindest/node:v1.31.8\n').diagnostics).toEqual([
      { file: 'hack/up.sh', line: 1, column: 29, message: 'this quote is never closed: a shell rejects the script and versions after it may be missed' }
    ])
  })
})

describe('variable expansion', () => {
  const file = new SourceFile('x.sh', 'K8S=1.31.2\n')
  const variables = new Map([['K8S', [{ value: traced(file, '1.31.2', 4) }]], ['matrix.k', [{ value: traced(file, 'a', 0), group: 'g#0' }, { value: traced(file, 'b', 0), group: 'g#1' }]]])

  it.each([
    ['a known variable', 'kindest/node:v${K8S}', ['kindest/node:v1.31.2']],
    ['a default wins over other values', '${K8S:-v1.30.0}', ['v1.30.0']],
    ['an unknown variable stays as written', '${NOPE}', ['${NOPE}']],
    ['a matrix gives one value per entry', 'x-${{ matrix.k }}', ['x-a', 'x-b']]
  ])('%s', (_name, text, expected) => {
    const source = new SourceFile('y.sh', text)
    expect(expand(traced(source, text, 0), variables).map((result) => textOf(result.value))).toEqual(expected)
  })

  it('places a version that comes from a variable at the variable', () => {
    const source = new SourceFile('y.sh', 'kindest/node:v${K8S}')
    const [result] = expand(traced(source, source.text, 0), variables)
    expect(locateToken(result!.value, 13, 20)).toEqual({ location: { file: 'x.sh', line: 1, column: 5 }, raw: '1.31.2' })
  })
})

describe('embedded YAML strings', () => {
  it.each([
    ['a literal block maps line by line', 'values: |\n  a: 1\n\n  tag: v1.32.1\n', 'v1.32.1', { line: 4, column: 8 }],
    ['a block with an indentation indicator', 'values: |2\n    tag: v1.32.1\n', 'v1.32.1', { line: 2, column: 10 }],
    ['a folded block points at its start', 'values: >\n  tag: v1.32.1\n', 'v1.32.1', { line: 1, column: 9 }]
  ])('%s', (_name, text, token, expected) => {
    const outer = new SourceFile('app.yaml', text)
    const node = parseDocument(text).get('values', true) as { value: string; range: number[] }
    const inner = embeddedSource(outer, node.value, node.range)
    expect(inner.locate(inner.text.indexOf(token))).toEqual({ file: 'app.yaml', ...expected })
  })
})

describe('YAML positions', () => {
  it('counts lines from the text, also past a stray carriage return the YAML lexer does not count', () => {
    const text = "a: 'x'\r\r\n b\n---\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - image: kindest/node:v1.31.2\n"
    expect(positions(extractFrom(kindConfig, 'kind.yaml', text).declarations)).toEqual([{ component: 'kubernetes', version: '1.31.2', line: 7, column: 25 }])
  })
})

describe('HCL', () => {
  it('reads blocks, labels and attributes past comments and heredocs', () => {
    const text = '# c\nresource "helm_release" "vc" {\n  /* x */ description = <<EOT\n version = "9"\nEOT\n  version = "0.22.1" // pin\n  set {\n    name = "a"\n  }\n}\n'
    const body = parseBody(tokenize(text))
    const release = body.blocks[0]!
    expect([release.type, ...release.labels]).toEqual(['resource', 'helm_release', 'vc'])
    expect(release.attributes.get('version')?.value.map((t) => t.text)).toEqual(['0.22.1'])
    expect(release.blocks.map((b) => b.attributes.get('name')?.value[0]?.text)).toEqual(['a'])
  })

  it('ends an unterminated string at its line, so the next attribute is still read', () => {
    const release = parseBody(tokenize('resource "helm_release" "v" {\n  chart = "vcluster\n  version = "0.22.1"\n}\n')).blocks[0]!
    expect(release.attributes.get('version')?.value.map((t) => t.text)).toEqual(['0.22.1'])
    expect(tokenize('a = "x\n').find((t) => t.kind === 'string')).toMatchObject({ text: 'x', unterminated: true })
  })

  it('does not call a newline inside an interpolation unterminated', () => {
    expect(tokenize('a = "${join(",",\n').find((t) => t.kind === 'string')?.unterminated).toBeUndefined()
  })

  it('closes a heredoc only at a line holding its marker, indented or not', () => {
    const tokens = tokenize('v = <<-EOT\n  EOTX\n  EOT\nw = 1\n')
    expect(tokens.find((t) => t.kind === 'heredoc')).toMatchObject({ text: '  EOTX\n', offset: 11 })
    expect(parseBody(tokens).attributes.has('w')).toBe(true)
    expect(tokenize('v = <<EOT\nx\n').find((t) => t.kind === 'heredoc')).toMatchObject({ text: 'x\n', unterminated: true })
  })

  it('skips blocks nested deeper than Terraform nests them, and reads what follows', () => {
    const text = `${'a {\n'.repeat(20_000)}${'}\n'.repeat(20_000)}resource "helm_release" "v" {\n  version = "0.22.1"\n}\n`
    const body = parseBody(tokenize(text))
    expect(body.blocks.map((b) => b.type)).toEqual(['a', 'resource'])
  })
})
