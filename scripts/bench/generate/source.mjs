import { camel, NOUNS, pascal, sentence, VERBS } from './vocabulary.mjs'

/**
 * Source files (Go, TypeScript, Python, JavaScript) of realistic sizes: a header, then
 * functions until the target size. The scanner should skip them by path; the baseline
 * reads them all, as any tool that does not filter would.
 */
export function sourceFile(random, service) {
  const language = random.chance(0.8) ? service.language : random.pick(['go', 'ts', 'py', 'js'])
  const noun = random.pick(service.packages)
  const verb = random.pick(VERBS)
  const target = random.skewedSize(2600, 180, 60_000)
  const writer = WRITERS[language]
  const path = `${service.root}/${writer.folder(random, noun)}/${writer.file(verb, noun, random)}`
  let text = writer.header(service, noun, random)
  while (text.length < target) text += writer.block(random)
  // Version-like strings in code are common (test fixtures, defaults) and must not be mistaken for declarations.
  if (random.chance(0.02)) text += writer.lookalike(random)
  return { path, content: text }
}

const LOOKALIKE_VERSIONS = ['v1.32.0', '1.32.0', 'v1.32.0-k3s1', '0.22.1', 'kindest/node:v1.31.4']

const WRITERS = {
  go: {
    folder: (random, noun) => random.pick([`internal/${noun}`, `internal/${noun}`, `pkg/${noun}`, 'internal/server']),
    file: (verb, noun, random) => `${verb}_${noun}${random.chance(0.3) ? '_test' : ''}.go`,
    header: (service, noun) =>
      `// Package ${noun} implements the ${noun} part of ${service.name}.\npackage ${noun}\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"log/slog"\n\t"time"\n)\n\nvar Err${pascal([noun])}NotFound = errors.New("${noun} not found")\n\n`,
    block(random) {
      const noun = random.pick(NOUNS)
      const Name = pascal([random.pick(VERBS), noun])
      const Type = pascal([noun])
      return (
        `// ${Name} ${sentence(random, 6, 18).toLowerCase()}\n` +
        `func (s *${Type}Service) ${Name}(ctx context.Context, req *${Name}Request) (*${Name}Response, error) {\n` +
        `\tctx, cancel := context.WithTimeout(ctx, ${random.int(1, 30)}*time.Second)\n\tdefer cancel()\n` +
        `\tif req == nil || len(req.Ids) == 0 {\n\t\treturn nil, fmt.Errorf("${Name.toLowerCase()}: %w", ErrInvalidRequest)\n\t}\n` +
        `\titems := make([]*${Type}, 0, len(req.Ids))\n\tfor _, id := range req.Ids {\n` +
        `\t\titem, err := s.store.Get${Type}(ctx, id)\n\t\tif err != nil {\n` +
        `\t\t\ts.log.Error("get ${noun} failed", slog.String("id", id), slog.Any("err", err))\n\t\t\tcontinue\n\t\t}\n` +
        `\t\titems = append(items, item)\n\t}\n\treturn &${Name}Response{Items: items, Total: int32(len(items))}, nil\n}\n\n`
      )
    },
    lookalike: (random) => `const testClusterVersion = "${random.pick(LOOKALIKE_VERSIONS)}"\n`
  },
  ts: {
    folder: (random, noun) => random.pick([`src/${noun}`, `src/${noun}`, 'src/lib', 'src/components']),
    file: (verb, noun, random) => `${camel([verb, noun])}${random.chance(0.25) ? '.test' : ''}.${random.chance(0.2) ? 'tsx' : 'ts'}`,
    header: (service, noun) =>
      `import { z } from 'zod'\nimport type { Logger } from '../lib/logger.js'\nimport { fetchJson } from '../lib/http.js'\n\n` +
      `/** ${pascal([noun])} handling for ${service.name}. */\nexport const ${camel([noun, 'schema'])} = z.object({\n  id: z.string(),\n  createdAt: z.string().datetime(),\n  status: z.enum(['pending', 'active', 'closed'])\n})\n\n`,
    block(random) {
      const noun = random.pick(NOUNS)
      const name = camel([random.pick(VERBS), noun])
      const Type = pascal([noun])
      return (
        `/** ${sentence(random, 6, 16)} */\n` +
        `export async function ${name}(ids: readonly string[], log: Logger): Promise<${Type}[]> {\n` +
        `  const results: ${Type}[] = []\n  for (const id of ids) {\n` +
        `    const response = await fetchJson(\`/api/v${random.int(1, 3)}/${noun}s/\${encodeURIComponent(id)}\`, { timeoutMs: ${random.int(1, 30) * 500} })\n` +
        `    if (!response.ok) {\n      log.warn({ id, status: response.status }, '${name} failed')\n      continue\n    }\n` +
        `    results.push(${camel([noun, 'schema'])}.parse(response.body) as ${Type})\n  }\n  return results\n}\n\n`
      )
    },
    lookalike: (random) => `export const TEST_CLUSTER_VERSION = '${random.pick(LOOKALIKE_VERSIONS)}'\n`
  },
  py: {
    folder: (random, noun) => random.pick([`src/${noun}`, `src/${noun}`, 'tests', 'src/common']),
    file: (verb, noun, random) => `${random.chance(0.25) ? 'test_' : ''}${verb}_${noun}.py`,
    header: (service, noun) =>
      `"""${pascal([noun])} handling for ${service.name}."""\nfrom __future__ import annotations\n\nimport logging\nfrom dataclasses import dataclass\nfrom typing import Iterable\n\nlog = logging.getLogger(__name__)\n\n`,
    block(random) {
      const noun = random.pick(NOUNS)
      const name = `${random.pick(VERBS)}_${noun}`
      return (
        `def ${name}(client, ids: Iterable[str], *, timeout: float = ${random.int(1, 30)}.0) -> list[dict]:\n` +
        `    """${sentence(random, 6, 16)}"""\n    results = []\n    for item_id in ids:\n` +
        `        response = client.get(f"/api/v${random.int(1, 3)}/${noun}s/{item_id}", timeout=timeout)\n` +
        `        if response.status_code != 200:\n            log.warning("${name} failed for %s: %s", item_id, response.status_code)\n            continue\n` +
        `        results.append(response.json())\n    return results\n\n\n`
      )
    },
    lookalike: (random) => `TEST_CLUSTER_VERSION = "${random.pick(LOOKALIKE_VERSIONS)}"\n`
  },
  js: {
    folder: (random, noun) => random.pick(['src', `src/${noun}`, 'lib']),
    file: (verb, noun, random) => `${camel([verb, noun])}.${random.chance(0.3) ? 'mjs' : 'js'}`,
    header: (service) => `'use strict'\n// Helpers for ${service.name}.\nconst { setTimeout: sleep } = require('node:timers/promises')\n\n`,
    block(random) {
      const noun = random.pick(NOUNS)
      const name = camel([random.pick(VERBS), noun])
      return (
        `// ${sentence(random, 6, 16)}\nasync function ${name}(client, ids, attempts = ${random.int(2, 6)}) {\n` +
        `  const out = []\n  for (const id of ids) {\n    for (let attempt = 1; attempt <= attempts; attempt++) {\n` +
        `      try {\n        out.push(await client.get(\`/${noun}s/\${id}\`))\n        break\n      } catch (error) {\n` +
        `        if (attempt === attempts) throw error\n        await sleep(attempt * ${random.int(50, 500)})\n      }\n    }\n  }\n  return out\n}\nmodule.exports.${name} = ${name}\n\n`
      )
    },
    lookalike: (random) => `module.exports.TEST_CLUSTER_VERSION = '${random.pick(LOOKALIKE_VERSIONS)}'\n`
  }
}
