import type { Declaration } from '../model.js'
import type { ParsedVersion } from './parse.js'

/**
 * The parsed form of a declaration's normalised version. Each declaration is checked against
 * every entry of the database, so its parse is kept with it (and `matchRange` keeps its
 * results with the parse).
 */
export function parsedOf(declaration: Pick<Declaration, 'version' | 'constraint'>): ParsedVersion {
  let parsed = PARSED.get(declaration)
  if (parsed === undefined || parsed.version !== declaration.version) {
    parsed = parse(declaration)
    PARSED.set(declaration, parsed)
  }
  return parsed
}

const PARSED = new WeakMap<object, ParsedVersion>()

function parse(declaration: Pick<Declaration, 'version' | 'constraint'>): ParsedVersion {
  if (declaration.constraint) return { kind: 'range', version: declaration.version }
  if (/^\d+\.\d+$/.test(declaration.version)) return { kind: 'minor', version: declaration.version }
  return { kind: 'exact', version: declaration.version }
}
