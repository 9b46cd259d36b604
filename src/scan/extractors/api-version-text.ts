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
  const versions = [...groupsByVersion]
  return (text) => {
    if (core.some((apiVersion) => text.includes(apiVersion))) return true
    for (let slash = text.indexOf('/'); slash !== -1; slash = text.indexOf('/', slash + 1)) {
      for (const [version, groups] of versions) {
        if (text.startsWith(version, slash + 1) && groups.some((group) => text.endsWith(group, slash))) return true
      }
    }
    return false
  }
}
