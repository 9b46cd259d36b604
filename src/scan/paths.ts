import { posix } from 'node:path'

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

/**
 * `relative` resolved against a repository directory (`.` for the root), normalised and
 * `/`-separated. A result that leaves the repository starts with `../` and is refused when read.
 */
export function joinPath(directory: string, relative: string): string {
  const joined = relative.startsWith('/') ? relative.slice(1) : directory === '.' ? relative : `${directory}/${relative}`
  return posix.normalize(joined).replace(/^\.\//, '').replace(/(.)\/$/, '$1')
}

/** A path written with a template or variable cannot be followed. */
export function isLiteralPath(path: string): boolean {
  return path !== '' && !path.includes('{{') && !path.includes('${') && !path.includes('$(')
}
