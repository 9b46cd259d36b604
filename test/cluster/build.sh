#!/usr/bin/env bash
# Build the Kubernetes v1.20.2 server binaries used by the integration-test cluster.
#
# Debian ships no kube-apiserver/kubelet package, but its `kubernetes` source package holds the
# full upstream tree with vendor/, so everything builds offline with Debian's Go. Binaries are
# cached; a second run only checks them. See shared/research/feasibility.md §1.2 for the recipe.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=cluster:build
# shellcheck source=lib.sh
. "$HERE/lib.sh"

WORK=$KCG_CLUSTER_CACHE/work
COMPONENTS=(kube-apiserver kube-controller-manager kube-scheduler kubelet)
# Debian's build of github.com/modern-go/reflect2 1.0.2 replaces the vendored 1.0.1 (see step 4).
REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
# Bump when the recipe changes what the binaries contain, so stale caches are rebuilt.
RECIPE="k8s=$K8S_VERSION reflect2=1.0.2 recipe=2"

[ "$(id -u)" = 0 ] || die "must run as root (installs packages; the cluster runs dockerd and kubelet)"

# --- 1. Debian packages -------------------------------------------------------------------------
# Installed on every run (apt-get is a no-op when they are present) so CI never depends on a
# package someone left on the machine. docker.io/busybox-static/etcd-server are for up.sh.
PACKAGES=(golang-go golang-github-modern-go-reflect2-dev rsync jq etcd-server docker.io busybox-static gcc libc6-dev make
          openssl iproute2 procps util-linux curl ca-certificates)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already installed"
fi

# --- 2. Skip when the cache is complete -----------------------------------------------------------
cache_ok() {
  local c
  for c in "${COMPONENTS[@]}"; do
    [ -x "$BIN/$c" ] && "$BIN/$c" --version 2>/dev/null | grep -qx "Kubernetes $K8S_VERSION" || return 1
  done
  [ -x "$BIN/pause" ] && "$BIN/pause" -v >/dev/null 2>&1 && [ "$(cat "$BIN/RECIPE" 2>/dev/null)" = "$RECIPE" ]
}
if cache_ok; then
  log "cached binaries in $BIN are complete ($K8S_VERSION); nothing to build"
  exit 0
fi

# --- 3. Fetch the source package with a private apt state ----------------------------------------
# The system's sources only list binary archives (Types: deb). We derive deb-src entries from them
# into a private lists dir so the machine's apt configuration is never touched.
log "building $K8S_VERSION into $BIN (cold build takes ~10 minutes on 2 cores)"
start=$(date +%s)
rm -rf "$WORK"
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/apt/parts" "$WORK/src"
: > "$WORK/apt/src.list"
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list >> "$WORK/apt/src.list"
fi
for f in /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$WORK/apt/src.list"
done
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" > "$WORK/apt/parts/$(basename "$f")"
done
# APT::Sandbox::User=root: the private dirs live under root's home, which user _apt cannot enter.
APTO=(-o "Dir::Etc::SourceList=$WORK/apt/src.list" -o "Dir::Etc::SourceParts=$WORK/apt/parts"
      -o "Dir::State::Lists=$WORK/apt/lists" -o "Dir::Cache=$WORK/apt/cache" -o "APT::Sandbox::User=root")
log "deb-src index (private): $(cat "$WORK/apt/src.list" "$WORK/apt/parts"/* 2>/dev/null | grep -cE '^(deb-src|Types: deb-src)') source entries"
apt-get "${APTO[@]}" update -qq
(cd "$WORK/src" && apt-get "${APTO[@]}" source --download-only -qq kubernetes)
orig=$(ls "$WORK"/src/kubernetes_*.orig.tar.gz 2>/dev/null | head -n1)
[ -n "$orig" ] || die "apt-get source kubernetes did not produce an orig tarball in $WORK/src"
log "source: $(basename "$orig")"

# --- 4. make in a GOPATH tree (v1.20 predates module-mode builds) --------------------------------
TREE=$WORK/gopath/src/k8s.io/kubernetes
mkdir -p "$TREE"
tar -xzf "$orig" -C "$TREE" --strip-components=1
# v1.20 vendors reflect2 1.0.1, which calls runtime map iteration with the pre-Go-1.18 signature.
# Built with Debian's Go 1.19 the apiserver then dies at random with "unexpected fault address"
# in reflect2.(*UnsafeMapType).UnsafeIterate (json-iterator encoding a map). 1.0.2 has the same
# API and the fix; Debian packages it, so swap it in (its go.mod stays out of vendor/).
[ -f "$REFLECT2_SRC/go_above_118.go" ] || die "$REFLECT2_SRC has no Go 1.18 fix (golang-github-modern-go-reflect2-dev too old?)"
rsync -a --delete --exclude go.mod "$REFLECT2_SRC/" "$TREE/vendor/github.com/modern-go/reflect2/"
log "vendor/github.com/modern-go/reflect2 replaced by Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"
targets=()
for c in "${COMPONENTS[@]}"; do targets+=("cmd/$c"); done
log "make WHAT=\"${targets[*]}\" (GOPROXY=off, log: $WORK/make.log)"
if ! (cd "$TREE" && env GOPATH="$WORK/gopath" GOPROXY=off GOFLAGS= \
        KUBE_GIT_VERSION=$K8S_VERSION KUBE_GIT_TREE_STATE=clean \
        make WHAT="${targets[*]}") > "$WORK/make.log" 2>&1; then
  tail -n 40 "$WORK/make.log" >&2
  die "make failed (full log: $WORK/make.log)"
fi

# --- 5. pause: the sandbox binary kubelet's dockershim needs as k8s.gcr.io/pause:3.2 -------------
pause_src=$TREE/build/pause/linux/pause.c
[ -f "$pause_src" ] || pause_src=$TREE/build/pause/pause.c
log "gcc -Os -static $pause_src"
gcc -Os -Wall -static -DVERSION=v3.2-kcg -o "$WORK/pause" "$pause_src"

mkdir -p "$BIN"
for c in "${COMPONENTS[@]}"; do install -m 0755 "$TREE/_output/bin/$c" "$BIN/$c"; done
install -m 0755 "$WORK/pause" "$BIN/pause"
echo "$RECIPE" > "$BIN/RECIPE"
cache_ok || die "built binaries do not report $K8S_VERSION"

# The tree + Go cache are several GB; the binaries are all we keep.
rm -rf "$WORK"
log "built in $(( $(date +%s) - start )) s:"
for c in "${COMPONENTS[@]}"; do log "  $c: $("$BIN/$c" --version)"; done
log "  pause: $("$BIN/pause" -v)"
