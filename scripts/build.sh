#!/usr/bin/env bash
# Configures and builds admit into build/ (the binary is build/admit). Extra arguments are targets.
set -euo pipefail
cd "$(dirname "$0")/.."

build_type=${ADMIT_BUILD_TYPE:-Release}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
# Two jobs per core is too many for Beast-heavy translation units on a small machine.
jobs=${ADMIT_BUILD_JOBS:-$(nproc)}
ninja -C build -j "$jobs" "$@"

# The web UI (web/dist, served by admit): npm ci + vite build, pinned by web/package-lock.json.
# Without npm or the registry (or with ADMIT_SKIP_WEB=1) it is skipped with a warning, and admit
# answers / with how to build it; a failing build of the UI itself fails this script.
if [ "${ADMIT_SKIP_WEB:-0}" != 1 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: the web UI (web/) is not built" >&2
  elif ! (cd web && { { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; } ||
    npm ci --no-audit --no-fund --prefer-offline; }); then
    echo "npm ci failed in web/ (no registry?): the web UI is not built" >&2
  else
    (cd web && npm run build --silent) || { echo "building the web UI failed (web/)" >&2; exit 1; }
  fi
fi
