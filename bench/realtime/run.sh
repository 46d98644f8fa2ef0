#!/usr/bin/env bash
# Realtime broadcast benchmark driver: admit vs. npm socket.io, 10,000 WebSocket clients by default.
# Usage: bench/realtime/run.sh [bench.js options, e.g. --clients 2000 --json out.json]
# Needs build/admit (scripts/build.sh admit) and `npm ci` in bench/realtime.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Every client and the servers need a descriptor per connection: ask for 65536, else take the hard limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)" >&2
[ -d "$here/node_modules/socket.io-client" ] || { echo "run: (cd $here && npm ci)" >&2; exit 2; }
[ -x "$here/../../build/admit" ] || { echo "build admit first: scripts/build.sh admit" >&2; exit 2; }
exec timeout --kill-after=10 20m node "$here/bench.js" "$@"
