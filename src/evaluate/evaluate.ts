import type { Conditions, Database, Entry } from '../db/schema.js'
import type { Declaration, Environment, Finding } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { matchRange, type RangeMatch } from '../versions/range.js'

/** Conditions over a version, and the environment slot each one reads. */
const VERSION_CONDITIONS = {
  vcluster: 'vcluster',
  virtual: 'virtual',
  host: 'host',
  kind: 'kind',
  kubectl: 'kubectl'
} as const satisfies Partial<Record<keyof Conditions, keyof Environment>>

const DISTRO_CONDITIONS = { virtualDistro: 'virtual', hostDistro: 'host' } as const

/**
 * Checks every environment against every entry. An entry applies when all of its
 * conditions hold; the finding sits at the declaration of the entry's first condition,
 * with the others listed beside it.
 */
export function evaluate(environments: readonly Environment[], database: Database): Finding[] {
  const findings = new Map<string, Finding>()
  for (const entry of database.entries) {
    for (const environment of environments) {
      const finding = applyEntry(entry, environment)
      if (!finding) continue
      const key = `${finding.id}|${finding.declarations.map(locationKey).join('|')}`
      if (!findings.has(key)) findings.set(key, finding)
    }
  }
  return [...findings.values()].sort(byLocation)
}

function applyEntry(entry: Entry, environment: Environment): Finding | undefined {
  const involved: Declaration[] = []
  let certainty: RangeMatch = 'affected'
  for (const [condition, value] of Object.entries(entry.when) as Array<[keyof Conditions, unknown]>) {
    if (value === undefined) continue
    if (condition in VERSION_CONDITIONS) {
      const declaration = environment[VERSION_CONDITIONS[condition as keyof typeof VERSION_CONDITIONS]]
      if (!declaration) return undefined
      const match = matchRange(parsedOf(declaration), value as string)
      if (match === 'not-affected') return undefined
      if (match === 'may-be-affected') certainty = match
      if (!involved.includes(declaration)) involved.push(declaration)
    } else if (condition in DISTRO_CONDITIONS) {
      const declaration = environment[DISTRO_CONDITIONS[condition as keyof typeof DISTRO_CONDITIONS]]
      if (!declaration?.distro || !(value as string[]).includes(declaration.distro)) return undefined
    }
  }
  const primary = involved[0]
  if (!primary) return undefined
  return {
    id: entry.id,
    severity: entry.severity,
    title: entry.title,
    message: describeCombination(involved, certainty),
    remediation: entry.remediation,
    references: [...entry.references],
    certainty: certainty === 'may-be-affected' ? 'may-be-affected' : 'affected',
    file: primary.file,
    line: primary.line,
    column: primary.column,
    declarations: involved
  }
}

export function describeDeclaration(declaration: Declaration): string {
  const what =
    declaration.component === 'kubernetes'
      ? `${declaration.role === 'virtual' ? 'virtual' : 'host'} Kubernetes`
      : declaration.component
  const distro = declaration.distro && declaration.component === 'kubernetes' ? ` (${declaration.distro})` : ''
  return `${what} ${declaration.raw}${distro}`
}

function describeCombination(involved: Declaration[], certainty: RangeMatch): string {
  const parts = involved.map((d) => `${describeDeclaration(d)} at ${d.file}:${d.line}`)
  const prefix = certainty === 'may-be-affected' ? 'May be affected: the declared range includes affected versions. ' : ''
  return `${prefix}${parts.join(' with ')}.`
}

function locationKey(declaration: Declaration): string {
  return `${declaration.file}:${declaration.line}:${declaration.column}`
}

function byLocation(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id)
}
