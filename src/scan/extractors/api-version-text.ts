/**
 * A test of whether a text spells one of `apiVersions` literally, in one pass over its
 * slashes instead of one search per apiVersion (a manifest has a few slashes; the database
 * names two dozen APIs, and the test runs on every manifest document). An apiVersion
 * without a group (`v1`) is looked for as it is.
 */
export function spellsApiVersion(apiVersions: readonly string[]): (text: string) => boolean {
  const core = apiVersions.filter((apiVersion) => !apiVersion.includes('/'))
  const groupsByVersion = new Map<string, string[]>()
  for (const apiVersion of apiVersions) {
    const slash = apiVersion.lastIndexOf('/')
    if (slash === -1) continue
    const version = apiVersion.slice(slash + 1)
    groupsByVersion.set(version, [...(groupsByVersion.get(version) ?? []), apiVersion.slice(0, slash)])
  }
  // Plain arrays and index loops: the test runs on every manifest document while the code is
  // still cold, when destructuring for-of loops allocate an iterator and an entry per slash.
  const versions = [...groupsByVersion.keys()]
  const groupsOf = versions.map((version) => groupsByVersion.get(version)!)
  return (text) => {
    for (let index = 0; index < core.length; index++) if (text.includes(core[index]!)) return true
    for (let slash = text.indexOf('/'); slash !== -1; slash = text.indexOf('/', slash + 1)) {
      for (let index = 0; index < versions.length; index++) {
        if (!text.startsWith(versions[index]!, slash + 1)) continue
        const groups = groupsOf[index]!
        for (let group = 0; group < groups.length; group++) if (text.endsWith(groups[group]!, slash)) return true
      }
    }
    return false
  }
}
