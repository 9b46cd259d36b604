import { KIND_NODE_IMAGES } from './versions.mjs'

/**
 * kind cluster configs (`kind: Cluster`, `kind.x-k8s.io/v1alpha4`) that CI and developers
 * use as host clusters; `nodes[].image` pins the host Kubernetes version.
 */
export function kindConfigFile(random, service) {
  const image = random.pick(KIND_NODE_IMAGES)
  const workers = random.int(0, 3)
  const path = random.chance(0.5) ? `${service.root}/hack/kind-config.yaml` : `hack/kind/${service.name}.yaml`
  let text = `# Local cluster for ${service.name}: kind create cluster --config ${path}\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: ${service.name}\n`
  if (random.chance(0.3)) text += `featureGates:\n  InPlacePodVerticalScaling: true\n`
  if (random.chance(0.3)) text += `networking:\n  disableDefaultCNI: ${random.chance(0.5)}\n  podSubnet: 10.${random.int(100, 250)}.0.0/16\n`
  text += `nodes:\n  - role: control-plane\n    image: ${image}\n`
  if (random.chance(0.4)) {
    text +=
      `    kubeadmConfigPatches:\n      - |\n        kind: InitConfiguration\n        nodeRegistration:\n          kubeletExtraArgs:\n            node-labels: "ingress-ready=true"\n` +
      `    extraPortMappings:\n      - containerPort: 80\n        hostPort: ${random.int(8000, 8999)}\n        protocol: TCP\n`
  }
  for (let i = 0; i < workers; i++) text += `  - role: worker\n    image: ${image}\n`
  return { path, content: text }
}
