import { chooseVirtualCluster } from './versions.mjs'
import { ENVIRONMENTS } from './vocabulary.mjs'

/**
 * Argo CD Applications and Flux HelmReleases that install the vcluster chart with values
 * setting the virtual cluster's Kubernetes version: the GitOps way most platform teams
 * declare virtual clusters. Every fifth one is the seed incident.
 */
export function vclusterAppFile(random, index, service) {
  const env = random.pick(ENVIRONMENTS)
  const choice = chooseVirtualCluster(random, index, 5)
  const name = `${service.team}-${env}`
  const style = random.weighted([
    [4, 'argo-values-object'],
    [2, 'argo-values-string'],
    [4, 'flux-helmrelease']
  ])
  const path =
    style === 'flux-helmrelease'
      ? `platform/flux/clusters/${env}/${service.team}/vcluster-helmrelease.yaml`
      : `platform/argocd/apps/${env}/${service.team}-vcluster.yaml`
  return { path, content: RENDER[style](random, name, choice), incident: choice.incident }
}

/** vcluster ≥ 0.20 values: `controlPlane.distro.<distro>`, indented by `indent` spaces. */
export function distroValues(random, choice, indent) {
  const pad = ' '.repeat(indent)
  const lines =
    choice.distro === 'k3s'
      ? ['controlPlane:', '  distro:', '    k3s:', '      enabled: true', '      image:', '        repository: rancher/k3s', `        tag: ${choice.virtual}`]
      : random.chance(0.5)
        ? ['controlPlane:', '  distro:', '    k8s:', '      enabled: true', `      version: ${choice.virtual}`]
        : ['controlPlane:', '  distro:', '    k8s:', '      enabled: true', '      apiServer:', '        image:', `          tag: ${choice.virtual}`]
  lines.push('  statefulSet:', '    resources:', '      limits:', `        memory: ${random.int(1, 4)}Gi`)
  lines.push('sync:', '  toHost:', '    ingresses:', `      enabled: ${random.chance(0.5)}`)
  return lines.map((line) => pad + line + '\n').join('')
}

const RENDER = {
  'argo-values-object': (random, name, choice) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: vcluster-${name}\n  namespace: argocd\n` +
    `spec:\n  project: ${name.split('-')[0]}\n  source:\n    repoURL: https://charts.loft.sh\n    chart: vcluster\n    targetRevision: ${choice.vcluster}\n` +
    `    helm:\n      releaseName: vcluster-${name}\n      valuesObject:\n${distroValues(random, choice, 8)}` +
    `  destination:\n    server: https://kubernetes.default.svc\n    namespace: vcluster-${name}\n  syncPolicy:\n    automated:\n      prune: true\n    syncOptions:\n      - CreateNamespace=true\n`,
  'argo-values-string': (random, name, choice) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: vcluster-${name}\n  namespace: argocd\n` +
    `spec:\n  project: default\n  source:\n    repoURL: https://charts.loft.sh\n    chart: vcluster\n    targetRevision: "${choice.vcluster}"\n` +
    `    helm:\n      values: |\n${distroValues(random, choice, 8)}` +
    `  destination:\n    server: https://kubernetes.default.svc\n    namespace: vcluster-${name}\n`,
  'flux-helmrelease': (random, name, choice) =>
    `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: loft\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.loft.sh\n---\n` +
    `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vcluster-${name}\n  namespace: vcluster-${name}\nspec:\n  interval: 10m\n` +
    `  chart:\n    spec:\n      chart: vcluster\n      version: "${choice.vcluster}"\n      sourceRef:\n        kind: HelmRepository\n        name: loft\n        namespace: flux-system\n` +
    `  values:\n${distroValues(random, choice, 4)}`
}
