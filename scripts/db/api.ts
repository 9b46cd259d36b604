/**
 * Beta API lifecycle from the `+k8s:prerelease-lifecycle-gen` markers of k8s.io/api
 * (kubernetes/api), read at every GA minor tag from 1.19 (when the markers arrived), so that
 * packages deleted after their removal still count. As the generator of those markers does:
 * a missing `deprecated` is `introduced` + 3 minors and a missing `removed` is `deprecated` + 3.
 * Only top-level resources (`+genclient`) are kept; alpha versions are never served by default.
 * The result is db/api-lifecycle.json, which test/db/api-removals.test.ts holds the
 * hand-written api-removals entries (written from the deprecation guide) against.
 */
import type { SourceReader } from './snapshot.js'

export interface ApiRemoval {
  apiVersion: string
  kind: string
  introduced: string
  deprecated: string
  removed: string
  /** `apiVersion` of the replacement the markers name, when they name one. */
  replacement?: string
  source: { tag: string; commit: string; path: string }
}

const TYPES = /^[a-z0-9]+\/v\d+beta\d+\/types\.go$/
const plus3 = (minor: string): string => {
  const [major, number] = minor.split('.').map(Number) as [number, number]
  return `${major}.${number + 3}`
}

export function apiRemovals(reader: SourceReader): ApiRemoval[] {
  const tags = reader
    .tags(/^kubernetes-1\.(19|[2-9]\d)\.0$/)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const found = new Map<string, ApiRemoval>()
  for (const tag of tags) {
    for (const path of reader.paths(tag, TYPES)) {
      const dir = path.slice(0, path.lastIndexOf('/'))
      const group = groupOf(reader, tag, dir)
      if (group === undefined) continue
      const version = dir.slice(dir.indexOf('/') + 1)
      const apiVersion = group === '' ? version : `${group}/${version}`
      const text = reader.read(path, tag) ?? ''
      for (const match of text.matchAll(/((?:^\/\/.*\n|^\n)+)type (\w+) struct/gm)) {
        const [, comments, kind] = match as unknown as [string, string, string]
        if (kind.endsWith('List') || !/^\/\/ \+genclient$/m.test(comments)) continue
        const marker = (name: string): string | undefined => new RegExp(`\\+k8s:prerelease-lifecycle-gen:${name}=(\\d+\\.\\d+)`).exec(comments)?.[1]
        const introduced = marker('introduced')
        if (introduced === undefined) continue
        const deprecated = marker('deprecated') ?? plus3(introduced)
        const removed = marker('removed') ?? plus3(deprecated)
        const replacement = /\+k8s:prerelease-lifecycle-gen:replacement=([\w.]*),(\w+),\w+/.exec(comments)
        // A newer tag's markers win: they are corrected over time.
        found.set(`${apiVersion} ${kind}`, {
          apiVersion,
          kind,
          introduced,
          deprecated,
          removed,
          ...(replacement ? { replacement: replacement[1] ? `${replacement[1]}/${replacement[2]}` : replacement[2]! } : {}),
          source: { tag, ...reader.origin(path, tag) }
        })
      }
    }
  }
  return [...found.values()].sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind))
}

/** The API group of a package: `+groupName=` in doc.go, else `GroupName` in register.go. */
function groupOf(reader: SourceReader, tag: string, dir: string): string | undefined {
  const doc = reader.read(`${dir}/doc.go`, tag)
  const named = doc === undefined ? undefined : /\+groupName=(\S*)/.exec(doc)?.[1]
  if (named !== undefined) return named
  const register = reader.read(`${dir}/register.go`, tag)
  return register === undefined ? undefined : /GroupName\s*=\s*"([^"]*)"/.exec(register)?.[1]
}
