#!/usr/bin/env bash
# Builds admit and its tests with a sanitizer and runs them:
#   scripts/sanitize.sh asan   AddressSanitizer + UndefinedBehaviorSanitizer (clang), build-asan/, every
#                              test and the replay of every committed fuzz corpus
#   scripts/sanitize.sh tsan   ThreadSanitizer (GCC), build-tsan/, every test
# Extra arguments go to ctest (e.g. -R Concurrency). Reports of every process (the test binaries
# and the admit servers they start) are written to <build>/sanitizer-logs/; any report fails the
# run, also one from a server whose test passed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in
  asan) dir=build-asan ;;
  tsan) dir=build-tsan ;;
  *)
    echo "usage: scripts/sanitize.sh asan|tsan [ctest arguments]" >&2
    exit 2
    ;;
esac

scripts/sanitizer-build.sh "$mode" admit admit_unit_tests admit_integration_tests fuzz_replays

logs=$PWD/$dir/sanitizer-logs
rm -rf "$logs" && mkdir -p "$logs"
supp=$PWD/tests/sanitizers
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$supp/tsan.supp:log_path=$logs/tsan"

# ADMIT_TSAN_TESTS=<regex> narrows the TSan run (it is slower); by default both run every test.
selection=()
if [ "$mode" = tsan ] && [ -n "${ADMIT_TSAN_TESTS:-}" ]; then
  selection=(-R "$ADMIT_TSAN_TESTS")
fi

# GCC 12's TSan cannot map its shadow memory under the 32-bit mmap randomisation of recent
# kernels ("unexpected memory mapping"); without address randomisation it can.
launcher=()
if [ "$mode" = tsan ] && [ "$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 28)" -gt 28 ]; then
  launcher=(setarch "$(uname -m)" -R)
fi

status=0
"${launcher[@]}" ctest --test-dir "$dir" --output-on-failure --timeout 900 -j 2 "${selection[@]}" "$@" || status=$?
if compgen -G "$logs/*" >/dev/null; then
  echo "== $mode: sanitizer reports" >&2
  for f in "$logs"/*; do
    echo "-- $f" >&2
    head -n 80 "$f" >&2
  done
  status=1
fi
exit $status
