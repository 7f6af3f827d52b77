#!/usr/bin/env bash
# Starts the portal on its embedded defaults: frontend on http://localhost:3000,
# backend on http://localhost:7007, SQLite in memory, guest sign-in.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Refuse early, in one line, when a port is taken: otherwise the dev server and
# the backend fail separately, deep in their logs.
for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Cannot start the portal: port $port is already in use; stop the process that holds it (lsof -i :$port) and run this again." >&2
    exit 1
  fi
done

source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
echo "[start] frontend http://localhost:3000 (sign in as Guest), backend http://localhost:7007" >&2
exec pnpm start "$@"
