#!/usr/bin/env bash
# Integration tests against a real Kubernetes v1.20.2 cluster: build (or reuse) the binaries, start
# the cluster, run test/integration, and always tear the cluster down. Exit code = the tests'.
# Called by .ci/run as: bash test/cluster/ci.sh
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LOG_TAG=cluster:ci
# shellcheck source=lib.sh
. "$HERE/lib.sh"
cd "$REPO"

t0=$(date +%s)
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bash "$HERE/down.sh" || log "WARNING: down.sh failed"
  log "total $(( $(date +%s) - t0 )) s, exit $rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$HERE/build.sh" || die "build failed"
log "build step done after $(( $(date +%s) - t0 )) s"

[ -d node_modules/@kubernetes/client-node ] || npm ci --no-audit --no-fund || die "npm ci failed"

# up.sh prints progress on stderr and the kubeconfig path as its last stdout line.
kubeconfig=$(bash "$HERE/up.sh" | tail -n 1) || die "up.sh failed"
[ -n "$kubeconfig" ] && [ -f "$kubeconfig" ] || die "up.sh did not produce a kubeconfig"
log "cluster up after $(( $(date +%s) - t0 )) s"

KCG_TEST_CLUSTER=$kubeconfig KCG_TEST_IMAGE=$TEST_IMAGE npx vitest run test/integration
