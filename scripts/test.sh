#!/usr/bin/env bash
# One command on a fresh Debian bookworm machine: install, build, and run every test
# (unit tests, then integration tests against the real binary).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh admit admit_unit_tests admit_integration_tests
cd build
ctest --output-on-failure --timeout 600 -j 2
