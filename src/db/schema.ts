import { z } from 'zod'
import { SEVERITIES } from '../model.js'
import { isValidRange } from '../versions/range.js'

/** A node-semver range, evaluated with pre-releases included. */
const Range = z.string().refine(isValidRange, { message: 'not a valid version range' })

const HttpsUrl = z.url({ protocol: /^https$/, message: 'must be an https URL' })

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22')

/**
 * What must hold for an entry to apply; every constraint given must hold at once.
 * Kubernetes constraints name the role of the cluster: `host` (where vcluster or the
 * workload runs) or `virtual` (the vcluster tenant).
 */
export const Conditions = z
  .object({
    vcluster: Range.optional(),
    virtual: Range.optional(),
    virtualDistro: z.array(z.string()).nonempty().optional(),
    host: Range.optional(),
    hostDistro: z.array(z.string()).nonempty().optional(),
    kind: Range.optional(),
    kubectl: Range.optional()
  })
  .strict()
  .refine((when) => Object.values(when).some((value) => value !== undefined), {
    message: 'an entry needs at least one condition'
  })

export const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dashes'),
    title: z.string().min(10),
    severity: z.enum(SEVERITIES),
    category: z.string().min(1),
    /** `unverified` entries come from second-hand reports and may never be errors. */
    confidence: z.enum(['verified', 'unverified']).default('verified'),
    when: Conditions,
    /** First fixed version on each release branch. */
    fixedIn: z.array(z.string()).default([]),
    /** Minimum versions to move to, per component. */
    minimumSafe: z.record(z.string(), z.string()).default({}),
    symptoms: z.array(z.string()).default([]),
    /** Regular expressions over runtime evidence (events, logs), for the smoke test. */
    signatures: z
      .array(z.string().refine(isRegExp, { message: 'not a valid regular expression' }))
      .default([]),
    remediation: z.string().min(10),
    references: z.array(HttpsUrl).nonempty(),
    verified: IsoDate,
    notes: z.string().optional()
  })
  .strict()
  .refine((entry) => !(entry.confidence === 'unverified' && entry.severity === 'error'), {
    message: 'an unverified entry cannot be an error: verify it at its source or lower its severity',
    path: ['severity']
  })

export type Entry = z.infer<typeof Entry>
export type Conditions = z.infer<typeof Conditions>

export const EntryFile = z.object({ entries: z.array(Entry) }).strict()

export const DatabaseMeta = z
  .object({ version: z.string().min(1), date: IsoDate })
  .strict()

export interface Database {
  version: string
  date: string
  entries: Entry[]
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}
