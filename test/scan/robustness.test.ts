import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shellScript } from '../../src/scan/extractors/shell-script.js'
import { terraform } from '../../src/scan/extractors/terraform.js'
import { githubWorkflow } from '../../src/scan/extractors/github-workflow.js'
import { SourceFile } from '../../src/scan/source-file.js'

/** Text made of the characters the hand-written tokenizers treat specially. */
const trickyText = fc
  .array(fc.constantFrom('kind create cluster --image ', 'kindest/node:', 'v1.31.2', '"', "'", '$', '{', '}', '(', ')', '{{', '}}', '\\', '\n', ' ', '#', '=', '<<EOF\n', 'EOF\n', 'var.x', 'resource "helm_release" "a" ', 'chart = "vcluster"', 'version = ', '-f ', 'x.yaml', '|', ';', '&'), { maxLength: 40 })
  .map((parts) => parts.join(''))

describe('hand-written readers on hostile text', () => {
  it.each([
    ['shell', shellScript, 'hack/x.sh'],
    ['terraform', terraform, 'main.tf'],
    ['workflow', githubWorkflow, '.github/workflows/x.yml']
  ])('%s never throws and places every declaration inside the file', (_name, extractor, path) => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const file = new SourceFile(path, text)
        const result = extractor.extract(file)
        const lines = text.split('\n').length
        for (const item of [...result.declarations, ...result.diagnostics]) {
          expect(item.file).toBe(path)
          if (item.line !== undefined) expect(item.line).toBeGreaterThanOrEqual(1)
          if (item.line !== undefined) expect(item.line).toBeLessThanOrEqual(lines)
        }
      }),
      { numRuns: 300 }
    )
  })
})
