import type { WhatIf, WhatIfKey } from '../config/what-if.js'
import type { Declaration, Diagnostic, Environment, EnvironmentSlot, PairingEvidence } from '../model.js'
import { slotOf } from './releases.js'

/** The slots each what-if key sets. */
const SLOTS: Record<WhatIfKey, readonly EnvironmentSlot[]> = {
  kubernetes: ['host', 'virtual'],
  host: ['host'],
  virtual: ['virtual'],
  vcluster: ['vcluster'],
  kind: ['kind'],
  kubectl: ['kubectl']
}

/** The slots that these what-ifs set wherever they apply. */
export function slotsSetBy(whatIfs: readonly WhatIf[]): Set<EnvironmentSlot> {
  return new Set(whatIfs.flatMap((whatIf) => SLOTS[whatIf.key]))
}

/**
 * Evaluates the repository as if the `--target` versions were deployed (like Pluto's
 * `--target-versions`): each environment takes the version in the slots the key names, at the
 * place where the repository declares that slot (or, when it declares none, at the release),
 * so findings still point at the line to change. The virtual version is set only where a
 * vcluster runs; an unknown version that a what-if sets is no longer unknown.
 */
export function applyWhatIfs(environments: readonly Environment[], whatIfs: readonly WhatIf[]): { environments: Environment[]; declarations: Declaration[]; diagnostics: Diagnostic[] } {
  if (whatIfs.length === 0) return { environments: [...environments], declarations: [], diagnostics: [] }
  const declarations: Declaration[] = []
  const applied = environments.map((environment) => {
    let result: Environment = environment
    for (const whatIf of whatIfs) {
      for (const slot of SLOTS[whatIf.key]) {
        const isVcluster = result.vcluster !== undefined || result.virtual !== undefined || result.unknown?.some((u) => slotOf(u) === 'virtual')
        if ((slot === 'virtual' || slot === 'vcluster') && !isVcluster) continue
        const original = result[slot] ?? result.unknown?.find((u) => slotOf(u) === slot)
        const anchor = original ?? result.vcluster ?? result.virtual ?? result.host
        if (!anchor) continue
        const declaration: Declaration = {
          component: slot === 'host' || slot === 'virtual' ? 'kubernetes' : slot,
          ...(slot === 'host' || slot === 'virtual' ? { role: slot } : {}),
          ...((whatIf.distro ?? (original && 'distro' in original ? original.distro : undefined)) ? { distro: whatIf.distro ?? (original as Declaration).distro! } : {}),
          version: whatIf.version,
          raw: whatIf.version,
          file: anchor.file,
          line: anchor.line,
          column: anchor.column,
          source: 'what-if',
          ...(anchor.group !== undefined ? { group: anchor.group } : {})
        }
        declarations.push(declaration)
        const evidence: PairingEvidence = {
          slot,
          kind: 'what-if',
          file: anchor.file,
          line: anchor.line,
          text: `${slot} ${whatIf.version} (--target ${whatIf.spec}, as if deployed${original ? ` in place of ${original.raw || 'the unknown version'} at ${original.file}:${original.line}` : ''})`
        }
        const unknown = result.unknown?.filter((u) => slotOf(u) !== slot)
        result = {
          ...result,
          [slot]: declaration,
          evidence: [...(result.evidence ?? []).filter((e) => e.slot !== slot), evidence],
          ...(unknown !== undefined ? { unknown } : {})
        }
        if (result.unknown?.length === 0) delete result.unknown
      }
    }
    return result
  })
  const diagnostics: Diagnostic[] =
    declarations.length === 0 ? [{ file: '.', message: `--target ${whatIfs.map((w) => w.spec).join(' ')}: the repository declares no environment it could apply to` }] : []
  return { environments: applied, declarations, diagnostics }
}
