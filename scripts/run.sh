#!/usr/bin/env bash
# One command on a fresh Debian bookworm machine: install, build, and start admit on
# http://127.0.0.1:3000 with its SQLite store in ./data (seeded with a demo event when empty).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh admit
exec build/admit serve --host "${ADMIT_HOST:-127.0.0.1}" --port "${ADMIT_PORT:-3000}" --data "${ADMIT_DATA:-./data}" --seed-demo
