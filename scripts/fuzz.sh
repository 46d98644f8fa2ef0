#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang 14 with ASan+UBSan) into build-fuzz/ and runs each on
# its committed corpus (fuzz/corpus/<target>/) for ADMIT_FUZZ_SECONDS (default 20) seconds.
# Any crash, leak, sanitizer report or timeout fails the script; the input that caused it is left
# in build-fuzz/findings/<target>/. Arguments (or ADMIT_FUZZ_TARGETS, space-separated) name the
# targets to run; default: all. The parser targets build in about a minute; http_request needs
# the whole server library built with clang.
#   ADMIT_FUZZ_SECONDS=600 scripts/fuzz.sh multipart     # a longer local session
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${ADMIT_FUZZ_SECONDS:-20}
jobs=${ADMIT_BUILD_JOBS:-$(nproc)}
targets=("$@")
if [ ${#targets[@]} -eq 0 ] && [ -n "${ADMIT_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$ADMIT_FUZZ_TARGETS"
fi
if [ ${#targets[@]} -eq 0 ]; then
  targets=(http_request query_string json_validation engineio_packet socketio_packet multipart csv_import xlsx_import)
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DADMIT_FUZZ=ON -DADMIT_BUILD_TESTS=OFF -DADMIT_BUILD_BENCH=OFF >/dev/null
ninja -C build-fuzz -j "$jobs" "${targets[@]/%/_fuzz}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  findings=build-fuzz/findings/$t
  # New inputs go to a scratch directory: the committed corpus only changes by hand (-merge=1).
  scratch=build-fuzz/scratch/$t
  rm -rf "$scratch" && mkdir -p "$scratch" "$findings"
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  echo "== $t: ${seconds}s"
  if ! "build-fuzz/${t}_fuzz" "$scratch" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
      >"build-fuzz/$t.log" 2>&1; then
    tail -n 60 "build-fuzz/$t.log" >&2
    failed+=("$t")
  else
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "build-fuzz/$t.log" | tail -n 1 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]} (inputs in build-fuzz/findings/)" >&2
  exit 1
fi
