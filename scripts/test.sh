#!/usr/bin/env bash
# One command on a fresh Debian bookworm machine: install, build, and run every test
# (unit tests, then integration tests against the real binary).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh admit admit_unit_tests admit_integration_tests
# The realtime tests drive the server with npm's socket.io-client, pinned in package-lock.json.
# Offline, an existing node_modules is kept; without one those tests are reported as skipped.
if command -v npm >/dev/null; then
  (cd tests/realtime && npm ci --no-audit --no-fund --prefer-offline) ||
    echo "npm ci failed in tests/realtime: the node realtime tests may be skipped" >&2
fi
cd build
ctest --output-on-failure --timeout 600 -j 2
