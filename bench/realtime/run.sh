#!/usr/bin/env bash
# Realtime broadcast benchmark driver: admit vs. npm socket.io, 10,000 WebSocket clients by default.
# Usage: bench/realtime/run.sh [bench.js options, e.g. --clients 2000 --json out.json]
# Needs build/admit and build/realtime_load (scripts/build.sh admit realtime_load) and `npm ci` in
# bench/realtime.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Every client and the servers need a descriptor per connection: ask for 65536, else take the hard limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)" >&2
[ -d "$here/node_modules/socket.io-client" ] || { echo "run: (cd $here && npm ci)" >&2; exit 2; }
# The defaults of --admit, --native and --client (native) unless the arguments name others.
admit="$here/../../build/admit" native="$here/../../build/realtime_load" client=native
args=("$@")
for ((i = 0; i + 1 < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --admit) admit="${args[i + 1]}" ;;
    --native) native="${args[i + 1]}" ;;
    --client) client="${args[i + 1]}" ;;
  esac
done
[ -x "$admit" ] || { echo "build admit first: scripts/build.sh admit" >&2; exit 2; }
[ "$client" != native ] || [ -x "$native" ] ||
  { echo "build the native load generator first: scripts/build.sh realtime_load (or pass --client raw)" >&2; exit 2; }
exec timeout --kill-after=10 20m node "$here/bench.js" "$@"
