import type { Usage } from '../../model.js'
import { dirnameOf } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

/** Commands whose support depends on the version of the CLI that runs them. */
const COMMANDS: Array<{ feature: string; pattern: RegExp }> = [
  { feature: 'vclusterConvertConfig', pattern: /\bvcluster\s+convert\s+config\b/g },
  { feature: 'kubectlResizeSubresource', pattern: /\bkubectl\b[^\n]*--subresource[=\s]+resize\b/g }
]

/** Shell scripts, Makefiles and workflow files that run commands. */
function isScriptPath(path: string): boolean {
  return /\.(sh|bash|mk)$/i.test(path) || path === 'Makefile' || path.endsWith('/Makefile') || /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)
}

/** CLI commands in scripts and workflows: `vcluster convert config`, `kubectl ... --subresource resize`. */
export const scriptCommands: Extractor = {
  id: 'script-commands',
  accepts: isScriptPath,
  mightDeclare: (text) => text.includes('convert config') || text.includes('--subresource'),
  extract(file: SourceFile): Extraction {
    const out: Extraction & { usages: Usage[] } = { ...emptyExtraction(), usages: [] }
    for (const { feature, pattern } of COMMANDS) {
      for (const match of file.text.matchAll(pattern)) {
        const location = file.locate(match.index)
        out.usages.push({ feature, ...location, object: `${file.path}:${location.line}`, source: 'script-commands', group: dirnameOf(file.path) })
      }
    }
    return out
  }
}
