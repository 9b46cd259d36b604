import type { Declaration, Diagnostic, Environment } from '../../src/model.js'

/**
 * Compact, readable rows for comparing scans with expectations:
 * `component[/role] [distro] version [implied|constraint] @ file:line:column`.
 */
export function declarationRow(d: Declaration): string {
  const what = d.role ? `${d.component}/${d.role}` : d.component
  const flags = [d.implied ? 'implied' : '', d.constraint ? 'constraint' : ''].filter(Boolean)
  return [what, d.distro ?? '', d.version, ...flags, '@', `${d.file}:${d.line}:${d.column}`].filter((part) => part !== '').join(' ')
}

export function diagnosticRow(d: Diagnostic): string {
  return `${d.file}:${d.line ?? '-'} ${d.message}`
}

/** `vcluster=0.22.1 virtual=1.32.0 host=1.31.4` (slots in a fixed order). */
export function environmentRow(e: Environment): string {
  const unknown = new Set((e.unknown ?? []).map((u) => (u.component === 'kubernetes' ? (u.role ?? 'host') : u.component)))
  return [
    ...(['vcluster', 'virtual', 'host', 'kind', 'kubectl'] as const).flatMap((slot) =>
      e[slot] ? [`${slot}=${e[slot].version}`] : unknown.has(slot) ? [`${slot}=unknown`] : []
    ),
    ...(e.unpaired ? ['(unpaired)'] : [])
  ].join(' ')
}
