import { discover, resolveInsideRoot, type DiscoverOptions, type Discovery, type DiscoveredFile } from './discover.js'
import type { FileScan } from './file-scan.js'
import { readFileBytes, type FileBytes } from './read-file.js'

/** Where a path that another file names was found, or why it is not read (`missing`: it does not exist). */
export type ResolvedPath = { ok: true; absolute: string; size: number } | { ok: false; reason: string }

/**
 * The files a scan reads. Usually a directory on disk; for the base of a change, a commit
 * pieced together from the head's scan and the git objects of the files the change touched
 * (src/commits/derived-base.ts), so that no second tree is written or walked.
 */
export interface TreeSource {
  /** The walk: the files an extractor might read, how many were seen, what could not be walked. */
  discover(options: DiscoverOptions): Discovery
  /** The bytes of a listed file. */
  read(file: DiscoveredFile, maxBytes: number): FileBytes
  /** A repository-relative path that another file names (a values file a release points to). */
  resolve(path: string): ResolvedPath
  /** The bytes of a path `resolve` found. */
  readResolved(path: string, absolute: string, maxBytes: number): FileBytes
  /** An earlier scan's result for a listed path whose content is known to be the same. */
  reuse?(path: string): FileScan | undefined
}

/** The directory on disk, as the walk finds it. */
export function directorySource(root: string): TreeSource {
  return {
    discover: (options) => discover(root, options),
    read: (file, maxBytes) => readFileBytes(file.absolute, maxBytes),
    resolve: (path) => resolveInsideRoot(root, path),
    readResolved: (_path, absolute, maxBytes) => readFileBytes(absolute, maxBytes)
  }
}
