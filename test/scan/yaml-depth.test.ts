import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/config-schema.js'
import { SourceFile } from '../../src/scan/source-file.js'
import { MAX_NESTING, TOO_DEEP, TOO_DEEP_PART, tooDeepAt } from '../../src/scan/yaml-depth.js'

const REPO_ROOT = join(import.meta.dirname, '..', '..')
const at = (text: string): number | undefined => tooDeepAt(text, 0, text.length)

describe('tooDeepAt', () => {
  it('lets brackets up to the limit through and stops at the first one past it', () => {
    expect(at(`a: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}\n`)).toBeUndefined()
    const text = `a: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`
    expect(at(text)).toBe(3 + MAX_NESTING)
    expect(at(`a: ${'{a: '.repeat(MAX_NESTING + 1)}x${'}'.repeat(MAX_NESTING + 1)}\n`)).toBeDefined()
  })

  it('counts brackets still open, not brackets seen: thousands of closed ones pass', () => {
    expect(at(`list: [${'[1], '.repeat(5000)}[]]\n`)).toBeUndefined()
    expect(at(`${'a: {}\n'.repeat(5000)}`)).toBeUndefined()
  })

  it('counts indentation and the "- " and "? " that start collections on one line', () => {
    expect(at(`a:\n${'- '.repeat(MAX_NESTING / 2)}x\n`)).toBeUndefined()
    expect(at(`a:\n${'- '.repeat(MAX_NESTING / 2 + 1)}x\n`)).toBeDefined()
    expect(at(`a:\n${' '.repeat(MAX_NESTING + 1)}b: 1\n`)).toBeDefined()
    expect(at(`a:\n${'? '.repeat(MAX_NESTING)}x\n`)).toBeDefined()
    // A dash that is not an indicator (a negative number, a word) is not counted.
    expect(at(`a:\n  - -1\n  - -x-${'-'.repeat(500)}\n`)).toBeUndefined()
  })

  it('finds the same first bracket past the limit as a walk over every character', () => {
    const reference = (text: string): number | undefined => {
      let open = 0
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '[' || text[i] === '{') {
          if (++open > MAX_NESTING) return i
        } else if ((text[i] === ']' || text[i] === '}') && open > 0) open--
      }
      return undefined
    }
    let seed = 7
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let run = 0; run < 300; run++) {
      // Opening brackets a little more likely than closing ones, so that some texts pass the limit.
      const text = Array.from({ length: 300 + Math.floor(random() * 900) }, () => '[[{{]}a "'[Math.floor(random() * 9)]).join('')
      expect(at(text), text).toBe(reference(text))
    }
  })

  it('looks only inside the span it is given', () => {
    const deep = `${'['.repeat(MAX_NESTING + 1)}`
    const text = `a: 1\n---\nb: ${deep}\n`
    expect(tooDeepAt(text, 0, 5)).toBeUndefined()
    expect(tooDeepAt(text, 9, text.length)).toBeDefined()
  })

  it('passes every YAML file of this repository (no real configuration is near the limit)', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(files.length).toBeGreaterThan(50)
    const rejected = files.filter((file) => at(readFileSync(join(REPO_ROOT, file), 'utf8')) !== undefined)
    expect(rejected).toEqual([])
  })
})

describe('a YAML file that nests too deeply', () => {
  const deep = `controlPlane: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`

  const partNotParsed = (line: number, column: number) => ({ file: 'values.yaml', line, column, message: `YAML ${TOO_DEEP_PART}`, warning: true })

  it('the part past the bound is blanked, not parsed: a diagnostic at its line, the rest of the document and the other documents still read', () => {
    const file = new SourceFile('values.yaml', `controlPlane:\n  distro: {k8s: {version: v1.32.0}}\n---\n${deep}---\nkind: Cluster\n`)
    const parsed = file.yaml()
    expect(parsed.documents.map((document) => document.index)).toEqual([0, 1, 2])
    expect(parsed.diagnostics).toEqual([partNotParsed(4, 215)])
  })

  it('read whole (a file with directives), the same', () => {
    const parsed = new SourceFile('values.yaml', `%YAML 1.2\n---\n${deep}version: v1.32.0\n`).yaml()
    expect(parsed.documents.map(({ doc }) => doc.get('version'))).toEqual(['v1.32.0'])
    expect(parsed.diagnostics).toEqual([partNotParsed(3, 215)])
  })

  it('a key nested deeper than the bound in block style costs its own lines, not the document (the versions beside it are read)', () => {
    const nested = Array.from({ length: 201 }, (_, level) => `${'  '.repeat(level + 1)}k${level}:`).join('\n')
    const text = `vcluster:\n  version: 0.22.1\nunrelated:\n${nested} x\nkubernetes:\n  version: v1.32.0\n`
    const parsed = new SourceFile('values.yaml', text).yaml()
    expect(parsed.documents).toHaveLength(1)
    expect(parsed.documents[0]!.doc.toJS()).toMatchObject({ vcluster: { version: '0.22.1' }, kubernetes: { version: 'v1.32.0' } })
    expect(parsed.diagnostics).toEqual([partNotParsed(104, 1)])
  })

  it('as the manifest heads are read, is said once and the rest is read', () => {
    const file = new SourceFile('deploy.yaml', `apiVersion: [${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING + 1)}\nkind: Deployment\n`)
    const heads = file.yamlHead(() => true, ['apiVersion', 'kind'])
    expect(heads.documents).toHaveLength(1)
    expect(heads.diagnostics).toHaveLength(1)
    expect(heads.diagnostics[0]!.message).toContain(TOO_DEEP_PART)
  })

  it('as a configuration file, is a problem at its line', () => {
    const result = parseConfig(`failOn: error\nexclude: ${'['.repeat(MAX_NESTING + 1)}\n`, '.kube-compat-gate.yml', '.')
    expect(result).toEqual({ ok: false, problems: [{ file: '.kube-compat-gate.yml', line: 2, column: 210, message: `YAML ${TOO_DEEP}` }] })
  })
})
