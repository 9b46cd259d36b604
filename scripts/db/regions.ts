/**
 * The generated parts of a hand-written file: lines between `# BEGIN generated NAME` and
 * `# END generated NAME`. Replacing only those keeps the rest byte for byte (a YAML library
 * round trip would re-fold text and re-space flow maps) and gives a diff of facts only.
 */
export function replaceRegions(text: string, file: string, regions: ReadonlyMap<string, readonly string[]>): string {
  const lines = text.split('\n')
  const out: string[] = []
  const seen = new Set<string>()
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    out.push(line)
    const begin = /^(\s*)# BEGIN generated (\S+)$/.exec(line)
    if (!begin) continue
    const [, indent, name] = begin as unknown as [string, string, string]
    const content = regions.get(name)
    if (content === undefined) throw new Error(`${file}:${index + 1}: no generated table named ${name}`)
    const end = lines.findIndex((each, at) => at > index && each === `${indent}# END generated ${name}`)
    if (end < 0) throw new Error(`${file}:${index + 1}: region ${name} has no "# END generated ${name}" at the same indentation`)
    out.push(...content.map((each) => `${indent}${each}`), lines[end]!)
    seen.add(name)
    index = end
  }
  return out.join('\n')
}

/** Region names a file holds, to tell a generator with a table for a region that is gone. */
export function regionNames(text: string): string[] {
  return [...text.matchAll(/^\s*# BEGIN generated (\S+)$/gm)].map((match) => match[1]!)
}
