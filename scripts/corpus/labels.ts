/**
 * Hand labels of a repository's declared versions (test/corpus/labels/*.yaml and the corpus-shapes
 * fixtures): one file per repository, read and checked here so that a mistyped label names its file
 * instead of skewing the score.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { z } from 'zod'

/** The components the corpus measures; declarations of others (helm, containerd, runc) are not scored. */
export const SCORED_COMPONENTS = ['kubernetes', 'vcluster', 'kind', 'kubectl'] as const
export type ScoredComponent = (typeof SCORED_COMPONENTS)[number]

/** Where a component is named: the file and 1-based line, and for Kubernetes the role. */
const Place = z.object({
  file: z.string().min(1),
  line: z.number().int().positive(),
  component: z.enum(SCORED_COMPONENTS),
  role: z.enum(['host', 'virtual']).optional(),
  note: z.string().optional()
})

const Label = Place.extend({
  raw: z.string().optional(),
  version: z.string().optional(),
  constraint: z.boolean().optional(),
  implied: z.boolean().optional()
})
  .strict()
  .refine((label) => label.implied === true || label.version !== undefined, {
    message: 'a label that is not implied needs a version'
  })

/** A place that uses a component without a version (`latest`, a run-time lookup, a tool default). */
const Unversioned = Place.strict()

const LabelFile = z
  .object({
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'owner/name'),
    commit: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional(),
    kind: z.string().optional(),
    labelled: z.string().optional(),
    declarations: z.array(Label).nullable(),
    unversioned: z.array(Unversioned).optional()
  })
  .strict()

export type Label = z.infer<typeof Label>
export type UnversionedUse = z.infer<typeof Unversioned>

export interface RepositoryLabels {
  repository: string
  /** Pinned commit; absent for the CI fixtures, which are directories in this repository. */
  commit?: string
  /** The label file, as given. */
  source: string
  labels: Label[]
  /** Uses without a version: the report must mention each of these files (issue 18: never a silent pass). */
  unversioned: UnversionedUse[]
}

export class LabelError extends Error {}

export function readLabelFile(path: string): RepositoryLabels {
  let data: unknown
  try {
    data = parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new LabelError(`${path}: ${(error as Error).message.split('\n')[0]}`)
  }
  const parsed = LabelFile.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new LabelError(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`)
  }
  const { repository, commit, declarations, unversioned } = parsed.data
  return { repository, ...(commit !== undefined ? { commit } : {}), source: path, labels: declarations ?? [], unversioned: unversioned ?? [] }
}

/** Every `*.yaml` label file of a directory, in name order. */
export function readLabelDirectory(directory: string): RepositoryLabels[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => readLabelFile(join(directory, name)))
}
