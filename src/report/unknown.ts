import type { UnknownPlace } from '../evaluate/unknown-places.js'
import type { UnknownCause } from '../model.js'
import type { Report } from './report.js'
import { forWorkflowCommand } from './escape.js'

export { LOOKED_FOR } from './report.js'

/** Why a version cannot be read, in the words every report uses (README, "Versions the gate cannot read"). */
export const UNKNOWN_CAUSE_TEXT: Record<UnknownCause, string> = {
  'no-version': 'no version written',
  latest: '`latest` or no tag',
  'no-value': 'variable with no value in this repository',
  template: 'template expression',
  'not-a-version': 'not a version',
  unreadable: 'unreadable file',
  'tool-default': "the tool's default"
}

/** "hack/up.sh:2", or the file alone when the place has no line. */
export function placeOf(place: Pick<UnknownPlace, 'file' | 'line'>): string {
  return place.line ? `${place.file}:${place.line}` : place.file
}

/** "template expression — kind node image: …": why first, then what is there. */
export function unknownText(place: UnknownPlace): string {
  return `${UNKNOWN_CAUSE_TEXT[place.cause]} — ${place.message}`
}

/** The heading of the list: how many places, and what it means for the gate. */
export function unknownHeading(count: number): string {
  return `${count === 1 ? 'A version is' : `${count} versions are`} used but could not be read, so the gate cannot check ${count === 1 ? 'it' : 'them'}:`
}

/** The line of a report that found nothing at all: how many files, and what was looked for. */
export function nothingFoundLine(report: Report): string | undefined {
  return report.lookedFor === undefined ? undefined : `No versions found in ${report.summary.filesScanned} files. Looked for ${report.lookedFor}.`
}

/**
 * The lines every report puts near its top: each place whose version could not be read, once,
 * with where and why, or, when nothing at all was found, what was looked for. `format` writes one
 * place and its text as the renderer's format needs.
 */
export function unknownLines(report: Report, format: (where: string, text: string) => string): string[] {
  if (report.unknown.length > 0) return [unknownHeading(report.unknown.length), ...report.unknown.map((place) => format(placeOf(place), unknownText(place)))]
  const nothing = nothingFoundLine(report)
  return nothing ? [nothing] : []
}

/** At most this many annotations for unread versions: GitHub shows ten warnings per step, findings come first. */
const MAX_UNKNOWN_ANNOTATIONS = 5

/** The notice annotation of a run that found nothing: what was looked for (a pass must not look like a clean one). */
export function nothingFoundAnnotation(report: Report): { message: string; properties: { title: string } } | undefined {
  const nothing = nothingFoundLine(report)
  return nothing ? { message: forWorkflowCommand(nothing), properties: { title: 'kube-compat-gate: no versions found' } } : undefined
}

/** Workflow annotations for the places whose version could not be read, at their file and line (the action emits them as warnings). */
export function unknownAnnotations(report: Report, pathPrefix: string): Array<{ message: string; properties: { title: string; file: string; startLine?: number } }> {
  return report.unknown.slice(0, MAX_UNKNOWN_ANNOTATIONS).map((place) => ({
    message: forWorkflowCommand(unknownText(place)),
    properties: { title: 'kube-compat-gate: version not read', file: forWorkflowCommand(`${pathPrefix}${place.file}`), ...(place.line ? { startLine: place.line } : {}) }
  }))
}
