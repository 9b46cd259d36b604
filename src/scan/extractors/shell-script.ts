import { fileGroup } from '../group-key.js'
import { dirnameOf } from '../paths.js'
import { collectAssignments, readCommands } from '../shell/commands.js'
import type { Variables } from '../shell/expand.js'
import { sharedCommandsOf } from '../shell/words.js'
import type { SourceFile } from '../source-file.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'

const SOURCE = 'shell'

/** Scripts, Makefiles, justfiles and Dockerfiles (`Dockerfile`, `app.Dockerfile`, `Dockerfile.dev`) by name, in any case; `Containerfile` as written. */
const SCRIPT_NAME = /\.(sh|bash|zsh|ksh|mk)$|(^|\/)((GNU)?makefile|justfile|([^/]*\.)?Dockerfile(\.[^/]+)?)$/i
const CONTAINERFILE = /(^|\/)Containerfile$/
/** `ci/deploy`, `bin/up`: a file without an extension is a script when its first line says so (`#!/usr/bin/env bash`). */
const EXTENSIONLESS = /(^|\/)[^/.]+$/
const SHELL_SHEBANG = /^#![^\n]*\b(?:ba|z|k|da|a)?sh\b/

/**
 * Shell scripts, Makefiles and Dockerfiles: `kind create cluster --image`, `vcluster create
 * --chart-version`, `helm upgrade … vcluster --version -f values.yaml`, `minikube start
 * --kubernetes-version`, `INSTALL_K3S_VERSION=…`, and pinned downloads of the vcluster, kind
 * and kubectl binaries. Variables assigned in the same file are followed to their values.
 */
export const shellScript: Extractor = {
  id: SOURCE,
  accepts: (path) => SCRIPT_NAME.test(path) || CONTAINERFILE.test(path) || EXTENSIONLESS.test(path),
  mightDeclare: (text) =>
    text.includes('kind') || text.includes('vcluster') || text.includes('minikube') || text.includes('K3S') || text.includes('k3d') || text.includes('kubectl') || text.includes('eksctl') || text.includes('setup-envtest'),
  extract(file: SourceFile): Extraction {
    const out = emptyExtraction()
    if (EXTENSIONLESS.test(file.path) && !SCRIPT_NAME.test(file.path) && !CONTAINERFILE.test(file.path) && !SHELL_SHEBANG.test(file.text)) return out
    const { commands, unclosedQuote } = sharedCommandsOf(file, lineQuotesIn(file.path))
    if (unclosedQuote !== undefined) {
      out.diagnostics.push({ ...file.locate(unclosedQuote), message: 'this quote is never closed: a shell rejects the script and versions after it may be missed' })
    }
    const variables: Variables = new Map()
    collectAssignments(commands, variables)
    readCommands(commands, {
      out,
      group: fileGroup(file.path, 'commands'),
      source: SOURCE,
      directories: [dirnameOf(file.path), '.'],
      variables
    })
    return out
  }
}

/** Quotes end at the end of a line everywhere but in shell scripts (Makefiles, Dockerfiles, justfiles). */
export function lineQuotesIn(path: string): boolean {
  return !/\.(sh|bash)$/i.test(path)
}
