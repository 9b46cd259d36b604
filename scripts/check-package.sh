#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack`, install the tarball into an empty folder, and
# run the README's example with `npx kube-compat-gate` there (it must fail with exit 1 on the
# seed incident). A file the CLI needs that the `files` whitelist leaves out fails here. Then
# the recipes of docs/ci-systems.md (GitLab CI, a plain shell step, pre-commit when installed),
# taken from the page, run against that installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kcg-package-XXXXXX")
trap 'rm -rf "$work"' EXIT
# The seed incident's database entry, named in the text report under its finding.
SEED='vcluster-qosclass-immutable-k8s-1.32'

fail() {
  echo "check-package: $*" >&2
  exit 1
}

tarball=$(npm pack --silent --pack-destination "$work")
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) kB): $(tar -tzf "$work/$tarball" | wc -l) files"
# Nothing but the bundles and the package's own documents.
unexpected=$(tar -tzf "$work/$tarball" | grep -vE '^package/(dist/.*|package\.json|README\.md|LICENSE|CHANGELOG\.md)$' || true)
[ -z "$unexpected" ] || fail "the package holds files it should not: $unexpected"

user="$work/user"
mkdir -p "$user"
cp -R "$root/examples/vcluster-upgrade-to-1.32" "$user/"
cd "$user"
npm install --no-audit --no-fund --no-save --silent "$work/$tarball"
# `--` so that npx passes --version on instead of printing its own.
version=$(npx --no -- kube-compat-gate --version)
case "$version" in
  "kube-compat-gate $(node -p "require('$root/package.json').version") · database "*) echo "$version" ;;
  *) fail "npx kube-compat-gate --version printed: $version" ;;
esac

# Runs one command line as a CI system would (sh -c, in DIR), the published package swapped for
# the installed tarball; checks its exit code; its output is left in DIR/out.txt.
run() {
  local dir=$1 expected=$2 line=$3
  local local_line=${line//npx --yes kube-compat-gate@0/npx --no -- kube-compat-gate}
  local code=0
  (cd "$dir" && sh -c "$local_line") > "$dir/out.txt" 2> "$dir/err.txt" || code=$?
  if [ "$code" -ne "$expected" ]; then
    cat "$dir/out.txt" "$dir/err.txt" >&2
    fail "\`$line\` in $dir: expected exit $expected, got $code"
  fi
}

run "$user" 1 'npx --yes kube-compat-gate@0 scan vcluster-upgrade-to-1.32'
grep -q "$SEED" "$user/out.txt" || fail 'the README example did not report the seed incident'
[ ! -s "$user/err.txt" ] || fail "the README example wrote to stderr: $(cat "$user/err.txt")"
tail -n 2 "$user/out.txt"
echo "npm package: installed from the tarball, README example exits 1 as documented"

# A merge request: the base commit has the fixed example, the head brings vcluster 0.22.1 back.
repo="$user/merge-request"
mkdir -p "$repo"
cp -R "$root/examples/vcluster-0.23-with-1.32/." "$repo/"
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -qm base
base=$(git -C "$repo" rev-parse HEAD)
cp -R "$root/examples/vcluster-upgrade-to-1.32/." "$repo/"
git -C "$repo" add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -qm head

mapfile -t gitlab < <(node "$root/scripts/ci-recipes.mjs" gitlab)
[ "${#gitlab[@]}" -eq 2 ] || fail "docs/ci-systems.md: the GitLab recipe has ${#gitlab[@]} commands, expected 2"
export CI_MERGE_REQUEST_DIFF_BASE_SHA=$base
run "$repo" 0 "${gitlab[0]}"
node -e '
  const issues = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
  const seed = issues.find((i) => i.check_name === process.argv[2])
  if (!seed || seed.severity !== "critical" || seed.location.path !== "clusters/dev/Chart.yaml") process.exit(1)
' "$repo/gl-code-quality.json" "$SEED" || fail "gl-code-quality.json lacks the seed incident"
run "$repo" 1 "${gitlab[1]}"
grep -q "$SEED" "$repo/out.txt" || fail 'the GitLab job log lacks the seed incident'
grep -q '^clusters/dev/Chart.yaml:8:14 *error .*\[new\]$' "$repo/out.txt" || fail 'the GitLab merge request job did not mark the seed incident new against its base'
unset CI_MERGE_REQUEST_DIFF_BASE_SHA
run "$repo" 1 "${gitlab[1]}"
echo "GitLab recipe: Code Quality report written, merge request and branch pipelines fail on the seed incident"

mapfile -t shell < <(node "$root/scripts/ci-recipes.mjs" shell)
run "$repo" 0 "${shell[0]}"
node -e 'const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (log.version !== "2.1.0" || log.runs[0].results.length === 0) process.exit(1)' "$repo/kube-compat-gate.sarif" \
  || fail 'the shell recipe wrote no SARIF results'
run "$repo" 1 "${shell[1]}"
echo "shell recipe: SARIF written, the step fails on the seed incident"

if command -v pre-commit > /dev/null; then
  # The page's configuration, pointed at this checkout's HEAD instead of the published tag.
  node "$root/scripts/ci-recipes.mjs" pre-commit \
    | sed -e "s|repo: https://github.com/kube-compat-gate/kube-compat-gate|repo: $root|" -e "s|rev: v[0-9.]*|rev: $(git -C "$root" rev-parse HEAD)|" \
    > "$repo/.pre-commit-config.yaml"
  git -C "$repo" add .pre-commit-config.yaml
  export PRE_COMMIT_HOME="$work/pre-commit-home"
  run "$repo" 1 'pre-commit run --all-files'
  grep -q "$SEED" "$repo/out.txt" || fail 'the pre-commit hook did not report the seed incident'
  echo "pre-commit recipe: the hook installs and fails the commit on the seed incident"
else
  echo "pre-commit recipe: NOT RUN (pre-commit is not installed; Debian: apt-get install pre-commit)"
fi
