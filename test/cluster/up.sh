#!/usr/bin/env bash
# Start a throwaway one-node Kubernetes v1.20.2 cluster on loopback for integration tests:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler, dockerd and kubelet (dockershim).
# All state lives under $KCG_CLUSTER_ROOT; stop it with down.sh.
# Progress goes to stderr; the kubeconfig path is the only (and last) line on stdout.
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=cluster:up
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root (dockerd and kubelet need it)"
for c in kube-apiserver kube-controller-manager kube-scheduler kubelet pause; do
  [ -x "$BIN/$c" ] || die "$BIN/$c missing: run 'npm run cluster:build' first"
done
for c in etcd dockerd runc jq openssl curl busybox ss; do
  command -v "$c" >/dev/null || die "$c not found: run 'npm run cluster:build' (it installs the Debian packages)"
done

t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# --- Already up? Reuse a healthy cluster; otherwise clear whatever a failed run left. -------------
api_get() { curl -sf --max-time 5 --cacert "$ROOT/pki/ca.crt" -H "Authorization: Bearer $(cat "$ROOT/pki/admin.token")" "https://127.0.0.1:$PORT_APISERVER$1"; }
if [ -e "$ROOT" ]; then
  if [ -f "$PIDS_FILE" ] && api_get /readyz >/dev/null 2>&1 && [ "$(api_get /api/v1/nodes/localhost 2>/dev/null | jq -r '.status.conditions[]? | select(.type=="Ready") | .status')" = True ]; then
    log "cluster already up; reusing it"
    echo "$KUBECONFIG_FILE"
    exit 0
  fi
  [ -f "$ROOT_MARKER" ] || [ -z "$(ls -A "$ROOT")" ] || die "$ROOT exists and was not made by up.sh; refusing to use it"
  log "stale state in $ROOT; running down.sh first"
  bash "$HERE/down.sh"
fi

for p in $PORT_ETCD_CLIENT $PORT_ETCD_PEER $PORT_APISERVER $PORT_KCM $PORT_SCHEDULER $PORT_KUBELET $PORT_KUBELET_HEALTHZ; do
  [ -z "$(ss -Htln "sport = :$p")" ] || die "port $p is already in use on this machine"
done

mkdir -p "$ROOT"
touch "$ROOT_MARKER"
mkdir -p "$ROOT"/{pki,logs,run,bin,etcd,docker,docker-exec,dockershim,kubelet,images}
: > "$PIDS_FILE"
# Remember which hard-coded dirs exist already, so down.sh removes only the ones we caused.
: > "$ROOT/created-paths"
for d in "${HARDCODED_PATHS[@]}"; do [ -e "$d" ] || echo "$d" >> "$ROOT/created-paths"; done

# On failure: show the part of the log that explains it. The cluster is left for down.sh
# (ci.sh always calls it) so the full logs stay inspectable.
current_log=""
show_log() {
  # A Go crash ends in thousands of goroutine lines; its first lines are the useful ones.
  local first_fatal
  first_fatal=$(grep -n -m1 -E '^(panic:|fatal error:|unexpected fault address|F[0-9]{4} )' "$1" | cut -d: -f1)
  if [ -n "$first_fatal" ]; then
    log "$1, from its first fatal line ($first_fatal):"
    tail -n +"$(( first_fatal > 3 ? first_fatal - 3 : 1 ))" "$1" | head -n 20 | sed 's/^/    /' >&2
  else
    log "last 40 lines of $1:"
    tail -n 40 "$1" | sed 's/^/    /' >&2
  fi
}
on_error() {
  local rc=$?
  if [ -n "$current_log" ] && [ -f "$current_log" ]; then show_log "$current_log"; fi
  log "FAILED (exit $rc). Logs: $LOGS. Clean up with: npm run cluster:down"
  exit "$rc"
}
trap on_error ERR

# start NAME CMD...: run detached with its own session (so a Ctrl-C in the caller's terminal does
# not half-kill the cluster), log to $LOGS/NAME.log, record the PID.
start() {
  local name=$1; shift
  current_log=$LOGS/$name.log
  setsid "$@" > "$current_log" 2>&1 < /dev/null &
  echo "$name $!" >> "$PIDS_FILE"
  log "started $name (pid $!)"
}

# wait_for WHAT TIMEOUT_S LOG CMD...: poll CMD until it succeeds. Fails early when any component
# has exited (pointing at that component's log), else at the timeout with LOG.
wait_for() {
  local what=$1 timeout=$2 wait_log=$3; shift 3
  local deadline=$(( $(date +%s) + timeout )) name pid
  until "$@" >/dev/null 2>&1; do
    while read -r name pid; do
      kill -0 "$pid" 2>/dev/null && continue
      current_log=$LOGS/$name.log
      log "waiting for $what: $name (pid $pid) exited"
      return 1
    done < "$PIDS_FILE"
    if [ "$(date +%s)" -ge "$deadline" ]; then
      current_log=$wait_log
      log "$what: not ready after ${timeout}s"
      return 1
    fi
    sleep 0.5
  done
  log "$what ready after $(elapsed) s"
}

# --- PKI and tokens (valid for 2 days: this cluster never outlives a test run) ---------------------
PKI=$ROOT/pki
current_log=$LOGS/pki.log
{
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=kcg-test-ca" \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt"
  sign() { # sign NAME SUBJECT EXTENSIONS
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$PKI/$1.key" -out "$PKI/$1.csr"
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" "$3" > "$PKI/$1.ext"
    openssl x509 -req -days 2 -in "$PKI/$1.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
      -extfile "$PKI/$1.ext" -out "$PKI/$1.crt"
  }
  sign apiserver "/CN=kube-apiserver" \
    "$(printf '%s\n%s' 'extendedKeyUsage=serverAuth' 'subjectAltName=IP:127.0.0.1,DNS:localhost')"
  # apiserver -> kubelet (logs, exec): kubelet accepts only certificates from our CA.
  sign kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" 'extendedKeyUsage=clientAuth'
  openssl genrsa -out "$PKI/sa.key" 2048
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
} > "$current_log" 2>&1
chmod 600 "$PKI"/*.key
# One identity per component, as kubeadm does, so RBAC and the Node authorizer are exercised.
tok() { openssl rand -hex 16; }
ADMIN_TOKEN=$(tok); KCM_TOKEN=$(tok); SCHED_TOKEN=$(tok); KUBELET_TOKEN=$(tok)
echo "$ADMIN_TOKEN" > "$PKI/admin.token"
cat > "$PKI/tokens.csv" <<CSV
$ADMIN_TOKEN,kcg-admin,kcg-admin,"system:masters"
$KCM_TOKEN,system:kube-controller-manager,system:kube-controller-manager
$SCHED_TOKEN,system:kube-scheduler,system:kube-scheduler
$KUBELET_TOKEN,system:node:localhost,system:node:localhost,"system:nodes"
CSV
chmod 600 "$PKI/tokens.csv" "$PKI/admin.token"

write_kubeconfig() { # FILE USER TOKEN
  cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters:
- name: kcg-test
  cluster:
    server: https://127.0.0.1:$PORT_APISERVER
    certificate-authority-data: $(base64 -w0 < "$PKI/ca.crt")
users:
- name: $2
  user:
    token: $3
contexts:
- name: kcg-test
  context:
    cluster: kcg-test
    user: $2
current-context: kcg-test
KC
  chmod 600 "$1"
}
write_kubeconfig "$KUBECONFIG_FILE" kcg-admin "$ADMIN_TOKEN"
write_kubeconfig "$PKI/kcm.kubeconfig" kube-controller-manager "$KCM_TOKEN"
write_kubeconfig "$PKI/scheduler.kubeconfig" kube-scheduler "$SCHED_TOKEN"
write_kubeconfig "$PKI/kubelet.kubeconfig" kubelet "$KUBELET_TOKEN"
log "PKI and kubeconfigs written to $PKI"

# --- etcd + kube-apiserver ----------------------------------------------------------------------
start etcd etcd --name kcg --data-dir "$ROOT/etcd" \
  --listen-client-urls "http://127.0.0.1:$PORT_ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$PORT_ETCD_CLIENT" \
  --listen-peer-urls "http://127.0.0.1:$PORT_ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$PORT_ETCD_PEER" \
  --initial-cluster "kcg=http://127.0.0.1:$PORT_ETCD_PEER"
wait_for etcd 30 "$LOGS/etcd.log" curl -sf "http://127.0.0.1:$PORT_ETCD_CLIENT/health"

# --insecure-port=0: v1.20 otherwise also serves plain HTTP on 127.0.0.1:8080.
# --service-cluster-ip-range: ClusterIPs are bookkeeping only here (no kube-proxy, nothing routes them);
# 198.18.0.0/24 is RFC 2544 benchmarking space, deliberately not an RFC 1918 private range.
# --kubelet-preferred-address-types=Hostname: kubelet runs as node "localhost", so logs/exec dial localhost.
start kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$PORT_ETCD_CLIENT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$PORT_APISERVER" --insecure-port 0 \
  --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" --cert-dir "$PKI/apiserver" \
  --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" \
  --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
  --kubelet-preferred-address-types Hostname \
  --kubelet-client-certificate "$PKI/kubelet-client.crt" --kubelet-client-key "$PKI/kubelet-client.key" \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-account-issuer https://kubernetes.default.svc \
  --service-cluster-ip-range 198.18.0.0/24 --profiling=false
wait_for kube-apiserver 90 "$LOGS/kube-apiserver.log" api_get /readyz

# --- controllers ----------------------------------------------------------------------------------
start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$PKI/kcm.kubeconfig" \
  --authentication-kubeconfig "$PKI/kcm.kubeconfig" --authorization-kubeconfig "$PKI/kcm.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$PORT_KCM" --port 0 --cert-dir "$PKI/kcm" \
  --leader-elect=false --use-service-account-credentials \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --controllers '*,-nodeipam,-cloud-node-lifecycle' --profiling=false
start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig "$PKI/scheduler.kubeconfig" \
  --authentication-kubeconfig "$PKI/scheduler.kubeconfig" --authorization-kubeconfig "$PKI/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$PORT_SCHEDULER" --port 0 --cert-dir "$PKI/scheduler" \
  --leader-elect=false --profiling=false

# --- dockerd -------------------------------------------------------------------------------------
# This VM's root lacks CAP_SYS_RESOURCE, so runc cannot set the negative oom_score_adj kubelet gives
# the pause container (-998). The wrapper clamps it to 0 in the bundle before runc sees it.
cat > "$ROOT/bin/runc-wrap" <<'WRAP'
#!/bin/sh
bundle= prev=
for a in "$@"; do
  case "$prev" in --bundle|-b) bundle=$a ;; esac
  case "$a" in --bundle=*) bundle=${a#--bundle=} ;; esac
  prev=$a
done
cfg=$bundle/config.json
if [ -n "$bundle" ] && [ -f "$cfg" ] && jq -e '(.process.oomScoreAdj // 0) < 0' "$cfg" >/dev/null 2>&1; then
  jq '.process.oomScoreAdj = 0' "$cfg" > "$cfg.kcg" && mv "$cfg.kcg" "$cfg"
fi
exec /usr/sbin/runc "$@"
WRAP
chmod 755 "$ROOT/bin/runc-wrap"
# No bridge, no iptables, no forwarding: containers get a loopback-only netns (or the host's with
# hostNetwork). An empty daemon.json keeps any /etc/docker/daemon.json on the machine out of it.
echo '{}' > "$ROOT/run/daemon.json"
start dockerd dockerd --config-file "$ROOT/run/daemon.json" \
  --data-root "$ROOT/docker" --exec-root "$ROOT/docker-exec" --pidfile "$ROOT/run/dockerd.pid" \
  --host "unix://$DOCKER_SOCK" --bridge=none --iptables=false --ip-masq=false --ip6tables=false --ip-forward=false \
  --cgroup-parent "/$CGROUP_PARENT" \
  --add-runtime "kcg-runc=$ROOT/bin/runc-wrap" --default-runtime kcg-runc
export DOCKER_HOST=unix://$DOCKER_SOCK
wait_for dockerd 60 "$LOGS/dockerd.log" docker version

# --- images (no registry): pause from the Kubernetes tree, busybox from Debian's busybox-static ----
current_log=$LOGS/images.log
{
  mkdir -p "$ROOT/images/pause" "$ROOT/images/busybox"/{bin,etc,tmp,www}
  cp "$BIN/pause" "$ROOT/images/pause/pause"
  tar -C "$ROOT/images/pause" -c . | docker import -c 'ENTRYPOINT ["/pause"]' - "$PAUSE_IMAGE"
  cp "$(command -v busybox)" "$ROOT/images/busybox/bin/busybox"
  busybox --list-full | while read -r applet; do
    [ "$applet" = bin/busybox ] && continue
    mkdir -p "$ROOT/images/busybox/$(dirname "$applet")"
    ln -sf /bin/busybox "$ROOT/images/busybox/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$ROOT/images/busybox/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOT/images/busybox/etc/group"
  chmod 1777 "$ROOT/images/busybox/tmp"
  tar -C "$ROOT/images/busybox" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["sh"]' - "$TEST_IMAGE"
} > "$current_log" 2>&1
log "images imported: $PAUSE_IMAGE, $TEST_IMAGE"

# --- kubelet (dockershim) -------------------------------------------------------------------------
# Flags from feasibility.md §1.4. No QoS cgroups, no eviction and no image GC: this is a test node on
# a shared machine, and GC would delete the imported images (they cannot be pulled back).
start kubelet env AWS_EC2_METADATA_DISABLED=true "$BIN/kubelet" \
  --kubeconfig "$PKI/kubelet.kubeconfig" --hostname-override localhost \
  --container-runtime docker --docker-endpoint "unix://$DOCKER_SOCK" \
  --container-runtime-endpoint "unix://$ROOT/run/dockershim.sock" \
  --experimental-dockershim-root-directory "$ROOT/dockershim" \
  --root-dir "$ROOT/kubelet" --cert-dir "$ROOT/kubelet/pki" --volume-plugin-dir "$ROOT/kubelet/volume-plugins" \
  --pod-infra-container-image "$PAUSE_IMAGE" \
  --address 127.0.0.1 --port "$PORT_KUBELET" --read-only-port 0 \
  --healthz-bind-address 127.0.0.1 --healthz-port "$PORT_KUBELET_HEALTHZ" \
  --anonymous-auth=false --client-ca-file "$PKI/ca.crt" --authorization-mode AlwaysAllow \
  --fail-swap-on=false --cgroups-per-qos=false --enforce-node-allocatable= --cgroup-driver cgroupfs \
  --image-gc-high-threshold 100 --image-gc-low-threshold 99 --eviction-hard= \
  --node-status-update-frequency 4s --v "${KCG_KUBELET_VERBOSITY:-0}"
node_ready() { [ "$(api_get /api/v1/nodes/localhost | jq -r '.status.conditions[]? | select(.type=="Ready") | .status')" = True ]; }
wait_for "node localhost" 120 "$LOGS/kubelet.log" node_ready
wait_for "default ServiceAccount" 60 "$LOGS/kube-controller-manager.log" api_get /api/v1/namespaces/default/serviceaccounts/default

# --- loopback only: refuse to hand out a cluster that listens anywhere else -----------------------
current_log=$LOGS/listeners.log
ours=$(ps -e -o pid=,ppid= | awk -v roots="$(cut -d' ' -f2 "$PIDS_FILE" | tr '\n' ' ')" '
  { parent[$1] = $2 }
  END {
    n = split(roots, r, " "); for (i = 1; i <= n; i++) mine[r[i]] = 1
    do { changed = 0; for (p in parent) if (!(p in mine) && (parent[p] in mine)) { mine[p] = 1; changed = 1 } } while (changed)
    for (p in mine) print p
  }')
ss -Htulnp > "$current_log"
bad=$(awk -v ours="$(echo $ours)" '
  BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) mine[o[i]] = 1 }
  { if (match($0, /pid=[0-9]+/)) { pid = substr($0, RSTART + 4, RLENGTH - 4) } else next
    if (!(pid in mine)) next
    if ($5 !~ /^(127\.[0-9.]+|\[::1\]|\[::ffff:127\.[0-9.]+\]|localhost):/) print }' "$current_log")
[ -z "$bad" ] || { log "non-loopback listeners found:"; echo "$bad" >&2; false; }

log "cluster up in $(elapsed) s (logs: $LOGS)"
echo "$KUBECONFIG_FILE"
