#!/usr/bin/env bash
# Configures and builds one of the sanitizer build directories; scripts/sanitize.sh and
# scripts/fuzz.sh share it so that both use the same flags:
#   scripts/sanitizer-build.sh asan TARGET...   clang 14, ASan+UBSan with libFuzzer's coverage
#                                               instrumentation, build-asan/ (tests and fuzzers)
#   scripts/sanitizer-build.sh tsan TARGET...   GCC, TSan, build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:?usage: scripts/sanitizer-build.sh asan|tsan TARGET...}
shift
jobs=${ADMIT_BUILD_JOBS:-$(nproc)}
# -O1 as the sanitizers' documentation advises: fast enough to run, quick to build, usable stacks.
case "$mode" in
  asan)
    cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
      -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DADMIT_SANITIZE=address -DADMIT_FUZZ=ON \
      -DADMIT_BUILD_BENCH=OFF >/dev/null
    ninja -C build-asan -j "$jobs" "$@"
    ;;
  tsan)
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
      -DADMIT_SANITIZE=thread -DADMIT_BUILD_BENCH=OFF >/dev/null
    ninja -C build-tsan -j "$jobs" "$@"
    ;;
  *)
    echo "usage: scripts/sanitizer-build.sh asan|tsan TARGET..." >&2
    exit 2
    ;;
esac
