import { NOUNS, sentence } from './vocabulary.mjs'

const ONE_MB = 1024 * 1024

/**
 * The few 1 MB YAML files every platform repository has: Grafana dashboards in a
 * ConfigMap (mostly one big block scalar), a CRD bundle (deeply nested maps) and
 * `helm template` output (hundreds of small documents). The last one mentions Cluster API
 * `controlPlaneRef` and distroless images, so a "controlPlane and distro" pre-filter lets
 * it through and the scanner pays for parsing a whole megabyte.
 */
export function largeYamlFile(random, index) {
  const variant = ['dashboards', 'crds', 'rendered'][index % 3]
  const path = {
    dashboards: `observability/dashboards/dashboards-${index}.yaml`,
    crds: `platform/crds/bundle-${index}.yaml`,
    rendered: `platform/rendered/${random.pick(NOUNS)}-${index}.yaml`
  }[variant]
  const parts = []
  let size = 0
  const add = (text) => {
    parts.push(text)
    size += text.length
  }
  HEADER[variant](add, index)
  while (size < ONE_MB) BODY[variant](add, random, parts.length)
  return { path: path, content: parts.join('') }
}

const HEADER = {
  dashboards: (add, index) => add(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-dashboards-${index}\n  namespace: monitoring\n  labels:\n    grafana_dashboard: "1"\ndata:\n`),
  crds: () => {},
  rendered: (add) => add('# Source: rendered with helm template; do not edit.\n')
}

const BODY = {
  dashboards(add, random, n) {
    add(`  ${random.pick(NOUNS)}-${n}.json: |\n    {\n      "title": "${sentence(random, 2, 5)}",\n      "panels": [\n`)
    for (let i = random.int(10, 30); i > 0; i--) {
      add(
        `        {"type": "timeseries", "title": "${random.pick(NOUNS)} rate", "gridPos": {"h": 8, "w": 12, "x": ${random.int(0, 12)}, "y": ${random.int(0, 80)}},` +
          ` "targets": [{"expr": "sum(rate(http_requests_total{service=\\"${random.pick(NOUNS)}\\"}[5m])) by (code)", "refId": "A"}]},\n`
      )
    }
    add(`        {"type": "text", "title": "notes"}\n      ]\n    }\n`)
  },
  crds(add, random, n) {
    const noun = random.pick(NOUNS)
    add(
      `---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${noun}s${n}.example.com\nspec:\n  group: example.com\n` +
        `  names:\n    kind: ${noun[0].toUpperCase()}${noun.slice(1)}${n}\n    plural: ${noun}s${n}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n` +
        `      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n`
    )
    for (let i = random.int(20, 60); i > 0; i--) {
      add(
        `                ${random.pick(NOUNS)}${i}:\n                  description: ${sentence(random, 6, 20)}\n                  type: object\n                  properties:\n` +
          `                    name:\n                      type: string\n                    replicas:\n                      type: integer\n                      format: int32\n                      minimum: 0\n`
      )
    }
  },
  rendered(add, random, n) {
    const name = `${random.pick(NOUNS)}-${n}`
    add(
      `---\n# Source: platform/templates/${name}.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels:\n    app.kubernetes.io/managed-by: Helm\n` +
        `spec:\n  replicas: ${random.int(1, 4)}\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: gcr.io/distroless/static-debian12:nonroot\n` +
        `          args: ["--${random.pick(NOUNS)}=${random.int(1, 100)}"]\n`
    )
    if (n % 25 === 0) {
      add(
        `---\napiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  controlPlaneRef:\n    apiVersion: controlplane.cluster.x-k8s.io/v1beta1\n` +
          `    kind: KubeadmControlPlane\n    name: ${name}-control-plane\n`
      )
    }
  }
}
