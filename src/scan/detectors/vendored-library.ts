import type { Extraction } from '../extractors/extractor.js'
import { literal } from '../extractors/literal.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'

/**
 * `import 'github.com/owner/vcluster-libsonnet/main.libsonnet'` (jsonnet), `import "example.com/vcluster"` (CUE): a
 * library that is not one of the repository's own files (no `./` or `../`) is found on the library path, a
 * vendored folder (`vendor/`, `cue.mod/pkg/`). Vendored folders are not read for versions, so what the library
 * deploys has no version here: said at the import, never a silent pass.
 */
const IMPORT = /(?<![\w.])import(?:str)?[ \t]+(?:[A-Za-z_]\w*[ \t]+)?(['"])([^'"\n]{1,512}?vcluster[^'"\n]{0,512}?)\1/g

export const vendoredLibrary: Detector = {
  id: 'vendored-library',
  mightDetect: (text) => IMPORTS.foundIn(text) && text.includes('vcluster'),
  detect(view: FileView, out: Extraction): void {
    if (!/\.(jsonnet|libsonnet|cue)$/i.test(view.file.path)) return
    for (const match of view.file.text.matchAll(IMPORT)) {
      const path = match[2]!
      if (path.startsWith('.') || path.startsWith('/') || commented(view, match.index)) continue
      const at = view.file.locate(match.index + match[0].indexOf(path))
      out.diagnostics.push({
        ...at,
        message: `vcluster is used through the library "${path}", whose files are vendored and not read for versions: the vcluster version it deploys cannot be read in this repository; pin it in the repository's own files`,
        unresolved: true,
        cause: 'no-version'
      })
    }
  }
}

const IMPORTS = literal('import')

/** After `//` or `#` on its line (jsonnet and CUE comments): an import written in a comment imports nothing. */
function commented(view: FileView, offset: number): boolean {
  const before = view.file.text.slice(Math.max(offset - view.file.locate(offset).column + 1, offset - 512), offset)
  return before.includes('//') || /^[ \t]*#/.test(before) || view.inComment(offset)
}
