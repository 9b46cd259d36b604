import { distroValues } from './vcluster-apps.mjs'
import { chooseVirtualCluster } from './versions.mjs'
import { ENVIRONMENTS, NOUNS } from './vocabulary.mjs'

/**
 * Helm umbrella charts that pull in vcluster: `Chart.yaml` pins the chart version and
 * `values.yaml` sets the virtual cluster's version under the dependency's name
 * (`vcluster:`), the layout of examples/. Every fourth one is the seed incident.
 */
export function vclusterChart(random, index, service, registry) {
  const env = random.pick(ENVIRONMENTS)
  const choice = chooseVirtualCluster(random, index, 4)
  const folder = registry.claim(`platform/vclusters/${service.team}-${env}`)
  const chart =
    `apiVersion: v2\nname: ${service.team}-${env}-vcluster\ndescription: Virtual cluster for the ${service.team} team (${env})\ntype: application\n` +
    `version: ${random.int(0, 3)}.${random.int(0, 20)}.${random.int(0, 9)}\ndependencies:\n` +
    `  - name: vcluster\n    version: ${choice.vcluster}\n    repository: https://charts.loft.sh\n` +
    (random.chance(0.4) ? `  - name: cert-manager\n    version: v1.${random.int(14, 17)}.${random.int(0, 3)}\n    repository: https://charts.jetstack.io\n` : '')
  const values = `# Values for the vcluster dependency live under its name.\nvcluster:\n${distroValues(random, choice, 2)}`
  return [
    { path: `${folder}/Chart.yaml`, content: chart, incident: choice.incident },
    { path: `${folder}/values.yaml`, content: values }
  ]
}

/**
 * An ordinary application chart: the Chart.yaml has no vcluster dependency, and the
 * templates are Go-templated YAML that does not parse as YAML on its own.
 */
export function serviceChart(random, service, registry) {
  const folder = registry.claim(`${service.root}/chart`)
  const name = service.name
  return [
    {
      path: `${folder}/Chart.yaml`,
      content:
        `apiVersion: v2\nname: ${name}\nversion: 0.${random.int(1, 30)}.${random.int(0, 9)}\nappVersion: "${random.int(1, 5)}.${random.int(0, 30)}.0"\n` +
        `dependencies:\n  - name: ${random.pick(['postgresql', 'redis', 'common'])}\n    version: ${random.int(10, 19)}.${random.int(0, 9)}.${random.int(0, 9)}\n    repository: oci://registry-1.docker.io/bitnamicharts\n`
    },
    {
      path: `${folder}/values.yaml`,
      content:
        `replicaCount: ${random.int(1, 5)}\nimage:\n  repository: registry.example.com/${name}\n  tag: ""\nservice:\n  port: 80\n` +
        `resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\nnodeSelector: {}\ntolerations: []\n${random.pick(NOUNS)}:\n  enabled: ${random.chance(0.5)}\n`
    },
    {
      path: `${folder}/templates/deployment.yaml`,
      content:
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "${name}.fullname" . }}\n  labels:\n    {{- include "${name}.labels" . | nindent 4 }}\n` +
        `spec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n` +
        `          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n`
    },
    {
      path: `${folder}/templates/service.yaml`,
      content: `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "${name}.fullname" . }}\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n`
    },
    {
      path: `${folder}/templates/_helpers.tpl`,
      content: `{{- define "${name}.fullname" -}}\n{{- .Release.Name | trunc 63 | trimSuffix "-" }}\n{{- end }}\n{{- define "${name}.labels" -}}\napp.kubernetes.io/name: ${name}\n{{- end }}\n`
    }
  ]
}
