/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time
 * per function, and time per pipeline stage. A stage is decided from the whole stack of a
 * sample, not its top frame, because the top frame is often a builtin (`indexOf`,
 * `toString`) whose cost belongs to whoever called it.
 */

/** First match wins; `test` sees every frame of the sample's stack, top first. */
const STAGES = [
  ['(idle: waiting for I/O)', (frames) => frames[0].functionName === '(idle)'],
  ['garbage collection', (frames) => frames[0].functionName === '(garbage collector)'],
  ['YAML parsing (yaml package)', (frames) => frames.some((f) => f.url.includes('/node_modules/yaml/'))],
  ['pre-filters (mightDeclare)', (frames) => frames.some((f) => f.functionName === 'mightDeclare')],
  ['.gitignore matching (ignore package)', (frames) => frames.some((f) => f.url.includes('/node_modules/ignore/'))],
  ['walk (discover.ts, opendir, stat)', (frames) => frames.some((f) => f.url.includes('/src/scan/discover') || f.url.startsWith('node:internal/fs/dir'))],
  ['extractors', (frames) => frames.some((f) => /\/src\/scan\/(extractors\/|yaml-nodes|declare|source-file)/.test(f.url))],
  ['file reads (fs/promises readFile)', (frames) => frames.some((f) => f.url.startsWith('node:internal/fs/promises'))],
  ['read loop, decode, dispatch (scan.ts)', (frames) => frames.some((f) => f.url.includes('/src/scan/scan'))],
  ['rendering (src/report)', (frames) => frames.some((f) => f.url.includes('/src/report/'))],
  ['resolve + evaluate', (frames) => frames.some((f) => /\/src\/(evaluate|versions)\//.test(f.url))],
  ['database load + validation (src/db, zod)', (frames) => frames.some((f) => f.url.includes('/src/db/') || f.url.includes('/node_modules/zod/'))],
  ['module loading (start-up)', (frames) => frames.some((f) => /^node:internal\/(modules|bootstrap)|\/node_modules\/(tsx|esbuild)\//.test(f.url))],
  ['V8 and native, unattributed', (frames) => frames[0].functionName === '(program)'],
  ['other', () => true]
]

export function analyseProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)

  const stack = (id) => {
    const frames = []
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at).callFrame
      if (frame.functionName !== '(root)') frames.push(frame)
    }
    return frames
  }

  const stages = new Map(STAGES.map(([name]) => [name, 0]))
  const functions = new Map()
  const stageOfNode = new Map()
  let total = 0
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: the time this sample stands for.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    total += ms
    if (!stageOfNode.has(id)) {
      const frames = stack(id)
      stageOfNode.set(id, frames.length === 0 ? 'other' : STAGES.find(([, test]) => test(frames))[0])
    }
    stages.set(stageOfNode.get(id), stages.get(stageOfNode.get(id)) + ms)
    const frame = byId.get(id).callFrame
    const key = `${frame.functionName || '(anonymous)'}\t${shortUrl(frame.url)}:${frame.lineNumber + 1}`
    functions.set(key, (functions.get(key) ?? 0) + ms)
  })
  return {
    totalMs: total,
    stages: [...stages].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]),
    functions: [...functions].sort((a, b) => b[1] - a[1]).map(([key, ms]) => {
      const [name, where] = key.split('\t')
      return { name, where, ms }
    })
  }
}

function shortUrl(url) {
  if (url === '') return '(native)'
  const nodeModules = url.lastIndexOf('/node_modules/')
  if (nodeModules !== -1) return url.slice(nodeModules + 1)
  const src = url.lastIndexOf('/src/')
  if (src !== -1) return url.slice(src + 1)
  return url
}
