import type { Declaration } from '../model.js'
import type { ParsedVersion } from './parse.js'

/** The parsed form of a declaration's normalised version. */
export function parsedOf(declaration: Pick<Declaration, 'version' | 'constraint'>): ParsedVersion {
  if (declaration.constraint) return { kind: 'range', version: declaration.version }
  if (/^\d+\.\d+$/.test(declaration.version)) return { kind: 'minor', version: declaration.version }
  return { kind: 'exact', version: declaration.version }
}
