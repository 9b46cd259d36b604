import type { Database } from './schema.js'

/**
 * Every apiVersion an entry's `when.api` names: the only APIs whose use can match an entry,
 * so the scan records (and parses manifests for) no others.
 */
export function listedApiVersions(database: Database): ReadonlySet<string> {
  return new Set(database.entries.flatMap((entry) => (entry.when.api ?? []).map((api) => api.apiVersion)))
}
