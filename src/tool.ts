import pkg from '../package.json' with { type: 'json' }

/** Name and version of this tool, as printed by `--version` and put in every report. */
export const TOOL = { name: 'kube-compat-gate', version: pkg.version } as const

/**
 * What `--version` prints: the tool's version and the bundled database's, since a finding
 * depends on both (a database-only release changes findings without a code change).
 */
export function versionLine(database: { version: string; date: string; entries: readonly unknown[] }): string {
  const dated = database.version === database.date ? database.date : `${database.version} of ${database.date}`
  return `${TOOL.name} ${TOOL.version} · database ${dated} (${database.entries.length} entries)\n`
}
