/**
 * The versions the synthetic repository declares, with what the database says about each
 * combination, so the generator can count how many files should hit the seed incident
 * (vcluster below 0.23.0-rc.4 with a Kubernetes 1.32 virtual cluster).
 */

/** `affected`: below 0.23.0-rc.4, i.e. without the qosClass fix. */
export const VCLUSTER_RELEASES = [
  { version: '0.20.4', affected: true },
  { version: '0.21.2', affected: true },
  { version: '0.22.1', affected: true },
  { version: '0.22.4', affected: true },
  { version: '0.23.0', affected: false },
  { version: '0.24.1', affected: false },
  { version: '0.25.0', affected: false },
  { version: '0.26.0', affected: false }
]

export const VIRTUAL_KUBERNETES = {
  k3s: [
    { tag: 'v1.29.10-k3s1', minor: 29 },
    { tag: 'v1.30.6-k3s1', minor: 30 },
    { tag: 'v1.31.4-k3s1', minor: 31 },
    { tag: 'v1.32.0-k3s1', minor: 32 },
    { tag: 'v1.32.1-k3s1', minor: 32 }
  ],
  k8s: [
    { tag: 'v1.30.8', minor: 30 },
    { tag: 'v1.31.4', minor: 31 },
    { tag: 'v1.32.0', minor: 32 },
    { tag: 'v1.32.2', minor: 32 }
  ]
}

/**
 * kind node images. Only v1.31.4 carries a digest: it is the one the project has checked
 * (examples/), and a made-up digest would be worse than none. Tag-only and unpinned images
 * are common in real configs too.
 */
export const KIND_NODE_IMAGES = [
  'kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30',
  'kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30',
  'kindest/node:v1.32.0',
  'kindest/node:v1.30.8',
  'kindest/node:v1.29.12',
  'kindest/node:latest'
]

/**
 * A vcluster release and a virtual cluster version. Every `incidentEvery`-th choice is
 * forced onto the seed incident so that the tree always holds known hits, whatever N is.
 */
export function chooseVirtualCluster(random, index, incidentEvery) {
  const distro = random.chance(0.6) ? 'k3s' : 'k8s'
  if (index % incidentEvery === 0) {
    const vcluster = random.pick(VCLUSTER_RELEASES.filter((release) => release.affected && release.version.startsWith('0.22')))
    const virtual = distro === 'k3s' ? 'v1.32.0-k3s1' : 'v1.32.0'
    return { vcluster: vcluster.version, distro, virtual, incident: true }
  }
  const vcluster = random.pick(VCLUSTER_RELEASES)
  const virtual = random.pick(VIRTUAL_KUBERNETES[distro])
  return { vcluster: vcluster.version, distro, virtual: virtual.tag, incident: vcluster.affected && virtual.minor >= 32 }
}
