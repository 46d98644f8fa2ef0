#!/usr/bin/env bash
# Configures and builds admit into build/ (the binary is build/admit). Extra arguments are targets.
set -euo pipefail
cd "$(dirname "$0")/.."

build_type=${ADMIT_BUILD_TYPE:-Release}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
# Two jobs per core is too many for Beast-heavy translation units on a small machine.
jobs=${ADMIT_BUILD_JOBS:-$(nproc)}
ninja -C build -j "$jobs" "$@"
