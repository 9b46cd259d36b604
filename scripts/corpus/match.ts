/**
 * Scores what the scanner declared against hand labels: a declaration matches a label when file,
 * line, component and normalised version agree, and the role too when the label names one. Implied
 * labels and implied declarations (chart defaults) are counted neither way.
 */
import { SCORED_COMPONENTS, type Label, type UnversionedUse } from './labels.js'

/** The fields of a report declaration (the JSON contract) that scoring reads. */
export interface ScannedDeclaration {
  file: string
  line: number
  component: string
  role?: string
  version: string
  raw?: string
  source?: string
  implied?: true | boolean
}

/** What the report says about a scanned tree: its declarations and its diagnostics. */
export interface ScannedReport {
  declarations: ScannedDeclaration[]
  diagnostics: { file: string; line?: number; message: string }[]
}

export interface RepositoryScore {
  /** Labels that count (not implied). */
  labelled: number
  /** Labels that a declaration matched. */
  found: number
  /** Declarations of the scored components that count (not implied). */
  declared: number
  misses: Label[]
  falsePositives: ScannedDeclaration[]
  /** Uses without a version whose file the report names nowhere (no declaration, no diagnostic). */
  silentAbout: UnversionedUse[]
  /** Labelled or unversioned uses exist, yet the report has no declaration of the four components and no diagnostic. */
  silentPass: boolean
}

const scored = new Set<string>(SCORED_COMPONENTS)

/**
 * `v1.29.0` and `1.29.0`, `>=1.23.0-0` and `>=1.23.0`, `0.19.*` and `0.19`, `1.27.` and `1.27` are
 * the same version for scoring: the labels write what a person reads, the scanner what it normalises.
 */
export function normaliseVersion(version: string): string {
  return version
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/(^|[<>=~^,])v(?=\d)/g, '$1')
    .replace(/-0(?=$|[<>=,])/g, '')
    .replace(/(\.(\*|x))+(?=$|[<>=,])/g, '')
    .replace(/\.(?=$|[<>=,])/g, '')
}

function matches(label: Label, declaration: ScannedDeclaration): boolean {
  return (
    label.file === declaration.file &&
    label.line === declaration.line &&
    label.component === declaration.component &&
    (label.role === undefined || label.role === declaration.role) &&
    normaliseVersion(label.version ?? '') === normaliseVersion(declaration.version)
  )
}

export function scoreRepository(
  labels: readonly Label[],
  report: ScannedReport,
  unversioned: readonly UnversionedUse[] = []
): RepositoryScore {
  const { declarations } = report
  const counted = labels.filter((label) => label.implied !== true)
  const candidates = declarations.filter((declaration) => scored.has(declaration.component) && declaration.implied !== true)
  const unmatched = new Set(candidates)
  const misses: Label[] = []
  for (const label of counted) {
    const match = [...unmatched].find((declaration) => matches(label, declaration))
    if (match) unmatched.delete(match)
    else misses.push(label)
  }
  // An implied label's position may carry a real (non-implied) declaration of the same default: not a false positive.
  const impliedAt = new Set(
    labels.filter((label) => label.implied === true).map((label) => `${label.file}:${label.line}:${label.component}:${label.role ?? ''}`)
  )
  const falsePositives = [...unmatched].filter(
    (declaration) =>
      !impliedAt.has(`${declaration.file}:${declaration.line}:${declaration.component}:${declaration.role ?? ''}`)
  )
  const named = new Set([...declarations, ...report.diagnostics].map((item) => item.file))
  const silentAbout = unversioned.filter((use) => !named.has(use.file))
  const reported = candidates.length > 0 || report.diagnostics.length > 0
  return {
    silentAbout,
    silentPass: (labels.length > 0 || unversioned.length > 0) && !reported,
    labelled: counted.length,
    found: counted.length - misses.length,
    declared: candidates.length - (unmatched.size - falsePositives.length),
    misses,
    falsePositives
  }
}

export interface Totals {
  labelled: number
  found: number
  declared: number
  falsePositives: number
}

export function addUp(scores: readonly RepositoryScore[]): Totals {
  return scores.reduce(
    (sum, score) => ({
      labelled: sum.labelled + score.labelled,
      found: sum.found + score.found,
      declared: sum.declared + score.declared,
      falsePositives: sum.falsePositives + score.falsePositives.length
    }),
    { labelled: 0, found: 0, declared: 0, falsePositives: 0 }
  )
}

/** Share of labels found; 1 when nothing is labelled (nothing to miss). */
export function recall(totals: Pick<Totals, 'labelled' | 'found'>): number {
  return totals.labelled === 0 ? 1 : totals.found / totals.labelled
}

/** Share of counted declarations that are labelled; 1 when nothing is declared. */
export function precision(totals: Pick<Totals, 'declared' | 'falsePositives'>): number {
  return totals.declared === 0 ? 1 : (totals.declared - totals.falsePositives) / totals.declared
}
