#!/bin/sh
# Runs the model's and the exporter's tests on Node 24 (the current LTS) as well as the
# machine's Node 20: the `node` package on npm ships the official binaries, so no system
# install is needed. Build first (the exporter's tests use the built workspaces).
# The linearity tests (*.linearity.test.ts) run on Node 20 only: they measure how the code's
# work grows with its input, which this second run would measure again at two more minutes of
# CI, and their CPU-time ratios are the suite's most load-sensitive checks.
# Usage: scripts/test-node24.sh [vitest args...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for ws in packages/model apps/exporter; do
  echo "== $ws on Node 24"
  (cd "$root/$ws" && npx -y -p node@24 node "$root/node_modules/vitest/vitest.mjs" run \
    --exclude '**/*.linearity.test.ts' "$@")
done
