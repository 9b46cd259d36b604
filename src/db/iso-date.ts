import { z } from 'zod'

/**
 * A calendar date like 2026-11-22 (database `verified` dates, waiver expiries). In a file of its
 * own so that the configuration's schema does not load the database's (and its expression engine).
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    message: 'not a calendar date'
  })
