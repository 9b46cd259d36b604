import { NOUNS, sentence } from './vocabulary.mjs'

/**
 * Everything else a monorepo holds: docs, build files, package manifests and tool configs,
 * some of them YAML that is neither a manifest nor a version declaration.
 */
export function otherFile(random, service) {
  const kind = random.weighted([
    [6, 'markdown'],
    [2, 'dockerfile'],
    [1, 'makefile'],
    [2, 'package-json'],
    [1, 'go-mod'],
    [1, 'compose'],
    [1, 'openapi'],
    [1, 'lint-config']
  ])
  return RENDER[kind](random, service)
}

const RENDER = {
  markdown(random, service) {
    let text = `# ${service.name}: ${random.pick(NOUNS)}\n\n`
    for (let i = random.int(3, 20); i > 0; i--) {
      text += `## ${sentence(random, 2, 5).slice(0, -1)}\n\n${sentence(random, 12, 40)} ${sentence(random, 8, 30)}\n\n`
      if (random.chance(0.3)) text += '```sh\nkubectl -n ' + service.team + ' rollout status deploy/' + service.name + '\n```\n\n'
    }
    const folder = random.chance(0.5) ? `docs/${service.team}` : `${service.root}/docs`
    return { path: `${folder}/${random.pick(NOUNS)}.md`, content: text }
  },
  dockerfile: (random, service) => ({
    path: `${service.root}/Dockerfile`,
    content:
      `FROM golang:1.${random.int(21, 23)} AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/...\n\n` +
      `FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nUSER nonroot\nENTRYPOINT ["/app"]\n`
  }),
  makefile: (random, service) => ({
    path: `${service.root}/Makefile`,
    content: `.PHONY: build test e2e\n\nbuild:\n\tgo build ./...\n\ntest:\n\tgo test -race ./...\n\ne2e:\n\tkind create cluster --config hack/kind-config.yaml --name ${service.name}\n\tgo test -tags e2e ./test/...\n`
  }),
  'package-json': (random, service) => ({
    path: `${service.root}/package.json`,
    content:
      JSON.stringify(
        {
          name: `@monorepo/${service.name}`,
          version: `${random.int(0, 3)}.${random.int(0, 40)}.${random.int(0, 9)}`,
          private: true,
          scripts: { build: 'tsc -p .', test: 'vitest run' },
          dependencies: { zod: '^3.23.0', pino: '^9.4.0' },
          devDependencies: { typescript: '~5.6.0', vitest: '^2.1.0' }
        },
        null,
        2
      ) + '\n'
  }),
  'go-mod': (random, service) => ({
    path: `${service.root}/go.mod`,
    content: `module example.com/monorepo/${service.name}\n\ngo 1.${random.int(21, 23)}\n\nrequire (\n\tk8s.io/api v0.${random.int(29, 32)}.${random.int(0, 3)}\n\tk8s.io/client-go v0.${random.int(29, 32)}.${random.int(0, 3)}\n\tsigs.k8s.io/controller-runtime v0.${random.int(17, 20)}.0\n)\n`
  }),
  compose: (random, service) => ({
    path: `${service.root}/docker-compose.yml`,
    content: `services:\n  app:\n    build: .\n    ports:\n      - "${random.int(3000, 9000)}:8080"\n    depends_on: [db]\n  db:\n    image: postgres:${random.int(14, 17)}\n    environment:\n      POSTGRES_PASSWORD: example\n`
  }),
  openapi(random, service) {
    let text = `openapi: 3.0.3\ninfo:\n  title: ${service.name}\n  version: 1.${random.int(0, 9)}.0\npaths:\n`
    const nouns = new Set()
    for (let i = random.int(3, 15); i > 0; i--) nouns.add(random.pick(NOUNS))
    for (const noun of nouns) {
      text += `  /${noun}s/{id}:\n    get:\n      summary: ${sentence(random, 3, 8)}\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        "200":\n          description: The ${noun}.\n`
    }
    return { path: `${service.root}/api/openapi.yaml`, content: text }
  },
  'lint-config': (random, service) => ({
    path: `${service.root}/.golangci.yml`,
    content: `run:\n  timeout: ${random.int(2, 10)}m\nlinters:\n  enable:\n    - errcheck\n    - govet\n    - staticcheck\n    - revive\n`
  })
}
