#!/usr/bin/env bash
# Stop the test cluster started by up.sh and remove every trace of it. Safe to run at any time:
# when nothing runs, after a failed up.sh, or twice in a row.
#
# Only processes we can prove are ours are signalled: the PIDs recorded by up.sh (checked against
# their command line, since PIDs get reused), processes whose command line names our private data
# root (containerd and its shims, started by our dockerd), and processes in our containers' cgroup.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=cluster:down
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root"
t0=$(date +%s)

# is_ours PID: its command line mentions our data root (every component gets a path under it).
is_ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -qF -- "$ROOT/"; }

# alive PID: running and not a zombie. Our components are orphans once up.sh exits, and PID 1 on
# this VM may reap them late; a zombie has already let go of its ports and files.
alive() { kill -0 "$1" 2>/dev/null && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# stop PID NAME: TERM, wait up to 15 s, then KILL.
stop() {
  local pid=$1 name=$2 i
  alive "$pid" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 75); do alive "$pid" || return 0; sleep 0.2; done
  log "$name (pid $pid) ignored TERM; sending KILL"
  kill -KILL "$pid" 2>/dev/null
  for i in $(seq 1 10); do alive "$pid" || return 0; sleep 0.2; done
}

recorded_pid() { [ -f "$PIDS_FILE" ] && awk -v n="$1" '$1 == n { print $2 }' "$PIDS_FILE"; }

stop_component() {
  local pid
  pid=$(recorded_pid "$1")
  [ -n "$pid" ] || return 0
  if alive "$pid" && is_ours "$pid"; then stop "$pid" "$1"; else log "$1 (pid $pid) is not running"; fi
}

# 1. kubelet first, so it cannot restart containers while we remove them.
stop_component kubelet

# 2. Remove containers through dockerd while it still runs: a clean stop of each container.
if [ -S "$DOCKER_SOCK" ] && DOCKER_HOST=unix://$DOCKER_SOCK timeout 10 docker version >/dev/null 2>&1; then
  ids=$(DOCKER_HOST=unix://$DOCKER_SOCK docker ps -aq)
  if [ -n "$ids" ]; then
    log "removing $(echo "$ids" | wc -l) container(s)"
    # shellcheck disable=SC2086
    DOCKER_HOST=unix://$DOCKER_SOCK timeout 60 docker rm -f $ids >/dev/null 2>&1 || log "docker rm -f failed; killing leftovers below"
  fi
fi

# 3. The rest, in reverse start order.
for c in kube-scheduler kube-controller-manager kube-apiserver dockerd etcd; do stop_component "$c"; done

# 4. Leftovers: containerd/shims of our dockerd, then processes inside our containers' cgroups.
# Only cluster programs: a developer's `tail -f $ROOT/logs/...` must survive.
for pid in $(ls /proc | grep -E '^[0-9]+$'); do
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
  case "$comm" in
    containerd* | dockerd | docker-proxy | etcd | kube-* | kubelet | runc | runc-wrap) ;;
    *) continue ;;
  esac
  if is_ours "$pid"; then stop "$pid" "leftover $comm"; fi
done
for cg in /sys/fs/cgroup/*/"$CGROUP_PARENT"; do
  [ -d "$cg" ] || continue
  for pid in $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null); do
    log "killing container process $pid (cgroup $CGROUP_PARENT)"
    kill -KILL "$pid" 2>/dev/null
  done
done
sleep 0.2
# Empty cgroup dirs, deepest first (rmdir only succeeds on empty cgroups).
for cg in /sys/fs/cgroup/*/"$CGROUP_PARENT"; do
  [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null
done

# 5. Unmount everything under our root and the hard-coded kubelet/docker dirs, deepest first.
mount_points() {
  awk '{ print $5 }' /proc/self/mountinfo | sed 's/\\040/ /g' | while IFS= read -r m; do
    case "$m" in
      "$ROOT" | "$ROOT"/* | /var/lib/kubelet | /var/lib/kubelet/* | /run/docker | /run/docker/*) echo "$m" ;;
    esac
  done | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2-
}
for attempt in 1 2 3; do
  mounts=$(mount_points)
  [ -n "$mounts" ] || break
  while IFS= read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done <<< "$mounts"
done
left=$(mount_points)
[ -z "$left" ] || log "WARNING: still mounted: $left"

# 6. Files: the hard-coded paths that up.sh saw missing (so we created them), then our root.
if [ -f "$ROOT/created-paths" ]; then
  while IFS= read -r d; do
    [ -n "$d" ] && [ -e "$d" ] || continue
    case "$d" in
      # Any containerd on the machine keeps its shim sockets here: remove only empty dirs.
      /run/containerd) find "$d" -depth -type d -empty -delete 2>/dev/null; [ -e "$d" ] || log "removed $d" ;;
      *) log "removing $d"; rm -rf --one-file-system "$d" ;;
    esac
  done < "$ROOT/created-paths"
fi
if [ -f "$ROOT_MARKER" ]; then
  log "removing $ROOT"
  rm -rf --one-file-system "$ROOT" || log "WARNING: could not remove all of $ROOT"
elif [ -e "$ROOT" ]; then
  log "WARNING: $ROOT was not made by up.sh (no $(basename "$ROOT_MARKER")); left in place"
fi

log "down in $(( $(date +%s) - t0 )) s"
