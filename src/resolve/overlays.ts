import type { Declaration, GroupLink, UnknownVersion } from '../model.js'
import type { KustomizeOverlay, PatchableObject, PatchFragment, PatchTarget } from '../scan/extractors/extractor.js'
import { fileGroup } from '../scan/group-key.js'
import { dirnameOf } from '../scan/paths.js'
import type { LocatedDistroChoice } from '../scan/scan.js'
import { vclusterChartDistro } from '../scan/vcluster-config.js'
import { slotOf } from './releases.js'

/** What the overlay join reads of a scan and gives back, extended. */
export interface OverlayInput {
  declarations: readonly Declaration[]
  links: readonly GroupLink[]
  unknowns: readonly UnknownVersion[]
  distros: readonly LocatedDistroChoice[]
  deploys: readonly string[]
  objects?: readonly PatchableObject[]
  overlays?: readonly KustomizeOverlay<PatchFragment>[]
}

export interface JoinedOverlays {
  declarations: Declaration[]
  links: GroupLink[]
  unknowns: UnknownVersion[]
  distros: LocatedDistroChoice[]
  deploys: string[]
  /** The patches' own declarations, joined to a release: new lines of the report. */
  patchDeclarations: Declaration[]
  /** A patched release's copies of its base's declarations, each with the one it copies (the line the report shows). */
  copyOf: Map<Declaration, Declaration>
}

/** How deep kustomizations include kustomizations; kustomize itself refuses cycles. */
const MAX_OVERLAY_DEPTH = 16

/**
 * kustomize overlays that patch a release (docs/pairing.md): an overlay deploys each object its
 * resources build (files, and the directories of other kustomizations, with their patches) with
 * its own patches applied in order. A patched HelmRelease is a release of its own (group
 * `overlay-file#Kind/namespace/name`): the last patch that sets a slot (the chart version, the
 * virtual version) gives it; the other slots, the links (`valuesFrom`) and the unknowns are the
 * patched release's. The patched release keeps its own declarations: a base is deployed as
 * written where no overlay patches it.
 */
export function joinOverlays(input: OverlayInput): JoinedOverlays {
  const joined: JoinedOverlays = {
    declarations: [...input.declarations],
    links: [...input.links],
    unknowns: [...input.unknowns],
    distros: [...input.distros],
    deploys: [...input.deploys],
    patchDeclarations: [],
    copyOf: new Map()
  }
  const overlays = input.overlays ?? []
  if (overlays.length === 0 || !overlays.some((overlay) => overlay.patches.length > 0)) return joined
  const byDirectory = new Map<string, KustomizeOverlay<PatchFragment>>()
  for (const overlay of overlays) if (!byDirectory.has(dirnameOf(overlay.file))) byDirectory.set(dirnameOf(overlay.file), overlay)
  const objectsByFile = new Map<string, PatchableObject[]>()
  for (const object of input.objects ?? []) objectsByFile.set(object.file, [...(objectsByFile.get(object.file) ?? []), object])
  const built = new Map<KustomizeOverlay<PatchFragment>, Patched[]>()
  const build = (overlay: KustomizeOverlay<PatchFragment>, depth: number, visiting: Set<string>): Patched[] => {
    const known = built.get(overlay)
    if (known) return known
    if (depth > MAX_OVERLAY_DEPTH || visiting.has(overlay.file)) return []
    visiting.add(overlay.file)
    const items: Patched[] = []
    for (const resource of overlay.resources) {
      const included = byDirectory.get(resource)
      if (included) items.push(...build(included, depth + 1, visiting))
      else for (const object of objectsByFile.get(resource) ?? []) items.push({ object, patches: [] })
    }
    visiting.delete(overlay.file)
    const patched = items.map((item) => ({ ...item, patches: [...item.patches, ...overlay.patches.filter((patch) => selects(patch.target, item.object))] }))
    built.set(overlay, patched)
    return patched
  }
  const byGroup = indexByGroup(input)
  for (const overlay of overlays) {
    for (const { object, patches } of build(overlay, 0, new Set())) {
      if (patches.length > 0) addPatchedRelease(joined, byGroup, input, overlay, object, patches)
    }
  }
  return joined
}

interface Patched {
  object: PatchableObject
  patches: PatchFragment[]
}

interface GroupIndex {
  declarations: Map<string, Declaration[]>
  unknowns: Map<string, UnknownVersion[]>
  links: Map<string, GroupLink[]>
}

function indexByGroup(input: OverlayInput): GroupIndex {
  const index: GroupIndex = { declarations: new Map(), unknowns: new Map(), links: new Map() }
  for (const d of input.declarations) push(index.declarations, d.group ?? d.file, d)
  for (const u of input.unknowns) push(index.unknowns, u.group, u)
  for (const l of input.links) push(index.links, l.group, l)
  return index
}

function addPatchedRelease(
  joined: JoinedOverlays,
  byGroup: GroupIndex,
  input: OverlayInput,
  overlay: KustomizeOverlay<PatchFragment>,
  object: PatchableObject,
  patches: readonly PatchFragment[]
): void {
  const chart = [...patches].reverse().find((patch) => patch.chart !== undefined)?.chart
  const isVcluster = chart !== undefined ? vclusterChartDistro(chart) !== undefined : input.deploys.includes(object.group)
  if (!isVcluster) return
  const group = fileGroup(overlay.file, `${object.kind}/${object.namespace ?? ''}/${object.name}`)
  // The last patch that sets a slot gives it (a later patch of the same field replaces an earlier one).
  const setBy = new Map<string, PatchFragment>()
  for (const patch of patches) {
    for (const slot of new Set([...patch.declarations.map(slotOf), ...patch.unknowns.map(slotOf)])) if (slot) setBy.set(slot, patch)
  }
  const fromPatches = new Set(setBy.values())
  const kept = (slot: string | undefined): boolean => slot === undefined || !setBy.has(slot)
  for (const d of byGroup.declarations.get(object.group) ?? []) {
    if (!kept(slotOf(d))) continue
    const copy = { ...d, group }
    joined.declarations.push(copy)
    joined.copyOf.set(copy, d)
  }
  for (const u of byGroup.unknowns.get(object.group) ?? []) if (kept(slotOf(u))) joined.unknowns.push({ ...u, group })
  for (const patch of fromPatches) {
    for (const d of patch.declarations) {
      if (setBy.get(slotOf(d) ?? '') !== patch) continue
      const declaration = { ...d, group }
      joined.declarations.push(declaration)
      joined.patchDeclarations.push(declaration)
    }
    for (const u of patch.unknowns) if (setBy.get(slotOf(u) ?? '') === patch) joined.unknowns.push({ ...u, group })
  }
  for (const link of byGroup.links.get(object.group) ?? []) joined.links.push({ ...link, group })
  for (const choice of input.distros) if (choice.group === object.group) joined.distros.push({ ...choice, group })
  joined.deploys.push(group)
}

/**
 * kustomize's selection by kind, namespace and name. A target name is a regular expression to
 * kustomize: one with pattern characters is taken to select every object of the kind (a release
 * it may patch is checked as patched; no pattern from a pull request is run). A namespace the
 * object leaves to the overlay (`namespace:`) matches.
 */
function selects(target: PatchTarget, object: PatchableObject): boolean {
  if (target.kind !== undefined && target.kind !== object.kind) return false
  if (target.namespace !== undefined && object.namespace !== undefined && target.namespace !== object.namespace) return false
  return target.name === undefined || target.name === object.name || /[\\^$.*+?()[\]{}|]/.test(target.name)
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
