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

# Directories kubelet (v1.20) and dockerd write regardless of their root flags.
HARDCODED_DIRS=(/var/lib/kubelet /var/log/pods /var/log/containers /run/docker /etc/docker)

# cgroup parent for every container dockerd starts, so down.sh can find leftovers precisely.
CGROUP_PARENT=kcg-cluster

TEST_IMAGE=kcg.local/busybox:1
PAUSE_IMAGE=k8s.gcr.io/pause:3.2

log() { printf '[%s] %s\n' "${LOG_TAG:-cluster}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
