import { ENVIRONMENTS, NOUNS, sentence } from './vocabulary.mjs'

/**
 * Kubernetes manifests with several documents each, as Kustomize bases and overlays lay
 * them out. Some carry look-alikes that a careless extractor would take for a Kubernetes
 * version (`nginx:1.32.0`, `bitnami/kubectl:1.32.0`), some old apiVersions (extensions/v1beta1
 * Ingress, batch/v1beta1 CronJob, policy/v1beta1 PodDisruptionBudget) that the API-removal
 * scan should find, and some Cluster API objects (`controlPlaneRef`) next to distroless
 * images, which pass a naive "controlPlane and distro" pre-filter.
 */
export function manifestFile(random, service) {
  const env = random.pick(ENVIRONMENTS)
  const folder = random.weighted([
    [3, `${service.root}/deploy/base`],
    [4, `${service.root}/deploy/overlays/${env}`],
    [2, `k8s/${service.team}/${env}`],
    [1, `platform/addons/${service.team}`]
  ])
  if (random.chance(0.12)) return { path: `${folder}/kustomization.yaml`, content: kustomization(random, service) }
  const name = `${service.name}${random.chance(0.3) ? `-${random.pick(NOUNS)}` : ''}`
  const count = random.int(2, 6)
  const documents = []
  for (let i = 0; i < count; i++) documents.push(random.pick(DOCUMENTS)(random, name, `${service.team}-${env}`))
  const file = random.pick(['deployment.yaml', 'service.yaml', 'app.yaml', 'resources.yaml', `${name}.yaml`, 'cronjobs.yaml', 'ingress.yml'])
  const header = random.chance(0.3) ? `# ${sentence(random, 5, 14)}\n` : ''
  return { path: `${folder}/${file}`, content: header + documents.join('---\n') }
}

function image(random, name) {
  return random.weighted([
    [30, `registry.example.com/${name}:${random.int(1, 9)}.${random.int(0, 40)}.${random.int(0, 20)}`],
    [6, 'nginx:1.32.0'],
    [4, `nginx:1.${random.int(25, 32)}.${random.int(0, 3)}-alpine`],
    [3, 'bitnami/kubectl:1.32.0'],
    [3, `gcr.io/distroless/static-debian12:nonroot`],
    [2, `registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.${random.int(10, 14)}.0`],
    [2, `redis:7.${random.int(0, 4)}.${random.int(0, 9)}`]
  ])
}

function labels(name, indent) {
  return `${indent}app.kubernetes.io/name: ${name}\n${indent}app.kubernetes.io/part-of: monorepo\n`
}

const DOCUMENTS = [
  (random, name, namespace) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n${labels(name, '    ')}` +
    `spec:\n  replicas: ${random.int(1, 6)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  template:\n    metadata:\n      labels:\n${labels(name, '        ')}` +
    `    spec:\n      serviceAccountName: ${name}\n      securityContext:\n        runAsNonRoot: true\n      containers:\n` +
    `        - name: ${name}\n          image: ${image(random, name)}\n          ports:\n            - containerPort: ${random.pick([80, 8080, 9090, 3000])}\n` +
    `          env:\n            - name: LOG_LEVEL\n              value: ${random.pick(['info', 'debug', 'warn'])}\n            - name: REGION\n              valueFrom:\n                configMapKeyRef:\n                  name: ${name}-config\n                  key: region\n` +
    `          resources:\n            requests:\n              cpu: ${random.int(1, 9) * 50}m\n              memory: ${random.int(1, 8) * 64}Mi\n            limits:\n              memory: ${random.int(2, 16) * 64}Mi\n` +
    `          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            periodSeconds: ${random.int(5, 30)}\n`,
  (random, name, namespace) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  type: ${random.pick(['ClusterIP', 'ClusterIP', 'NodePort'])}\n` +
    `  selector:\n    app.kubernetes.io/name: ${name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: ${random.pick([8080, 9090, 3000])}\n`,
  (random, name, namespace) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${namespace}\ndata:\n  region: ${random.pick(['eu-west-1', 'us-east-1'])}\n` +
    `  feature-flags: "${random.pick(['a,b', 'checkout-v2', ''])}"\n  config.yaml: |\n    server:\n      port: 8080\n      timeout: ${random.int(1, 60)}s\n    upstreams:\n` +
    `      - name: ${random.pick(NOUNS)}\n        url: http://${random.pick(NOUNS)}.svc.cluster.local\n    description: ${sentence(random, 5, 15)}\n`,
  (random, name, namespace) =>
    random.chance(0.25)
      ? `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  rules:\n    - host: ${name}.example.com\n` +
        `      http:\n        paths:\n          - path: /\n            backend:\n              serviceName: ${name}\n              servicePort: 80\n`
      : `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n` +
        `spec:\n  ingressClassName: nginx\n  rules:\n    - host: ${name}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n` +
        `            backend:\n              service:\n                name: ${name}\n                port:\n                  number: 80\n`,
  (random, name, namespace) =>
    `apiVersion: ${random.chance(0.3) ? 'batch/v1beta1' : 'batch/v1'}\nkind: CronJob\nmetadata:\n  name: ${name}-cleanup\n  namespace: ${namespace}\n` +
    `spec:\n  schedule: "${random.int(0, 59)} ${random.int(0, 23)} * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n` +
    `          restartPolicy: OnFailure\n          containers:\n            - name: cleanup\n              image: ${image(random, name)}\n              args: ["cleanup", "--older-than=${random.int(1, 90)}d"]\n`,
  (random, name, namespace) =>
    `apiVersion: ${random.chance(0.3) ? 'policy/v1beta1' : 'policy/v1'}\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n` +
    `spec:\n  minAvailable: ${random.int(1, 2)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n`,
  (random, name, namespace) =>
    `apiVersion: ${random.chance(0.2) ? 'autoscaling/v2beta2' : 'autoscaling/v2'}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n` +
    `spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}\n  minReplicas: ${random.int(1, 3)}\n  maxReplicas: ${random.int(4, 20)}\n` +
    `  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: ${random.int(50, 85)}\n`,
  (random, name, namespace) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::${random.int(100000000000, 999999999999)}:role/${name}\n`,
  (random, name, namespace) =>
    random.chance(0.15)
      ? `apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  controlPlaneRef:\n    apiVersion: controlplane.cluster.x-k8s.io/v1beta1\n` +
        `    kind: KubeadmControlPlane\n    name: ${name}-control-plane\n  infrastructureRef:\n    apiVersion: infrastructure.cluster.x-k8s.io/v1beta2\n    kind: AWSCluster\n    name: ${name}\n`
      : `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}-default-deny\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`
]

function kustomization(random, service) {
  const resources = ['deployment.yaml', 'service.yaml', 'ingress.yml', '../../base'].slice(0, random.int(2, 4))
  return (
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${service.team}\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}` +
    `images:\n  - name: registry.example.com/${service.name}\n    newTag: ${random.int(1, 9)}.${random.int(0, 40)}.${random.int(0, 20)}\n`
  )
}
