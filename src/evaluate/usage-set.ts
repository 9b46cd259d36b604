import type { Usage } from '../model.js'

/**
 * The usages of some manifests, indexed for the conditions that read them. The usages of
 * manifests outside every environment are one set shared by all environments, so each index
 * is built once however many environments there are.
 */
export class UsageSet {
  private objects: Map<string, Usage[]> | undefined
  private features: Map<string, Usage[]> | undefined
  private apiVersions: Map<string, Usage[]> | undefined

  constructor(readonly usages: readonly Usage[]) {}

  /** Usages grouped by the object (container, document) they belong to. */
  byObject(): ReadonlyMap<string, Usage[]> {
    this.objects ??= groupBy(this.usages, objectOf)
    return this.objects
  }

  ofFeature(feature: string): readonly Usage[] {
    this.features ??= groupBy(this.usages, (usage) => usage.feature)
    return this.features.get(feature) ?? []
  }

  /** Objects written with one apiVersion. */
  ofApiVersion(apiVersion: string): readonly Usage[] {
    this.apiVersions ??= groupBy(this.ofFeature('api'), (usage) => usage.apiVersion ?? '')
    return this.apiVersions.get(apiVersion) ?? []
  }
}

/** The object a usage belongs to: a container, a document, or else its line. */
export function objectOf(usage: Usage): string {
  return usage.object ?? `${usage.file}:${usage.line}`
}

function groupBy(usages: readonly Usage[], keyOf: (usage: Usage) => string): Map<string, Usage[]> {
  const groups = new Map<string, Usage[]>()
  for (const usage of usages) {
    const key = keyOf(usage)
    const group = groups.get(key)
    if (group) group.push(usage)
    else groups.set(key, [usage])
  }
  return groups
}
