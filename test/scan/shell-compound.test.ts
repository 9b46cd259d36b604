import { describe, expect, it } from 'vitest'
import { shellScript } from '../../src/scan/extractors/shell-script.js'
import { vclusterValues } from '../../src/scan/extractors/vcluster-values.js'
import { commandsOf } from '../../src/scan/shell/words.js'
import { SourceFile } from '../../src/scan/source-file.js'
import { extractFrom } from '../helpers/source.js'

// The seed change written inside compound commands (held-out attacks E25-E28): each form must give the
// vcluster chart version and the virtual Kubernetes version it sets, as the plain command does.
const HELM = 'helm upgrade --install dev vcluster --repo https://charts.loft.sh --version 0.22.1 --set controlPlane.distro.k3s.image.tag=v1.32.0-k3s1'
const SEED = ['kubernetes 1.32.0', 'vcluster 0.22.1']

function versionsIn(path: string, text: string): string[] {
  return extractFrom(shellScript, path, text).declarations.map((d) => `${d.component} ${d.version}`).sort()
}

describe('commands inside compound commands', () => {
  it.each([
    ['a plain command', HELM],
    ['an if on one line', `if [ -n "$CI" ]; then ${HELM}; fi`],
    ['an else branch', `if [ -z "$CI" ]; then echo skip; else ${HELM}; fi`],
    ['a condition', `if ${HELM}; then echo ok; fi`],
    ['a case arm', `case "$1" in up) ${HELM} ;; down) helm uninstall dev ;; esac`],
    ['a case arm on its own line', `case "$1" in\n  up) ${HELM} ;;\nesac`],
    ['a case arm with a parenthesised pattern', `case "$1" in\n  (up|start) ${HELM} ;;\nesac`],
    ['a command substitution', `OUT=$(${HELM})`],
    ['a substitution inside quotes', `echo "deployed: $(${HELM})"`],
    ['backquotes', `OUT=\`${HELM}\``],
    ['a one-line function', `deploy() { ${HELM}; }\nfor e in dev; do deploy; done`],
    ['a function keyword', `function deploy { ${HELM}; }`],
    ['a group', `{ ${HELM}; }`],
    ['a subshell', `( ${HELM} )`],
    ['a subshell without spaces', `(${HELM})`],
    ['a for loop body', `for i in 1; do ${HELM}; done`],
    ['a while loop body', `while false; do ${HELM}; done`],
    ['a negation', `! ${HELM}`],
    ['xargs', `echo dev | xargs -n1 -I {} ${HELM}`],
    ['timeout', `timeout 10m ${HELM}`],
    ['bash -c', `bash -c "${HELM}"`],
    ['sh -ec with single quotes', `sh -ec '${HELM}'`],
    ['eval', `eval "${HELM}"`],
    ['eval of separate words', `eval ${HELM}`]
  ])('%s', (_name, text) => {
    expect(versionsIn('deploy.sh', `#!/bin/sh\n${text}\n`)).toEqual(SEED)
  })

  it('reads a Makefile recipe whose helm runs inside $(shell …)', () => {
    expect(versionsIn('Makefile', `up:\n\t@echo $(shell ${HELM})\n`)).toEqual(SEED)
  })

  it('places the versions of a substitution where they are written', () => {
    const found = extractFrom(shellScript, 'up.sh', `X=1\nOUT=$(helm upgrade --install dev vcluster --version 0.22.1)\n`).declarations
    expect(found.map((d) => [d.version, d.line, d.column])).toEqual([['0.22.1', 2, 53]])
  })

  it('does not take words that only look like compound words for commands', () => {
    // `kind` as an argument of echo, `then` as a variable value: nothing is declared.
    expect(versionsIn('x.sh', 'echo then kind create cluster --image kindest/node:v1.31.0\nX=then\n')).toEqual([])
  })
})

describe('nesting is bounded', () => {
  it('reads substitutions at most a few levels deep, whatever the text', () => {
    const deep = `${'$('.repeat(5000)}helm upgrade --install dev vcluster --version 0.22.1${')'.repeat(5000)}`
    expect(() => commandsOf(new SourceFile('x.sh', deep))).not.toThrow()
    const nested = (levels: number) => `${'bash -c "$('.repeat(levels)}${HELM}${')"'.repeat(levels)}`
    expect(() => extractFrom(shellScript, 'x.sh', nested(2000))).not.toThrow()
  })

  it('reads hostile arrays in linear time: unclosed, a `(` after every long word, 20,000 pins', () => {
    for (const text of [`T=(${' "kubectl=1.31.0"\n'.repeat(20_000)}`, `${'a'.repeat(200_000)}${'('.repeat(20_000)}=(x)`, `${'T=( '.repeat(20_000)})`, `X=(${'[kind]=0.1.0 '.repeat(20_000)})`]) {
      expect(() => extractFrom(shellScript, 'x.sh', text)).not.toThrow()
    }
  })

  it('reads arithmetic and Make references as words, not commands', () => {
    const commands = commandsOf(new SourceFile('Makefile', 'X := $((1 + 2)) $(KIND_VERSION)\n'), { lineQuotes: true })
    expect(commands.map((words) => words.map((word) => word.text))).toEqual([['X', ':=', '$((1 + 2))', '$(KIND_VERSION)']])
  })
})

describe('programs held in variables', () => {
  it.each([
    ['a variable naming the program', `HELM=helm\n$HELM ${HELM.slice(5)}`],
    ['a variable holding the program and its options', `HELM="helm --debug"\n\${HELM} ${HELM.slice(5)}`],
    ['an unknown variable named for the program', `\${HELM} ${HELM.slice(5)}`]
  ])('%s', (_name, text) => {
    expect(versionsIn('deploy.sh', `#!/bin/sh\n${text}\n`)).toEqual(SEED)
  })
})

describe('values given to a chart on the command line', () => {
  const chartFolder = (text: string) =>
    extractFrom(shellScript, 'clusters/dev/deploy.sh', text).declarations.map((d) => `${d.component} ${d.version} ${d.group}`)

  it.each([
    ['--set on a local umbrella chart joins the chart folder', 'helm upgrade --install dev . -f values.yaml --set vcluster.controlPlane.distro.k3s.image.tag=v1.32.0-k3s1'],
    ['--set-literal', 'helm upgrade --install dev ./ --set-literal vcluster.controlPlane.distro.k3s.image.tag=v1.32.0-k3s1'],
    ['--set-json, leaf by leaf', `helm upgrade --install dev . --set-json 'vcluster.controlPlane.distro.k3s.image={"repository":"rancher/k3s","tag":"v1.32.0-k3s1"}'`]
  ])('%s', (_name, text) => {
    expect(chartFolder(`${text}\n`)).toEqual(['kubernetes 1.32.0 clusters/dev'])
  })

  it('reads flags a Makefile keeps in a variable', () => {
    const make = 'HELM_FLAGS := -f values.yaml\nHELM_FLAGS += --set vcluster.controlPlane.distro.k3s.image.tag=v1.32.0-k3s1\n\ndeploy:\n\thelm upgrade --install dev . $(HELM_FLAGS)\n'
    const found = extractFrom(shellScript, 'clusters/dev/Makefile', make).declarations
    expect(found.map((d) => [d.version, d.group, d.line])).toEqual([['1.32.0', 'clusters/dev', 2]])
  })

  it('reads --set-literal on the vcluster chart itself instead of the chart default', () => {
    expect(versionsIn('x.sh', `${HELM.replace('--set ', '--set-literal ')}\n`)).toEqual(SEED)
  })

  it.each([
    ['JSON it cannot parse', `helm upgrade --install dev vcluster --version 0.22.1 --set-json 'controlPlane.distro.k3s.image={tag:v1.32}'`],
    ['a version set from a file', 'helm upgrade --install dev vcluster --version 0.22.1 --set-file controlPlane.distro.k3s.image.tag=tag.txt']
  ])('names %s as unknown at its line', (_name, text) => {
    const result = extractFrom(shellScript, 'x.sh', `#!/bin/sh\n${text}\n`) as { unknowns?: Array<{ line: number; cause: string; role?: string }> }
    expect(result.unknowns?.map((u) => [u.line, u.cause, u.role])).toEqual([[2, 'unreadable', 'virtual']])
  })
})

describe('a tag pinned by digest', () => {
  const digest = `@sha256:${'ab'.repeat(32)}`

  it('is read as its tag on the command line (redteam E01)', () => {
    expect(versionsIn('x.sh', `${HELM}${digest}\n`)).toEqual(SEED)
  })

  it('is read as its tag in a values file (redteam E01)', () => {
    const values = `controlPlane:\n  distro:\n    k3s:\n      enabled: true\n      image:\n        tag: v1.32.0-k3s1${digest}\n`
    const found = extractFrom(vclusterValues, 'vcluster.yaml', values).declarations
    expect(found.map((d) => [d.version, d.line, d.column])).toEqual([['1.32.0', 6, 14]])
  })
})
