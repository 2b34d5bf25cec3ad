#!/bin/sh
# Runs the model's and the exporter's tests on Node 24 (the current LTS) as well as the
# machine's Node 20: the `node` package on npm ships the official binaries, so no system
# install is needed. Build first (the exporter's tests use the built workspaces).
# Usage: scripts/test-node24.sh [vitest args...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for ws in packages/model apps/exporter; do
  echo "== $ws on Node 24"
  (cd "$root/$ws" && npx -y -p node@24 node "$root/node_modules/vitest/vitest.mjs" run "$@")
done
