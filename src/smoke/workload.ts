/**
 * Pure builders for the smoke workload: a namespace, a Burstable Pod and a one-replica Deployment.
 *
 * The Pod is deliberately Burstable (requests < limits) with an HTTP readiness probe: the vcluster
 * incident this tool guards against (status.qosClass immutable, loft-sh/vcluster#2472) only hits
 * Pods whose QoS class the syncer recomputes, and "Ready" proves the kubelet really ran and probed it.
 *
 * The container needs an image with busybox `sh` and `httpd`.
 */
import { randomBytes } from 'node:crypto'
import type { DeploymentManifest, NamespaceManifest, PodManifest } from './cluster-client.js'

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by'
export const MANAGED_BY = 'kube-compat-gate'
export const NAME_LABEL = 'app.kubernetes.io/name'
export const SMOKE_NAME = 'kcg-smoke'
export const CONTAINER_NAME = 'smoke'

/**
 * How the kubelet reaches the readiness endpoint.
 * - `pod`: the normal case. The server listens in the Pod's own network namespace and the kubelet
 *   probes the Pod IP. Needs a pod network (kind, every real cluster).
 * - `host-loopback`: for a node without a pod network, like our loopback-only test cluster (dockerd
 *   with --bridge=none). There a normal Pod gets no IP: the kubelet probes `http://:8080/` and is
 *   refused, and kubelet 1.20 even recreates an IP-less sandbox on every sync, so the container
 *   restarts into CrashLoopBackOff (an exec probe would not help). With `host-loopback` the Pod uses
 *   the host network, listens on 127.0.0.1 only, and the probe targets 127.0.0.1 explicitly: still
 *   the kubelet's own HTTP probe against the container's server. Each workload needs its own port.
 */
export type ProbeNetwork = 'pod' | 'host-loopback'

export interface WorkloadOptions {
  image: string
  network?: ProbeNetwork
  /** Port the container serves on (default 8080). */
  port?: number
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never'
}

/** `kcg-smoke-<8 hex>`; pass a suffix to make it deterministic. */
export function smokeNamespaceName(suffix: string = randomBytes(4).toString('hex')): string {
  return `${SMOKE_NAME}-${suffix}`
}

export function managedLabels(): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY }
}

export function buildNamespace(name: string): NamespaceManifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: managedLabels() } }
}

/** Pod spec shared by the Pod and the Deployment template. */
function podSpec(options: WorkloadOptions): NonNullable<PodManifest['spec']> {
  const network = options.network ?? 'pod'
  const port = options.port ?? 8080
  const listen = network === 'host-loopback' ? `127.0.0.1:${port}` : String(port)
  // The echo gives the logs a known line; `exec` makes httpd PID 1 so nothing lingers.
  const script = [
    'mkdir -p /tmp/www',
    'echo kcg-smoke-ok > /tmp/www/index.html',
    `echo "kcg-smoke: serving on ${listen}"`,
    `exec httpd -f -p ${listen} -h /tmp/www`
  ].join(' && ')
  return {
    ...(network === 'host-loopback' ? { hostNetwork: true } : {}),
    // httpd as PID 1 ignores SIGTERM; a short grace period keeps namespace deletion fast.
    terminationGracePeriodSeconds: 2,
    automountServiceAccountToken: false,
    securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
    containers: [
      {
        name: CONTAINER_NAME,
        image: options.image,
        ...(options.imagePullPolicy ? { imagePullPolicy: options.imagePullPolicy } : {}),
        command: ['sh', '-c', script],
        ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
        // requests < limits: Burstable QoS (see the file comment).
        resources: {
          requests: { cpu: '10m', memory: '16Mi' },
          limits: { cpu: '100m', memory: '64Mi' }
        },
        readinessProbe: {
          httpGet: {
            path: '/',
            port,
            ...(network === 'host-loopback' ? { host: '127.0.0.1' } : {})
          },
          periodSeconds: 2,
          timeoutSeconds: 2,
          failureThreshold: 3
        },
        securityContext: { allowPrivilegeEscalation: false }
      }
    ]
  }
}

export function buildSmokePod(namespace: string, options: WorkloadOptions): PodManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${SMOKE_NAME}-pod`,
      namespace,
      labels: { ...managedLabels(), [NAME_LABEL]: `${SMOKE_NAME}-pod` }
    },
    spec: { ...podSpec(options), restartPolicy: 'Always' }
  }
}

export function buildSmokeDeployment(namespace: string, options: WorkloadOptions): DeploymentManifest {
  const selector = { [NAME_LABEL]: `${SMOKE_NAME}-deployment` }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${SMOKE_NAME}-deployment`, namespace, labels: { ...managedLabels(), ...selector } },
    spec: {
      replicas: 1,
      progressDeadlineSeconds: 120,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...managedLabels(), ...selector } },
        spec: podSpec(options)
      }
    }
  }
}
