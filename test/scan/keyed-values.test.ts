import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanRepository } from '../../src/scan/scan.js'

/**
 * Versions kept under a key of another YAML file: a Helm template's `.Values.x` in a field whose
 * meaning a detector knows, a Terragrunt local decoded from a YAML file. Real scans of small trees.
 */
const roots: string[] = []

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kcg-keyed-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

const CONTROL_PLANE = (value: string) =>
  `apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nmetadata:\n  name: cp\nspec:\n  version: ${value}\n`

const CASES: Array<{ name: string; files: Record<string, string>; declared: string[]; said: RegExp[] }> = [
  {
    name: 'a template key read from every values file of its chart, at the value',
    files: { 'c/templates/cp.yaml': CONTROL_PLANE('{{ .Values.k.v }}'), 'c/values.yaml': 'k:\n  v: v1.30.1\n', 'c/values-prod.yaml': 'k:\n  v: v1.29.3\n', 'other/values.yaml': 'k:\n  v: v1.20.0\n' },
    declared: ['c/values-prod.yaml:2 kubernetes 1.29.3', 'c/values.yaml:2 kubernetes 1.30.1'],
    said: []
  },
  {
    name: 'a key no values file sets, said at the template',
    files: { 'c/templates/cp.yaml': CONTROL_PLANE('{{ $.Values.missing.key | quote }}'), 'c/values.yaml': 'k: 1\n' },
    declared: [],
    said: [/c\/templates\/cp\.yaml:6 .*"\.Values\.missing\.key" has no value/]
  },
  {
    name: 'a chart without values files, said at the template',
    files: { 'templates/cp.yaml': CONTROL_PLANE('{{ .Values.k.v }}') },
    declared: [],
    said: [/templates\/cp\.yaml:6 .*no such file/]
  },
  {
    name: 'an expression that computes is not followed',
    files: { 'c/templates/cp.yaml': CONTROL_PLANE('{{ printf "v%s" .Values.k.v }}'), 'c/values.yaml': 'k:\n  v: 1.30.1\n' },
    declared: [],
    said: [/c\/templates\/cp\.yaml:6 .*template expression/]
  },
  {
    name: 'a Terragrunt local decoded from the nearest env.yaml up the tree',
    files: {
      'live/env.yaml': 'vc:\n  chart: 0.20.0\n',
      'live/prod/env.yaml': 'vc:\n  chart: 0.21.2\n',
      'live/prod/app/terragrunt.hcl': 'locals {\n  env = yamldecode(file(find_in_parent_folders("env.yaml")))\n}\ninputs = {\n  chart = "vcluster"\n  version = local.env.vc.chart\n}\n'
    },
    declared: ['live/prod/env.yaml:2 vcluster 0.21.2'],
    said: []
  },
  {
    name: 'a decoded local whose key is missing, said at the reference',
    files: { 'm/vals.yaml': 'a: 1\n', 'm/terragrunt.hcl': 'locals {\n  cfg = yamldecode(file("vals.yaml"))\n}\ninputs = {\n  kubernetes_version = local.cfg.k8s.version\n}\n' },
    declared: [],
    said: [/m\/terragrunt\.hcl:5 .*"local\.cfg\.k8s\.version" has no value \(not set in m\/vals\.yaml\)/]
  }
]

describe('versions under a key of another YAML file', () => {
  it.each(CASES)('$name', async ({ files, declared, said }) => {
    const scan = await scanRepository(tree(files))
    expect(scan.declarations.filter((d) => d.implied !== true).map((d) => `${d.file}:${d.line} ${d.component} ${d.version}`).sort()).toEqual(declared)
    const diagnostics = scan.diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`)
    for (const pattern of said) expect(diagnostics.some((line) => pattern.test(line)), diagnostics.join('\n')).toBe(true)
  })

  it('reads a bounded number of files however many keys a repository references', async () => {
    const templates: Record<string, string> = {}
    for (let i = 0; i < 150; i++) {
      templates[`c${i}/templates/cp.yaml`] = CONTROL_PLANE(`{{ .Values.${'k.'.repeat(10)}v }}`)
      templates[`c${i}/values.yaml`] = `k:\n  v: v1.30.${i}\n`
    }
    const scan = await scanRepository(tree(templates))
    expect(scan.diagnostics.filter((d) => /has no value/.test(d.message)).length).toBe(150)
  }, 60_000)
})
