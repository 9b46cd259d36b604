# Shared settings for build.sh/up.sh/down.sh/ci.sh (sourced, not run).
# Every listener is on 127.0.0.1; the ports are uncommon so a developer's own cluster or
# services (6443, 2379, 8080, 10250, ...) do not clash with the test cluster.

K8S_VERSION=v1.20.2
KCG_CLUSTER_CACHE=${KCG_CLUSTER_CACHE:-$HOME/.cache/kube-compat-gate/k8s-$K8S_VERSION}
KCG_CLUSTER_ROOT=${KCG_CLUSTER_ROOT:-/tmp/kcg-cluster}
BIN=$KCG_CLUSTER_CACHE/bin
ROOT=$KCG_CLUSTER_ROOT
PIDS_FILE=$ROOT/pids
LOGS=$ROOT/logs
KUBECONFIG_FILE=$ROOT/kubeconfig
DOCKER_SOCK=$ROOT/run/docker.sock

PORT_ETCD_CLIENT=22379
PORT_ETCD_PEER=22380
PORT_APISERVER=26443
PORT_KCM=20257
PORT_SCHEDULER=20259
PORT_KUBELET=20250
PORT_KUBELET_HEALTHZ=20248

# Paths kubelet (v1.20), dockerd and containerd's shims write regardless of their root flags.
# up.sh records which of them did not exist yet; down.sh removes only those.
HARDCODED_PATHS=(/var/lib/kubelet /var/log/pods /var/log/containers /run/docker /run/containerd /etc/docker/key.json)

# cgroup parent for every container dockerd starts, so down.sh can find leftovers precisely.
CGROUP_PARENT=kcg-cluster

TEST_IMAGE=kcg.local/busybox:1
PAUSE_IMAGE=k8s.gcr.io/pause:3.2

# Progress on stderr, with seconds since the script started.
# down.sh deletes $ROOT: only ever one that up.sh made (it holds this marker).
ROOT_MARKER=$ROOT/.kcg-cluster-root
case "$ROOT" in
  /*/*) ;;
  *) printf 'KCG_CLUSTER_ROOT must be an absolute path at least two levels deep, not %s\n' "$ROOT" >&2; exit 2 ;;
esac

log() { printf '[%s %3ss] %s\n' "${LOG_TAG:-cluster}" "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
