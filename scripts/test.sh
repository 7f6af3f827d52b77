#!/usr/bin/env bash
# Runs every test of the repository: type-check, lint, all Jest suites of all
# packages (unit, backend integration on SQLite and a real PostgreSQL 15, real
# kustomize renders, scaffolder end-to-end), the browser tests against the real
# portal, the portal image started as two production replicas on PostgreSQL and
# Redis (e2e/production.test.ts), the install test (scripts/install-test.sh:
# the packed plugins in a new create-app app) and the golden-path skeletons'
# own tests.
#
# Obtains what it needs first (Node 22 and pnpm via bootstrap.sh; Chromium,
# PostgreSQL and Redis from Debian packages when missing) and ends with one line
# `N passed, N failed`. Exit code 0 only when nothing failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/bootstrap.sh" || exit 1
# bootstrap.sh runs with -e; here every stage must run and be counted.
set +e
OUT="$ROOT/artifacts/test"
rm -rf "$OUT" && mkdir -p "$OUT"

say() { printf '[test] %s\n' "$*" >&2; }

# System packages the tests drive for real. Debian names; needs root (CI is).
need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
[[ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]] || need_apt+=(postgresql-15)
[[ -x "${REDIS_SERVER:-/usr/bin/redis-server}" ]] || need_apt+=(redis-server)
# Argo CD's template engine (argocd/gotemplate: Go text/template + Sprig) for the ApplicationSet checks.
command -v go >/dev/null || need_apt+=(golang-go)
[[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ]] || need_apt+=(golang-github-masterminds-sprig-dev)
if ((${#need_apt[@]})); then
  say "installing ${need_apt[*]} from Debian packages (browser, database, cache and template-engine tests drive them)"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2 || exit 1
  else
    say "cannot install ${need_apt[*]}: run as root on Debian, or install them yourself"
    exit 1
  fi
fi
for tool in kubectl terraform python3; do
  command -v "$tool" >/dev/null || { say "$tool is required (kustomize renders, terraform fmt, skeleton checks)"; exit 1; }
done

passed=0
failed=0
summary=()
record() { # name passed failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  summary+=("$(printf '%-34s %4d passed, %d failed' "$1" "$2" "$3")")
}
check() { # name command...: one check that passes or fails as a whole
  local name=$1
  shift
  say "$name: $*"
  if "$@" >"$OUT/$name.log" 2>&1; then record "$name" 1 0; else
    tail -40 "$OUT/$name.log" >&2
    record "$name" 0 1
  fi
}

SECONDS=0
check typecheck pnpm tsc --noEmit
check lint pnpm exec backstage-cli repo lint
check prettier pnpm -s prettier:check

# Jest across every package; its JSON report gives the counts.
say "jest: backstage-cli repo test (all packages)"
CI=true pnpm exec backstage-cli repo test --json --outputFile="$OUT/jest.json" >"$OUT/jest.log" 2>&1
jest_status=$?
if [[ -f "$OUT/jest.json" ]]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$OUT/jest.json")
  ((jest_status == 0 || jf > 0)) || jf=1 # a failing run without failed tests (e.g. an open handle) still fails
else
  jp=0 jf=1
fi
((jf == 0)) || grep -E '●|FAIL' "$OUT/jest.log" | head -60 >&2
record jest "$jp" "$jf"

# Browser tests: each file starts the real portal and drives Chromium.
for t in e2e/*.test.ts; do
  name="browser:$(basename "$t" .test.ts)"
  say "$name"
  node --test --test-reporter=spec --test-reporter-destination="$OUT/$(basename "$t").log" \
    --test-reporter=tap --test-reporter-destination="$OUT/$(basename "$t").tap" "$t"
  bp=$(sed -n 's/^# pass //p' "$OUT/$(basename "$t").tap")
  bf=$(sed -n 's/^# fail //p' "$OUT/$(basename "$t").tap")
  ((${bf:-1} == 0)) || cat "$OUT/$(basename "$t").log" >&2
  record "$name" "${bp:-0}" "${bf:-1}"
done

# The packed plugins installed into a new create-app app and checked in
# Chromium. After the browser files: the production test's `repo build --all`
# has built every package, so this only packs (about 60 s instead of 120 s).
check install:packed-plugins bash scripts/install-test.sh

# Hostile form values through the skeletons: escaped per file type, refused by the parameter schemas.
check "templates:escaping" node --test templates/escaping.test.mjs

# The golden-path skeletons' own tests, as a generated repo would run them.
for s in templates/*/test-skeleton.sh; do
  [[ -f "$s" ]] || continue
  check "skeleton:$(basename "$(dirname "$s")")" bash "$s"
done

say "finished in ${SECONDS}s"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
