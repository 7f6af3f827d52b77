#!/usr/bin/env bash
# Install test: the plugins as an adopter gets them. Builds and packs every
# publishable package (`pnpm pack`: prepack rewrites main/types/exports into
# dist, workspace:^ becomes ^0.1.0), creates a separate Backstage app with the
# create-app version this repository came from (backstage.json 1.55.0 =
# @backstage/create-app 0.9.2), installs the tarballs (no workspace links),
# wires them exactly as the plugin READMEs' "Install into your Backstage"
# sections say, starts it and checks in Chromium that the stack tabs render
# (e2e/installedApp.check.ts).
#
#   bash scripts/install-test.sh [DIR]     DIR: where the app goes (default: a temp dir, removed after)
#
# The created app runs on free ports: no /tmp/idp-e2e.lock needed.
# Timings and tarball sizes: artifacts/install-test/report.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh" >/dev/null
CREATE_APP_VERSION=0.9.2 # released with Backstage 1.55.0, as backstage.json says
[[ $(node -p "require('$ROOT/backstage.json').version") == 1.55.0 ]] || {
  echo "backstage.json moved past 1.55.0: update CREATE_APP_VERSION in $0" >&2
  exit 1
}
# The publishable packages; all of them are installed into the new app.
PACKAGES=(plugins/stack-common plugins/stack-node plugins/stack plugins/stack-backend
  plugins/scaffolder-backend-module-stack plugins/permission-backend-module-stack-policy
  packages/stack-cli)
OUT="$ROOT/artifacts/install-test"
rm -rf "$OUT" && mkdir -p "$OUT/tarballs"
APP=${1:-}
if [[ -z $APP ]]; then
  APP=$(mktemp -d /tmp/idp-install-test.XXXXXX)/app
  trap 'rm -rf "$(dirname "$APP")"' EXIT
fi
report() { printf '%s\n' "$*" | tee -a "$OUT/report.txt" >&2; }
# CPU: user+sys clock ticks of every child this shell has waited for. The
# browser phase's count misses the app's own processes (ended as a process
# group, so reaped by init, not by us).
cpu_ticks() {
  local stat
  read -ra stat </proc/$$/stat
  echo $((stat[15] + stat[16]))
}
phase() { # name command...: runs it, logs to $OUT/<name>.log, reports wall and CPU seconds
  local name=$1 start=$SECONDS cpu
  cpu=$(cpu_ticks)
  shift
  # In the background, not in an `if`: bash ignores `set -e` inside a function
  # called as an `if` condition, and a failing step must end the phase.
  "$@" >"$OUT/$name.log" 2>&1 &
  if ! wait $!; then
    tail -40 "$OUT/$name.log" >&2
    report "$name: FAILED after $((SECONDS - start)) s (log: $OUT/$name.log)"
    exit 1
  fi
  report "$name: $((SECONDS - start)) s wall, $((($(cpu_ticks) - cpu) / $(getconf CLK_TCK))) s CPU (user+sys)"
}

# 1. Build (skipped per package when dist is newer than every source file, e.g.
#    right after the production test's `repo build --all`) and pack.
build_and_pack() {
  cd "$ROOT"
  local stale=()
  for p in "${PACKAGES[@]}"; do
    local entry
    entry=$(ls "$p"/dist/index.*js 2>/dev/null | head -1) || true
    if [[ -z $entry ]] || [[ -n $(find "$p/src" "$p/package.json" -newer "$entry" -print -quit) ]]; then
      stale+=("$p")
    fi
  done
  if ((${#stale[@]})); then
    echo "building ${stale[*]}"
    pnpm tsc # type declarations (dist-types) for the packages' dist/index.d.ts
    for p in "${stale[@]}"; do (cd "$p" && pnpm exec backstage-cli package build); done
  fi
  # pnpm's recursive pack: one pnpm process, each package's prepack/postpack
  # (`backstage-cli package prepack`, ~8 s of CPU each), two at a time
  # (--workspace-concurrency default), dependencies before dependents.
  local filters=()
  for p in "${PACKAGES[@]}"; do filters+=(--filter "./$p"); done
  pnpm -r "${filters[@]}" pack --pack-destination "$OUT/tarballs"
  local packed
  packed=$(ls "$OUT"/tarballs/*.tgz | wc -l)
  ((packed == ${#PACKAGES[@]})) || { echo "packed $packed tarballs, expected ${#PACKAGES[@]}" >&2; return 1; }
}
phase pack build_and_pack
for t in "$OUT"/tarballs/*.tgz; do
  report "  $(basename "$t"): $(stat -c %s "$t") bytes packed, $(tar tzf "$t" | wc -l) files"
done

# 2. A new app from create-app (--skip-install; create-app insists on Yarn
#    being installed, so the real yarn 1 package is on its PATH, unused after).
create() {
  BACKSTAGE_APP_NAME=idp-install-test pnpm dlx --package=yarn@1.22.22 \
    --package=@backstage/create-app@$CREATE_APP_VERSION backstage-create-app \
    --path "$APP" --skip-install
  grep -q '"version": "1.55.0"' "$APP/backstage.json"
}
mkdir -p "$(dirname "$APP")"
phase create-app create

# 3. Install with pnpm from the package store, the tarballs instead of the
#    registry (overrides), as `yarn add` of the READMEs would declare them.
install() {
  cd "$APP"
  node "$ROOT/scripts/install-test/wire.mjs" "$APP" "$OUT/tarballs"
  pnpm install --prefer-offline --reporter=append-only
  # The native addon this repository already built, when the version matches
  # (wire.mjs keeps pnpm from compiling it again).
  local ours=$ROOT/node_modules/better-sqlite3 theirs=$APP/node_modules/better-sqlite3
  if [[ $(node -p "require('$ours/package.json').version") != $(node -p "require('$theirs/package.json').version") ]]; then
    echo "better-sqlite3 differs from this repository's; building it" && pnpm rebuild better-sqlite3
  else
    cp -r "$ours/build" "$theirs/"
  fi
  node -e "new (require('$theirs'))(':memory:').close()"
  # The packed CLI runs from the app, without TypeScript sources, on a stack
  # shipped in the stack-common tarball.
  pnpm exec stack validate node_modules/@idp-stack/plugin-stack-common/fixtures/fullstack.yaml
}
phase install install
report "  app node_modules: $(du -sm "$APP/node_modules" | cut -f1) MB"

# 4. Start it and check the tabs in Chromium. The app gets free ports (its
#    app-config.local.yaml), so it needs no /tmp/idp-e2e.lock and runs beside
#    the portal's browser tests.
free_port() { node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})"; }
browser() {
  local app_port backend_port
  app_port=$(free_port) backend_port=$(free_port)
  cat >>"$APP/app-config.local.yaml" <<YAML
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$backend_port
  listen: { port: $backend_port }
  cors: { origin: http://localhost:$app_port }
YAML
  cd "$ROOT"
  INSTALLED_APP="$APP" IDP_E2E_FRONTEND=http://localhost:$app_port IDP_E2E_BACKEND=http://localhost:$backend_port \
    node --test --test-reporter=spec e2e/installedApp.check.ts
}
phase browser browser
grep -E '^ *(✔|✖)' "$OUT/browser.log" >&2 || true
report "install test passed"
