import type { Component, Declaration, Diagnostic, UnknownVersion } from '../../model.js'

/**
 * Diagnostics said by a generic detector, with the component they are about when known (kept by
 * identity, so the Diagnostic type stays the report's).
 */
const inferredDiagnostics = new WeakMap<Diagnostic, Component | undefined>()

export function markInferred(diagnostic: Diagnostic, component?: Component): void {
  if (!inferredDiagnostics.has(diagnostic) || component !== undefined) inferredDiagnostics.set(diagnostic, component)
}

/** An unknown version and the diagnostic that says it, so that they are kept or dropped together. */
const saidBy = new WeakMap<UnknownVersion, Diagnostic>()

export function tieUnknown(unknown: UnknownVersion, diagnostic: Diagnostic): void {
  saidBy.set(unknown, diagnostic)
}

/**
 * The unknown versions that a kept diagnostic says (at their place: two readers' identical
 * diagnostics are kept once), and those that no diagnostic says.
 */
export function keptUnknowns(unknowns: readonly UnknownVersion[], diagnostics: readonly Diagnostic[]): UnknownVersion[] {
  const said = new Set(diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line ?? ''}`))
  return unknowns.filter((unknown) => !saidBy.has(unknown) || said.has(`${unknown.file}:${unknown.line}`))
}

/**
 * The exact extractors are the precise path. A generic detector's declaration is dropped at a
 * line where an exact one declares anything: the exact reader knows what that value feeds (a
 * `KUBERNETES_VERSION` that only a kubectl download uses is kubectl's version). A
 * generic detector's diagnostic is dropped at a line where an exact extractor declared or said
 * anything, and when it is about a component an exact extractor read in that file (the exact
 * reader resolved the expression the detector could not: a matrix, a generator's parameters).
 */
export function preferExact(
  declarations: readonly Declaration[],
  diagnostics: readonly Diagnostic[],
  unknowns: readonly UnknownVersion[] = []
): { declarations: Declaration[]; diagnostics: Diagnostic[] } {
  const exact = new Set<string>()
  // An exact extractor that found the version unreadable without a diagnostic (values that do not parse) has said
  // why: a generic detector's diagnostic there is dropped. Its lenient reading of the line still counts when it read a version.
  const exactUnknownAt = new Set(unknowns.filter((unknown) => !saidBy.has(unknown)).map((unknown) => `${unknown.file}:${unknown.line}`))
  for (const d of declarations) {
    if (d.confidence === 'inferred') continue
    exact.add(`${d.file}::${d.component}`)
    exact.add(`${d.file}:${d.line}`)
  }
  for (const diagnostic of diagnostics) if (!inferredDiagnostics.has(diagnostic)) exact.add(`${diagnostic.file}:${diagnostic.line ?? ''}`)
  // One token, one inferred declaration: two readings of it (a matrix key's name, the input it feeds) may name different groups.
  const inferredTokens = new Set<string>()
  const keepDeclaration = (d: Declaration): boolean => {
    if (d.confidence !== 'inferred') return true
    if (exact.has(`${d.file}:${d.line}`)) return false
    const token = `${d.file}:${d.line}:${d.column}:${d.component}:${d.role ?? ''}:${d.version}:${d.implied === true}`
    if (inferredTokens.has(token)) return false
    inferredTokens.add(token)
    return true
  }
  const keepDiagnostic = (diagnostic: Diagnostic): boolean => {
    if (!inferredDiagnostics.has(diagnostic)) return true
    const component = inferredDiagnostics.get(diagnostic)
    return !exact.has(`${diagnostic.file}:${diagnostic.line ?? ''}`) && !exactUnknownAt.has(`${diagnostic.file}:${diagnostic.line ?? ''}`) && (component === undefined || !exact.has(`${diagnostic.file}::${component}`))
  }
  return { declarations: declarations.filter(keepDeclaration), diagnostics: diagnostics.filter(keepDiagnostic) }
}
