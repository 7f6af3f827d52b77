#!/usr/bin/env bash
# The portal image's steps, in one place for the Dockerfile and the test
# (e2e/portalImage.test.ts). Backstage's documented "host build"
# (https://backstage.io/docs/deployment/docker, docs/deployment/docker.md in
# backstage/backstage): compile on the host, and let the image only unpack the
# backend bundle and install production dependencies. Adapted to pnpm:
#
#   scripts/portal-image.sh build        on the host: type declarations (tsc),
#                                        then `backstage-cli repo build --all`
#                                        (the app, and the backend bundle
#                                        packages/backend/dist/{skeleton,bundle}.tar.gz)
#   scripts/portal-image.sh stage DIR    on the host: the files the image gets,
#                                        copied into DIR (the Dockerfile COPYs
#                                        .image/, made by `stage .image`)
#   scripts/portal-image.sh assemble     in DIR (the image's /app): unpack the
#                                        skeleton, install production
#                                        dependencies only, unpack the bundle
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "${1:-}" in
build)
  cd "$ROOT"
  pnpm tsc
  # The Backstage CLI's bundler copies yarn.lock into the bundle and has no
  # pnpm mode (backstage/backstage#20658); an empty one satisfies it, and the
  # image installs from pnpm-lock.yaml instead.
  created_yarn_lock=
  if [[ ! -e yarn.lock ]]; then
    : >yarn.lock
    created_yarn_lock=1
  fi
  trap '[[ -n "$created_yarn_lock" ]] && rm -f "$ROOT/yarn.lock"' EXIT
  pnpm exec backstage-cli repo build --all
  ;;
stage)
  dest=${2:?usage: portal-image.sh stage DIR}
  mkdir -p "$dest/scripts"
  cd "$ROOT"
  # What `docker build` would see: root manifests and lockfile, the backend
  # bundle, the config files, and the catalog files production config reads.
  cp package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc backstage.json \
    app-config.yaml app-config.production.yaml catalog-info.yaml \
    packages/backend/dist/skeleton.tar.gz packages/backend/dist/bundle.tar.gz \
    "$dest/"
  cp scripts/portal-image.sh "$dest/scripts/"
  cp -r examples "$dest/examples"
  mkdir -p "$dest/templates"
  for t in templates/*/template.yaml; do
    mkdir -p "$dest/$(dirname "$t")" && cp "$t" "$dest/$t"
    # A day-2 template (edit-stack) has no skeleton.
    if [[ -d "$(dirname "$t")/skeleton" ]]; then
      cp -r "$(dirname "$t")/skeleton" "$dest/$(dirname "$t")/skeleton"
    fi
  done
  ;;
assemble)
  # The skeleton holds the package.json of the backend and of every workspace
  # package it depends on, as the bundle has them (main in dist/, the app's
  # dependencies dropped: it is served prebuilt). Installing against them with
  # the repository's lockfile pins every version the tests ran with; only the
  # importers the bundle rewrote are re-resolved, offline from the store when
  # it has them.
  # The root package.json lists `app` as a production dependency so that it is
  # linked at node_modules/app, where app-backend looks for the built
  # frontend (Yarn hoists workspaces there; pnpm links only what is declared).
  tar xzf skeleton.tar.gz && rm skeleton.tar.gz
  pnpm install --prod --no-frozen-lockfile --prefer-offline --config.confirmModulesPurge=false --reporter=append-only
  tar xzf bundle.tar.gz && rm bundle.tar.gz
  # The CLI's placeholder (see build): nothing reads it.
  rm -f yarn.lock
  ;;
*)
  echo "usage: scripts/portal-image.sh build | stage DIR | assemble" >&2
  exit 2
  ;;
esac
