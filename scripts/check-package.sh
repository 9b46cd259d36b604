#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack`, install the tarball into an empty folder, and
# run the README's example with `npx kube-compat-gate` there (it must fail with exit 1 on the
# seed incident). A file the CLI needs that the `files` whitelist leaves out fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kcg-package-XXXXXX")
trap 'rm -rf "$work"' EXIT

tarball=$(npm pack --silent --pack-destination "$work")
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) kB): $(tar -tzf "$work/$tarball" | wc -l) files"
# Nothing but the bundles and the package's own documents.
unexpected=$(tar -tzf "$work/$tarball" | grep -vE '^package/(dist/.*|package\.json|README\.md|LICENSE|CHANGELOG\.md)$' || true)
if [ -n "$unexpected" ]; then
  echo "the package holds files it should not:" >&2
  echo "$unexpected" >&2
  exit 1
fi

user="$work/user"
mkdir -p "$user"
cp -R "$root/examples/vcluster-upgrade-to-1.32" "$user/"
cd "$user"
npm install --no-audit --no-fund --no-save --silent "$work/$tarball"
# `--` so that npx passes --version on instead of printing its own.
version=$(npx --no -- kube-compat-gate --version)
case "$version" in
  "kube-compat-gate $(node -p 'require("'"$root"'/package.json").version') · database "*) echo "$version" ;;
  *) echo "npx kube-compat-gate --version printed: $version" >&2; exit 1 ;;
esac

set +e
npx --no -- kube-compat-gate scan vcluster-upgrade-to-1.32 > scan.txt 2> scan.err
code=$?
set -e
if [ "$code" -ne 1 ] || ! grep -q 'vcluster below 0.23.0-rc.4 leaves every pod Pending' scan.txt || [ -s scan.err ]; then
  echo "npx kube-compat-gate scan: expected exit 1 and the seed incident, got exit $code" >&2
  cat scan.txt scan.err >&2
  exit 1
fi
tail -n 1 scan.txt
echo "npm package: installed from the tarball, README example exits 1 as documented"
