import type { Declaration, EnvironmentSlot, EvidenceKind, GroupLink, UnknownVersion, Usage } from '../model.js'
import { directoriesAbove, groupDirectory, parentGroups } from '../scan/group-key.js'
import { dirnameOf } from '../scan/paths.js'
import { groupMembership, type Membership } from './membership.js'

/** A version (or a version that cannot be read) with the reason it belongs where it is. */
export interface Candidate {
  declaration?: Declaration
  unknown?: UnknownVersion
  kind: EvidenceKind
  /** Where the pairing is stated (the release line that names the values file), when not at the version itself. */
  via?: { file: string; line: number }
}

/** What a values file (or the values of one release document) holds, before it is paired. */
interface ValuesUnit {
  group: string
  file: string
  declarations: Declaration[]
  unknowns: UnknownVersion[]
  /** The file holds configuration keys that some vcluster releases reject (config-schema checks). */
  configured: boolean
}

export function slotOf(declaration: Pick<Declaration, 'component' | 'role' | 'constraint'>): EnvironmentSlot | undefined {
  switch (declaration.component) {
    case 'vcluster':
      return 'vcluster'
    case 'kind':
      return 'kind'
    case 'kubectl':
      return 'kubectl'
    case 'kubernetes':
      if (declaration.role === 'virtual') return 'virtual'
      // A host range (a chart's `kubeVersion`) says what a chart accepts, not what a cluster runs.
      return declaration.constraint ? undefined : 'host'
    default:
      return undefined
  }
}

function groupOf(item: { group?: string; file: string }): string {
  return item.group ?? item.file
}

/**
 * A release deployed from a CI workflow shares its folder with unrelated pipelines: its
 * directory is no subtree of its own.
 */
function isWorkflow(group: string): boolean {
  return /^\.(?:github|gitea|forgejo)\/workflows\//.test(group) || group.startsWith('.gitlab-ci')
}

/**
 * The vcluster releases of a repository and what belongs to each (docs/pairing.md). A release
 * is a group that sets a vcluster version (a chart directory, one Argo CD Application, a
 * workflow job, ...), or a matrix entry below such a job.
 *
 * Values pair with a release by, strongest first: the release itself (inline values, the
 * chart's own values.yaml), an explicit reference (a link), the same directory (or, for a
 * chart directory, its subtree). Sibling folders never pair. Values that none of these reach
 * pair with nothing and are checked alone.
 */
export class ReleaseIndex {
  readonly membership: Membership
  readonly releases: string[]
  /** Values units that no release takes, checked alone. */
  readonly unpaired: ValuesUnit[] = []
  private readonly releaseSet: Set<string>
  private readonly valuesOf = new Map<string, Candidate[]>()
  private readonly valuesFilesOf = new Map<string, Set<string>>()
  private readonly unknownsByGroup = new Map<string, UnknownVersion[]>()

  constructor(
    readonly declarations: readonly Declaration[],
    readonly links: readonly GroupLink[],
    readonly unknowns: readonly UnknownVersion[],
    usages: readonly Usage[] = []
  ) {
    this.membership = groupMembership(declarations, links)
    for (const unknown of unknowns) push(this.unknownsByGroup, unknown.group, unknown)
    const ownsVcluster = new Set<string>()
    for (const [group] of this.membership.members) if (this.own(group, 'vcluster').length > 0) ownsVcluster.add(group)
    for (const unknown of unknowns) if (unknown.component === 'vcluster') ownsVcluster.add(unknown.group)
    const isRelease = (group: string): boolean => ownsVcluster.has(group) || parentGroups(group).some((parent) => ownsVcluster.has(parent))
    const groups = new Set([...this.membership.members.keys(), ...this.unknownsByGroup.keys()])
    this.releases = [...groups].filter((group) => isRelease(group) && (ownsVcluster.has(group) || this.own(group, 'virtual').length > 0 || this.ownUnknowns(group, 'virtual').length > 0))
    this.releaseSet = new Set(this.releases)
    this.pairValues(usages)
  }

  /** Every release group and the groups above it in its file (a job above its matrix entries). */
  get chainGroups(): ReadonlySet<string> {
    return (this.chains ??= new Set(this.releases.flatMap((release) => [release, ...parentGroups(release)])))
  }

  /** The declarations of a slot whose group lies in `directory` (indexed on first use). */
  inDirectory(slot: EnvironmentSlot, directory: string): Declaration[] {
    return this.indexed(slot).declarations.get(directory) ?? []
  }

  unknownsInDirectory(slot: EnvironmentSlot, directory: string): UnknownVersion[] {
    return this.indexed(slot).unknowns.get(directory) ?? []
  }

  private chains: Set<string> | undefined
  private readonly bySlot = new Map<EnvironmentSlot, { declarations: Map<string, Declaration[]>; unknowns: Map<string, UnknownVersion[]> }>()

  private indexed(slot: EnvironmentSlot): { declarations: Map<string, Declaration[]>; unknowns: Map<string, UnknownVersion[]> } {
    let found = this.bySlot.get(slot)
    if (!found) {
      found = { declarations: new Map(), unknowns: new Map() }
      for (const d of this.declarations) if (slotOf(d) === slot) push(found.declarations, groupDirectory(groupOf(d)), d)
      for (const u of this.unknowns) if (slotOf(u) === slot) push(found.unknowns, groupDirectory(u.group), u)
      this.bySlot.set(slot, found)
    }
    return found
  }

  isRelease(group: string): boolean {
    return this.releaseSet.has(group)
  }

  /** A group's own declarations of a slot; those that a release took through a link belong to that release instead. */
  own(group: string, slot: EnvironmentSlot): Declaration[] {
    const { members, linked } = this.membership
    return (members.get(group) ?? []).filter((d) => slotOf(d) === slot && !(linked.has(d) && groupOf(d) === group))
  }

  ownUnknowns(group: string, slot: EnvironmentSlot): UnknownVersion[] {
    return (this.unknownsByGroup.get(group) ?? []).filter((u) => slotOf(u) === slot)
  }

  /** The release's virtual versions (or unknowns) that come from values, with their evidence. */
  virtualOf(release: string): Candidate[] {
    return this.valuesOf.get(release) ?? []
  }

  /** The values files a release reads: their configuration usages are deployed with it. */
  valuesFiles(release: string): string[] {
    return [...(this.valuesFilesOf.get(release) ?? [])]
  }

  /** Whether a release's virtual version is set by values, readable or not: then no release default applies. */
  settled(release: string): boolean {
    return (this.valuesOf.get(release) ?? []).some((candidate) => candidate.declaration?.source !== 'vcluster-default')
  }

  /**
   * The directory a release's subtree starts at: values below it and hosts above it belong
   * to it. A chart or module directory owns its subtree; a release inside a file (an
   * Application, a Helmfile entry) only its own directory; a workflow job none.
   */
  subtreeOf(release: string): { directory: string; deep: boolean } | undefined {
    if (isWorkflow(release)) return undefined
    return { directory: groupDirectory(release), deep: !release.includes('#') }
  }

  private pairValues(usages: readonly Usage[]): void {
    const { linked } = this.membership
    const units = new Map<string, ValuesUnit>()
    const unit = (group: string, file: string): ValuesUnit => {
      const key = `${group}\u0000${file}`
      let found = units.get(key)
      if (!found) units.set(key, (found = { group, file, declarations: [], unknowns: [], configured: false }))
      return found
    }
    const { namedOnly } = this.membership
    // A values file that a release names still pairs as its folder says (D03: a script's `-f values.yaml` beside a chart).
    for (const d of this.declarations) if (slotOf(d) === 'virtual' && (!linked.has(d) || namedOnly.has(d))) unit(groupOf(d), d.file).declarations.push(d)
    const linkedFiles = new Map<string, GroupLink[]>()
    for (const link of this.links) if (link.file !== undefined) push(linkedFiles, link.file, link)
    for (const u of this.unknowns) {
      if (slotOf(u) !== 'virtual') continue
      // A broken values file that a release names is that release's unknown.
      const namedBy = linkedFiles.get(u.file)
      if (namedBy) for (const link of namedBy) this.addValue(link.group, { unknown: u, kind: 'explicit-reference', ...via(link) }, u.file)
      unit(u.group, u.file).unknowns.push(u)
    }
    for (const usage of usages) {
      if (!usage.feature.startsWith('vcluster') || linkedFiles.has(usage.file)) continue
      unit(usage.group ?? dirnameOf(usage.file), usage.file).configured = true
    }
    // Explicit references: what the linked files and ConfigMaps declare joined the release's members.
    for (const release of this.releases) {
      for (const d of this.membership.members.get(release) ?? []) {
        if (slotOf(d) !== 'virtual' || !linked.has(d) || groupOf(d) === release) continue
        const link = this.links.find((l) => l.group === release && (l.file === d.file || l.memberGroup === groupOf(d)))
        this.addValue(release, { declaration: d, kind: 'explicit-reference', ...(link ? via(link) : {}) }, d.file)
      }
      for (const link of this.links) if (link.group === release && link.file !== undefined) this.noteFile(release, link.file)
    }
    const namesItsValues = (release: string): boolean => this.links.some((l) => l.group === release)
    for (const whole of units.values()) {
      const owner = [whole.group, ...parentGroups(whole.group)].find((group) => this.releaseSet.has(group))
      // A value a generic detector read in a release's own file (its group is the directory) is that release's.
      const inFile = owner === undefined ? this.releases.filter((release) => release.startsWith(`${whole.file}#`)) : []
      const own = owner !== undefined ? [owner] : inFile
      // A file that a release names is also its own release's (a chart applies its values.yaml whoever else
      // names it), but the name outweighs a pairing inferred from the folder alone.
      const values = own.length > 0 ? whole : unnamedPart(whole, namedOnly, linkedFiles)
      const takers = own.length > 0 ? own : this.subtreeReleases(values, namesItsValues)
      const kind: EvidenceKind = own.length > 0 ? 'same-release' : 'same-subtree'
      if (takers.length === 0) {
        if (values.declarations.length > 0 || values.unknowns.length > 0 || values.configured) this.unpaired.push(values)
        continue
      }
      for (const release of takers) {
        const already = this.valuesOf.get(release) ?? []
        for (const declaration of values.declarations) if (!already.some((c) => c.declaration === declaration)) this.addValue(release, { declaration, kind }, values.file)
        for (const unknown of values.unknowns) if (!already.some((c) => c.unknown === unknown)) this.addValue(release, { unknown, kind }, values.file)
        this.noteFile(release, values.file)
      }
    }
  }

  /**
   * The releases whose directory holds the values, nearest directory first: a chart
   * directory's whole subtree, another release only its own directory. A release that names
   * its values files takes only those.
   */
  private subtreeReleases(values: ValuesUnit, namesItsValues: (release: string) => boolean): string[] {
    const directory = groupDirectory(values.group)
    for (const above of directoriesAbove(values.group)) {
      const here = this.releases.filter((release) => {
        const subtree = this.subtreeOf(release)
        return subtree !== undefined && subtree.directory === above && (subtree.deep || above === directory)
      })
      if (here.length > 0) return here.filter((release) => !namesItsValues(release) && !this.hasOwnValues(release))
    }
    return []
  }

  private hasOwnValues(release: string): boolean {
    return [release, ...parentGroups(release)].some((group) => this.own(group, 'virtual').some((d) => d.source !== 'vcluster-default') || this.ownUnknowns(group, 'virtual').length > 0)
  }

  private addValue(release: string, candidate: Candidate, file: string): void {
    push(this.valuesOf, release, candidate)
    this.noteFile(release, file)
  }

  private noteFile(release: string, file: string): void {
    const files = this.valuesFilesOf.get(release) ?? new Set<string>()
    files.add(file)
    this.valuesFilesOf.set(release, files)
  }
}

function via(link: GroupLink): { via?: { file: string; line: number } } {
  return link.from ? { via: { file: link.from.file, line: link.from.line } } : {}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** What a values unit holds that no release names. */
function unnamedPart(values: ValuesUnit, namedOnly: ReadonlySet<Declaration>, linkedFiles: ReadonlyMap<string, unknown>): ValuesUnit {
  return {
    ...values,
    declarations: values.declarations.filter((declaration) => !namedOnly.has(declaration)),
    unknowns: values.unknowns.filter((unknown) => !linkedFiles.has(unknown.file))
  }
}
