import { KIND_NODE_IMAGES, VCLUSTER_RELEASES } from './versions.mjs'

/**
 * GitHub workflows, all in the one `.github/workflows` folder GitHub reads. About half run
 * end-to-end tests on a matrix of kind node images through helm/kind-action, which is where
 * many repositories declare the host Kubernetes versions they support.
 */
export function workflowFile(random, service) {
  const e2e = random.chance(0.5)
  const path = `.github/workflows/${e2e ? 'e2e' : 'ci'}-${service.name}.yml`
  const trigger = `on:\n  pull_request:\n    paths:\n      - '${service.root}/**'\n  push:\n    branches: [main]\n`
  if (!e2e) {
    return {
      path,
      content:
        `name: ci ${service.name}\n${trigger}permissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n` +
        (service.language === 'go'
          ? `      - uses: actions/setup-go@v5\n        with:\n          go-version-file: ${service.root}/go.mod\n      - run: go test ./...\n        working-directory: ${service.root}\n`
          : `      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: npm ci && npm test\n        working-directory: ${service.root}\n`)
    }
  }
  const images = [...new Set([random.pick(KIND_NODE_IMAGES), random.pick(KIND_NODE_IMAGES), random.pick(KIND_NODE_IMAGES)])]
  const vcluster = random.chance(0.4) ? random.pick(VCLUSTER_RELEASES).version : undefined
  return {
    path,
    content:
      `name: e2e ${service.name}\n${trigger}jobs:\n  e2e:\n    runs-on: ubuntu-latest\n    strategy:\n      fail-fast: false\n      matrix:\n        node_image:\n` +
      images.map((image) => `          - ${image}\n`).join('') +
      `    steps:\n      - uses: actions/checkout@v4\n      - uses: helm/kind-action@v1\n        with:\n          version: v0.${random.int(24, 26)}.0\n` +
      `          node_image: \${{ matrix.node_image }}\n          cluster_name: e2e\n` +
      (vcluster ? `      - uses: loft-sh/setup-vcluster@main\n        with:\n          version: v${vcluster}\n` : '') +
      `      - run: make -C ${service.root} e2e\n`
  }
}
