#!/usr/bin/env bash
# One command on a fresh Debian bookworm machine: install, build, and run every test
# (unit tests, then integration tests against the real binary), then the sanitizer and fuzz runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh admit admit_unit_tests admit_integration_tests fuzz_replays
# The realtime tests drive the server with npm's socket.io-client, pinned in package-lock.json.
# Offline, an existing node_modules is kept; without one those tests are reported as skipped.
if command -v npm >/dev/null; then
  (cd tests/realtime && npm ci --no-audit --no-fund --prefer-offline) ||
    echo "npm ci failed in tests/realtime: the node realtime tests may be skipped" >&2
  (cd tests/openapi && npm ci --no-audit --no-fund --prefer-offline) ||
    echo "npm ci failed in tests/openapi: the OpenAPI validation test may be skipped" >&2
  # The browser tests drive Debian's chromium with playwright-core (tests/e2e/package-lock.json).
  (cd tests/e2e && npm ci --no-audit --no-fund --prefer-offline) ||
    echo "npm ci failed in tests/e2e: the browser tests may be skipped" >&2
fi
(cd build && ctest --output-on-failure --timeout 600 -j 2)
# Then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, a short run of every
# fuzz target from that same build, and the multi-threaded tests under ThreadSanitizer, each in its
# own build directory (docs/testing.md). ADMIT_SANITIZERS=0 skips them for a quick local run.
if [ "${ADMIT_SANITIZERS:-1}" != 0 ]; then
  scripts/sanitize.sh asan
  scripts/fuzz.sh
  scripts/sanitize.sh tsan
fi
