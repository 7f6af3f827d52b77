#!/usr/bin/env bash
# The FastAPI skeleton, syntax-checked with python3 -m py_compile (FastAPI and its
# dependencies are not installed here; the generated repository's CI runs pytest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node "$ROOT/templates/render-skeleton.mjs" "$ROOT/templates/fastapi-service/skeleton" "$out" \
  name=sample-api description="Sample API" port=8000
cd "$out"
files=$(find . -name '*.py' | sort)
python3 -m py_compile $files
echo "py_compile ok: $(echo "$files" | wc -l) files"
