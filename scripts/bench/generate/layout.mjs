import { ADJECTIVES, NOUNS, TEAMS } from './vocabulary.mjs'

/**
 * Where files go. A monorepo has services (each with code, manifests and a Dockerfile),
 * front-end apps, shared libraries, platform configuration and infrastructure; spreading
 * the files over a few hundred directories of realistic depth gives the walk real work.
 */
export function createLayout(fileCount) {
  const services = []
  const serviceCount = Math.max(4, Math.round(fileCount / 160))
  for (let i = 0; i < serviceCount; i++) {
    const team = TEAMS[i % TEAMS.length]
    const noun = NOUNS[Math.floor(i / TEAMS.length) % NOUNS.length]
    const round = Math.floor(i / (TEAMS.length * NOUNS.length))
    const name = round === 0 ? `${team}-${noun}` : `${team}-${noun}-${ADJECTIVES[round % ADJECTIVES.length]}${round}`
    // Services are mostly Go and TypeScript, as in most platform monorepos; the rest Python.
    const language = ['go', 'ts', 'go', 'py', 'ts', 'go', 'js', 'py'][i % 8]
    const root = language === 'ts' && i % 3 === 0 ? `apps/${name}` : language === 'py' && i % 4 === 1 ? `libs/${name}` : `services/${name}`
    // A service has a handful of packages, not one per noun: real code clusters in few folders.
    const packages = [0, 1, 2, 3].map((k) => NOUNS[(i * 7 + k * 5) % NOUNS.length])
    services.push({ name, team, language, root, packages })
  }
  return { services }
}

/** Keeps paths unique: a second `x.go` in one folder becomes `x-2.go`. */
export class PathRegistry {
  #taken = new Set()

  claim(path) {
    if (!this.#taken.has(path)) {
      this.#taken.add(path)
      return path
    }
    const dot = path.lastIndexOf('.')
    const slash = path.lastIndexOf('/')
    const [stem, extension] = dot > slash + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, '']
    for (let n = 2; ; n++) {
      const candidate = `${stem}-${n}${extension}`
      if (!this.#taken.has(candidate)) {
        this.#taken.add(candidate)
        return candidate
      }
    }
  }
}
