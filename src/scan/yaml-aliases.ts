import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Alias, type Document, type Node, type YAMLMap } from 'yaml'

/** The node each alias of a parsed document stands for; filled once per document. */
const targets = new WeakMap<Alias, Node>()

/**
 * Records what each alias (`*name`) stands for: the last node anchored `&name` before it.
 * Readers then follow one alias at a time along the path they look up, so an alias bomb
 * (billion laughs) costs what its text costs and a version written through an alias
 * (`tag: *k8s`) is still read, at the line of its anchor.
 */
export function recordAliases(doc: Document): void {
  const anchors = new Map<string, Node>()
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source)
      if (target) targets.set(node, target)
    } else if (isNode(node) && node.anchor) {
      anchors.set(node.anchor, node)
    }
  })
}

/** The node an alias stands for; any other value unchanged. */
export function followAlias(node: unknown): unknown {
  return isAlias(node) ? (targets.get(node) ?? node) : node
}

/** How many merges (`<<: *base`, a base merging another) are followed for one key. */
const MAX_MERGE_DEPTH = 8

/**
 * The value at `key` of a map, aliases followed; a key the map lacks is looked up in the maps
 * it merges (`<<: *defaults`, common in Compose files and Helm values), nearest first.
 */
export function valueIn(map: YAMLMap, key: string, depth = 0): unknown {
  const own = map.get(key, true)
  if (own !== undefined || depth >= MAX_MERGE_DEPTH) return followAlias(own)
  const merge = map.items.find((pair) => isScalar(pair.key) && pair.key.value === '<<')?.value
  const bases = isSeq(merge) ? merge.items : [merge]
  for (const base of bases) {
    const resolved = followAlias(base)
    if (!isMap(resolved)) continue
    const value = valueIn(resolved, key, depth + 1)
    if (value !== undefined) return value
  }
  return undefined
}
