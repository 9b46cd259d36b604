import { describe, expect, it } from 'vitest'
import { githubWorkflow } from '../../src/scan/extractors/github-workflow.js'
import { shellScript } from '../../src/scan/extractors/shell-script.js'
import { terraform } from '../../src/scan/extractors/terraform.js'
import { toolVersions } from '../../src/scan/extractors/tool-versions.js'
import type { Extractor } from '../../src/scan/extractors/extractor.js'
import { extractFrom } from '../helpers/source.js'

/**
 * Names in a repository are looked up in tables of known programs, actions, resources and
 * tools. A name like `__proto__` or `constructor` must be an unknown name, not a crash that
 * loses every version of the file (as `__proto__` in a shell script did).
 */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty']

const CASES: Array<[string, Extractor, string, (name: string) => string, string]> = [
  ['a command', shellScript, 'hack/up.sh', (name) => `${name} --version 1.2.3\nkind create cluster --image kindest/node:v1.31.2\n`, '1.31.2'],
  ['an action', githubWorkflow, '.github/workflows/e2e.yml', (name) => `on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${name}@v1\n        with:\n          version: v1\n      - uses: helm/kind-action@v1\n        with:\n          node_image: kindest/node:v1.31.2\n`, '1.31.2'],
  ['a resource type', terraform, 'main.tf', (name) => `resource "${name}" "x" {\n  kubernetes_version = "1.30"\n}\nresource "aws_eks_cluster" "c" {\n  version = "1.31"\n}\n`, '1.31'],
  ['a tool', toolVersions, '.tool-versions', (name) => `${name} 1.2.3\nkubectl 1.31.2\n`, '1.31.2']
]

describe('names that are also Object.prototype keys', () => {
  it.each(CASES.flatMap(([what, extractor, path, text, version]) => NAMES.map((name) => [what, name, extractor, path, text(name), version] as const)))(
    '%s named %s is an unknown name',
    (_what, _name, extractor, path, text, version) => {
      const result = extractFrom(extractor, path, text)
      expect(result.declarations.map((d) => [d.component, d.version])).toEqual([[expect.any(String), version]])
      expect(result.declarations.every((d) => typeof d.component === 'string')).toBe(true)
    }
  )
})
