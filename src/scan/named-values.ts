import { cannotRead, declareImageTag, declareVersion } from './declare.js'
import { emptyExtraction, type Extraction, type NamedUse, type NamedValue } from './extractors/extractor.js'

/**
 * Declares each use of a name with the values it may take in its scope: values written in
 * the scope's directory or below (`environments/prod.tfvars`), the highest priority only, and the values
 * some runs are given beside it (a `-var-file` file beside the variable's default).
 * A name with no value anywhere becomes a diagnostic at the use.
 */
export function resolveNamedUses(extractions: readonly Extraction[]): Extraction {
  const out = emptyExtraction()
  const values = extractions.flatMap((extraction) => extraction.values ?? [])
  for (const use of extractions.flatMap((extraction) => extraction.uses ?? [])) {
    // A default belongs to its own module; a tfvars file below the module may feed it (`environments/prod.tfvars`).
    const candidates = values.filter(
      (value) => value.name === use.name && (value.scope === use.scope || (value.priority > 1 && within(value.scope, use.scope)))
    )
    if (use.whenDefined) {
      if (candidates.length > 0) out.diagnostics.push({ ...use.from, message: use.whenDefined.message, unresolved: true, cause: use.whenDefined.cause })
      continue
    }
    const ranked = candidates.filter((value) => value.beside !== true)
    const best = Math.max(...ranked.map((value) => value.priority))
    const chosen = [...ranked.filter((value) => value.priority === best), ...candidates.filter((value) => value.beside === true)]
    if (chosen.length === 0) {
      const reason = `"${use.name}" has no default or value in this repository`
      cannotRead(out, use.request, { location: use.from, raw: use.name }, { message: `${use.request.what}: ${reason}, so the version cannot be read`, reason, cause: 'no-value' })
      continue
    }
    for (const value of chosen) declareUse(out, use, value)
  }
  return out
}

function declareUse(out: Extraction, use: NamedUse, value: NamedValue): void {
  if (use.image) declareImageTag(out, value.value, use.request)
  else declareVersion(out, value.value, use.request)
}

function within(scope: string, root: string): boolean {
  return root === '.' || scope === root || scope.startsWith(`${root}/`)
}
