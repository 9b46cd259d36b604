import { chooseVirtualCluster } from './versions.mjs'
import { ENVIRONMENTS, NOUNS, REGIONS } from './vocabulary.mjs'

/**
 * Terraform stacks: variables and outputs, EKS clusters (`version` is the host Kubernetes
 * version) and helm_release resources of the vcluster chart with the virtual version in
 * `values` or `set` blocks. Most .tf files in a real repository declare neither.
 */
export function terraformFile(random, index) {
  const env = random.pick(ENVIRONMENTS)
  const region = random.pick(REGIONS)
  const folder = `infra/terraform/${env}/${region}/${random.pick(['network', 'cluster', 'platform', 'data', 'iam'])}`
  const kind = random.weighted([
    [1, 'eks'],
    [1, 'helm-vcluster'],
    [3, 'variables'],
    [3, 'resources'],
    [1, 'outputs']
  ])
  const file = { eks: 'eks.tf', 'helm-vcluster': 'vcluster.tf', variables: 'variables.tf', resources: 'main.tf', outputs: 'outputs.tf' }[kind]
  const result = { path: `${folder}/${file}`, content: RENDER[kind](random, index, env) }
  if (kind === 'helm-vcluster') result.incident = result.content.includes('# incident')
  return result
}

const RENDER = {
  eks: (random, _index, env) =>
    `resource "aws_eks_cluster" "${env}" {\n  name     = "${env}-platform"\n  role_arn = aws_iam_role.cluster.arn\n  version  = "1.${random.int(29, 32)}"\n\n` +
    `  vpc_config {\n    subnet_ids              = module.vpc.private_subnets\n    endpoint_private_access = true\n  }\n}\n\n` +
    `resource "aws_eks_node_group" "default" {\n  cluster_name    = aws_eks_cluster.${env}.name\n  node_group_name = "default"\n  instance_types  = ["m6i.${random.pick(['large', 'xlarge', '2xlarge'])}"]\n\n` +
    `  scaling_config {\n    desired_size = ${random.int(2, 6)}\n    max_size     = ${random.int(6, 20)}\n    min_size     = 2\n  }\n}\n`,
  'helm-vcluster': (random, index) => {
    const choice = chooseVirtualCluster(random, index, 3)
    const tagKey = choice.distro === 'k3s' ? 'controlPlane.distro.k3s.image.tag' : 'controlPlane.distro.k8s.version'
    const values = random.chance(0.5)
      ? `  values = [yamlencode({\n    controlPlane = {\n      distro = {\n        ${choice.distro} = {\n          enabled = true\n` +
        (choice.distro === 'k3s' ? `          image   = { tag = "${choice.virtual}" }\n` : `          version = "${choice.virtual}"\n`) +
        `        }\n      }\n    }\n  })]\n`
      : `  set {\n    name  = "controlPlane.distro.${choice.distro}.enabled"\n    value = "true"\n  }\n\n  set {\n    name  = "${tagKey}"\n    value = "${choice.virtual}"\n  }\n`
    return (
      `${choice.incident ? '# incident: vcluster below 0.23.0-rc.4 with a 1.32 virtual cluster\n' : ''}` +
      `resource "helm_release" "vcluster" {\n  name             = "vcluster-${random.pick(NOUNS)}"\n  repository       = "https://charts.loft.sh"\n  chart            = "vcluster"\n` +
      `  version          = "${choice.vcluster}"\n  namespace        = "vcluster"\n  create_namespace = true\n\n${values}}\n`
    )
  },
  variables: (random) => {
    let text = ''
    for (let i = random.int(3, 12); i > 0; i--) {
      const noun = random.pick(NOUNS)
      text += `variable "${noun}_${random.pick(['name', 'count', 'enabled', 'tags', 'cidr'])}" {\n  description = "The ${noun} setting for this stack."\n  type        = ${random.pick(['string', 'number', 'bool', 'map(string)'])}\n  default     = null\n}\n\n`
    }
    return text
  },
  resources: (random, _index, env) => {
    let text = `terraform {\n  required_version = ">= 1.6"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.${random.int(40, 80)}"\n    }\n  }\n}\n\n`
    for (let i = random.int(2, 8); i > 0; i--) {
      const noun = random.pick(NOUNS)
      text += `resource "aws_s3_bucket" "${noun}_${i}" {\n  bucket = "${env}-${noun}-${i}"\n  tags = {\n    team = var.team\n    env  = "${env}"\n  }\n}\n\n`
    }
    return text
  },
  outputs: (random) => {
    let text = ''
    for (let i = random.int(2, 6); i > 0; i--) {
      const noun = random.pick(NOUNS)
      text += `output "${noun}_id_${i}" {\n  value = aws_s3_bucket.${noun}_${i}.id\n}\n\n`
    }
    return text
  }
}
