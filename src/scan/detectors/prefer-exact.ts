import type { Component, Declaration, Diagnostic } from '../../model.js'

/**
 * Diagnostics said by a generic detector, with the component they are about when known (kept by
 * identity, so the Diagnostic type stays the report's).
 */
const inferredDiagnostics = new WeakMap<Diagnostic, Component | undefined>()

export function markInferred(diagnostic: Diagnostic, component?: Component): void {
  if (!inferredDiagnostics.has(diagnostic) || component !== undefined) inferredDiagnostics.set(diagnostic, component)
}

/**
 * The exact extractors are the precise path. A generic detector's declaration is dropped at a
 * line where an exact one declares anything: the exact reader knows what that value feeds (a
 * `KUBERNETES_VERSION` that only a kubectl download uses is kubectl's version). A
 * generic detector's diagnostic is dropped at a line where an exact extractor declared or said
 * anything, and when it is about a component an exact extractor read in that file (the exact
 * reader resolved the expression the detector could not: a matrix, a generator's parameters).
 */
export function preferExact(declarations: readonly Declaration[], diagnostics: readonly Diagnostic[]): { declarations: Declaration[]; diagnostics: Diagnostic[] } {
  const exact = new Set<string>()
  for (const d of declarations) {
    if (d.confidence === 'inferred') continue
    exact.add(`${d.file}::${d.component}`)
    exact.add(`${d.file}:${d.line}`)
  }
  for (const diagnostic of diagnostics) if (!inferredDiagnostics.has(diagnostic)) exact.add(`${diagnostic.file}:${diagnostic.line ?? ''}`)
  const keepDeclaration = (d: Declaration): boolean =>
    d.confidence !== 'inferred' || !exact.has(`${d.file}:${d.line}`)
  const keepDiagnostic = (diagnostic: Diagnostic): boolean => {
    if (!inferredDiagnostics.has(diagnostic)) return true
    const component = inferredDiagnostics.get(diagnostic)
    return !exact.has(`${diagnostic.file}:${diagnostic.line ?? ''}`) && (component === undefined || !exact.has(`${diagnostic.file}::${component}`))
  }
  return { declarations: declarations.filter(keepDeclaration), diagnostics: diagnostics.filter(keepDiagnostic) }
}
