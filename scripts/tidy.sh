#!/usr/bin/env bash
# clang-tidy over src/ with the project's .clang-tidy. clang 14 does not announce C++20 coroutine
# support to libstdc++'s <coroutine>, nor Asio's co_await support, so both are declared here.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || scripts/build.sh admit >/dev/null
run-clang-tidy-14 -quiet -p build -j "${ADMIT_TIDY_JOBS:-$(nproc)}" \
  -extra-arg=-D__cpp_impl_coroutine=201902L \
  -extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 \
  -extra-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 \
  "$@" "$PWD/src/"
