/** Path helpers on repository-relative, `/`-separated paths. */

export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '.' : path.slice(0, slash)
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path)
}
