/**
 * Settings for tests against a real cluster. They run only when KCG_TEST_CLUSTER names a kubeconfig
 * (test/cluster/ci.sh sets it); otherwise they are skipped with the reason in their title.
 */
import type { ProbeNetwork } from '../../src/smoke/workload.js'

export const kubeconfig = process.env.KCG_TEST_CLUSTER ?? ''
export const hasCluster = kubeconfig !== ''
/** A local image with busybox sh + httpd that the node already has (test/cluster imports it). */
export const image = process.env.KCG_TEST_IMAGE ?? 'kcg.local/busybox:1'
/**
 * The loopback test cluster has no pod network, so the smoke Pods use host-loopback (see
 * src/smoke/workload.ts). Set KCG_TEST_NETWORK=pod for a cluster with a pod network (kind).
 */
export const network: ProbeNetwork = process.env.KCG_TEST_NETWORK === 'pod' ? 'pod' : 'host-loopback'

export const skipNote = hasCluster ? '' : ' [skipped: KCG_TEST_CLUSTER not set (npm run cluster:up)]'
if (!hasCluster) {
  console.info('integration tests skipped: KCG_TEST_CLUSTER not set (npm run test:integration, or npm run cluster:up)')
}
