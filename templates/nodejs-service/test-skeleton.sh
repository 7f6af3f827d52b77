#!/usr/bin/env bash
# The Node.js skeleton's own tests, as a generated repository runs them (`node --test`).
# Its runtime dependencies (prom-client, @opentelemetry/api) come from the workspace's
# node_modules (devDependencies of the scaffolder module).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node "$ROOT/templates/render-skeleton.mjs" "$ROOT/templates/nodejs-service/skeleton" "$out" \
  name=sample-api description="Sample API" port=8080
ln -s "$ROOT/node_modules" "$out/node_modules"
cd "$out" && node --test
