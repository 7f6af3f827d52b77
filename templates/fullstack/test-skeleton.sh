#!/usr/bin/env bash
# The fullstack skeleton's api tests (`node --test`, no dependencies).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node "$ROOT/templates/render-skeleton.mjs" "$ROOT/templates/fullstack/skeleton" "$out" \
  name=sample system=sample owner=group:default/sample description="Sample"
cd "$out/api" && node --test
