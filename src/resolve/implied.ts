// Each function from its own module: the package's index loads all fifty of them.
import satisfies from 'semver/functions/satisfies.js'
import intersects from 'semver/ranges/intersects.js'
import type { Declaration, GroupLink } from '../model.js'
import { parsedOf } from '../versions/declared.js'
import { parseVersion } from '../versions/parse.js'
import { asRange } from '../versions/range.js'
import { parentGroups } from '../scan/group-key.js'
import type { LocatedDistroChoice } from '../scan/scan.js'
// The table is generated into the scan's data folder (scripts/db/tables.ts): one place for every release table.
import defaults from '../scan/data/vcluster-defaults.json' with { type: 'json' }
import type { Membership } from './membership.js'

interface DefaultsRow {
  versions: string
  defaultDistro: string
  images: Partial<Record<string, string>>
  source: string
}

const ROWS: readonly DefaultsRow[] = defaults.rows as readonly DefaultsRow[]
const OPTIONS = { includePrerelease: true } as const

/**
 * A vcluster release whose values set no virtual Kubernetes version runs the default image
 * of that release (data/vcluster-defaults.json). Such a release gets an implied declaration
 * at its vcluster version, so that rules about the virtual version still apply to it.
 * `distros` are the distros that values or chart names pick without a version. A release
 * whose virtual version is `settled` elsewhere (values in its subtree, or a version that a
 * file sets unreadably) gets no default: the default is only for a repository that sets nothing.
 */
export function impliedVirtualVersions(
  membership: Membership,
  links: readonly GroupLink[],
  distros: readonly LocatedDistroChoice[],
  deploys: ReadonlySet<string>,
  settled: (group: string) => boolean = () => false
): Declaration[] {
  const implied: Declaration[] = []
  const groupsWithVirtual = new Set<string>()
  for (const [group, members] of membership.members) {
    if (members.some(isVirtual)) groupsWithVirtual.add(group)
  }
  for (const [group, members] of membership.members) {
    if (!deploys.has(group) && !parentGroups(group).some((parent) => deploys.has(parent))) continue
    if (hasVirtualAtOrBelow(group, groupsWithVirtual) || settled(group)) continue
    // A chart version that a release takes from elsewhere (a Flux HelmChart) counts for the release, not for its own group.
    const vcluster = members.find((d) => d.component === 'vcluster' && !(membership.linked.has(d) && d.group === group))
    if (!vcluster) continue
    const row = defaultsFor(vcluster)
    if (!row) continue
    const distro = distroFor(group, links, distros) ?? row.defaultDistro
    const tag = row.images[distro]
    if (tag === undefined) continue
    const parsed = parseVersion(tag)
    if (!parsed.ok || parsed.value.kind === 'range') continue
    implied.push({
      component: 'kubernetes',
      role: 'virtual',
      distro,
      version: parsed.value.version,
      raw: tag,
      file: vcluster.file,
      line: vcluster.line,
      column: vcluster.column,
      source: 'vcluster-default',
      implied: true,
      group
    })
  }
  return implied
}

function isVirtual(declaration: Declaration): boolean {
  return declaration.component === 'kubernetes' && declaration.role === 'virtual'
}

/** A matrix entry below a job may set the version for the job's release. */
function hasVirtualAtOrBelow(group: string, groupsWithVirtual: ReadonlySet<string>): boolean {
  if (groupsWithVirtual.has(group)) return true
  for (const other of groupsWithVirtual) if (other.startsWith(`${group}#`)) return true
  return false
}

/** The one row that covers every version the declaration allows. */
function defaultsFor(vcluster: Declaration): DefaultsRow | undefined {
  const declared = parsedOf(vcluster)
  const range = declared.kind === 'exact' ? declared.version : asRange(declared)
  const rows = ROWS.filter((row) => {
    try {
      return declared.kind === 'exact'
        ? satisfies(range, row.versions, OPTIONS)
        : intersects(range, row.versions, OPTIONS)
    } catch {
      return false
    }
  })
  return rows.length === 1 ? rows[0] : undefined
}

/** The distro the release's own or linked values enable, else the one its chart name stands for. */
function distroFor(group: string, links: readonly GroupLink[], distros: readonly LocatedDistroChoice[]): string | undefined {
  const linkedFiles = new Set<string>()
  const groups = new Set([group])
  for (const link of links) {
    if (link.group !== group) continue
    if (link.file !== undefined) linkedFiles.add(link.file)
    if (link.memberGroup !== undefined) groups.add(link.memberGroup)
  }
  const applies = distros.filter((choice) => groups.has(choice.group) || linkedFiles.has(choice.file))
  return (applies.find((choice) => choice.from === 'values') ?? applies[0])?.distro
}
