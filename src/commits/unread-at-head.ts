import { SUBMODULE_NOT_READ } from '../scan/discover.js'
import type { Declaration, Diagnostic } from '../model.js'

/**
 * Files that declared versions at the base and that the head could not read (grown past
 * `maxFileBytes`, binary, a link the scan does not follow...). A pull request could otherwise pad
 * its declaring file past the size limit, and the error it brings in would become a "cannot be
 * decided" warning that passes: the change is not judged, so the gate fails, naming each file.
 */
export function unreadAtHead(base: readonly Declaration[], head: readonly Declaration[], headDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  const declaredAtBase = new Set(base.map((declaration) => declaration.file))
  const declaredAtHead = new Set(head.map((declaration) => declaration.file))
  const unread: Diagnostic[] = []
  const seen = new Set<string>()
  for (const diagnostic of headDiagnostics) {
    if (!/^(skipped|cannot read)/.test(diagnostic.message)) continue
    // A folder not read (a submodule the checkout does not hold) stands for every file under it.
    const files = declaredAtBase.has(diagnostic.file) ? [diagnostic.file] : diagnostic.message === SUBMODULE_NOT_READ ? [...declaredAtBase].filter((file) => file.startsWith(`${diagnostic.file}/`)) : []
    for (const file of files) {
      if (declaredAtHead.has(file) || seen.has(file)) continue
      seen.add(file)
      unread.push({
        file,
        message: `declared versions at the base, and the change made it unreadable (${file === diagnostic.file ? '' : `${diagnostic.file}: `}${diagnostic.message}): the change cannot be judged, so the gate fails`,
        warning: true
      })
    }
  }
  return unread
}
