#!/usr/bin/env bash
# Rebuilds the bundles and the compiled database and fails when they differ from what is
# committed: GitHub runs dist/ as committed, so it must match the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
changes=$(git status --porcelain --untracked-files=all -- dist src/db/bundled-db.json)
if [ -n "$changes" ]; then
  echo "dist/ is out of date with the sources; run 'npm run build' and commit:" >&2
  echo "$changes" >&2
  git diff --stat -- dist src/db/bundled-db.json >&2
  exit 1
fi
echo "dist/ matches the sources"
