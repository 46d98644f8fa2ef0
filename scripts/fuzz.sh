#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang 14 with ASan+UBSan) in build-asan/, the build that
# scripts/sanitize.sh asan also runs the tests from, and runs each on its committed corpus
# (fuzz/corpus/<target>/) for ADMIT_FUZZ_SECONDS (default 20) seconds. Any crash, leak, sanitizer
# report or timeout fails the script; the input that caused it is left in
# build-asan/fuzz-runs/findings/<target>/. Arguments (or ADMIT_FUZZ_TARGETS, space-separated) name
# the targets to run; default: all.
#   ADMIT_FUZZ_SECONDS=600 scripts/fuzz.sh multipart     # a longer local session
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${ADMIT_FUZZ_SECONDS:-20}
targets=("$@")
if [ ${#targets[@]} -eq 0 ] && [ -n "${ADMIT_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$ADMIT_FUZZ_TARGETS"
fi
if [ ${#targets[@]} -eq 0 ]; then
  targets=(http_request query_string json_validation engineio_packet socketio_packet multipart csv_import xlsx_import)
fi

scripts/sanitizer-build.sh asan "${targets[@]/%/_fuzz}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  findings=build-asan/fuzz-runs/findings/$t
  # New inputs go to a scratch directory: the committed corpus only changes by hand (-merge=1).
  scratch=build-asan/fuzz-runs/scratch/$t
  rm -rf "$scratch" && mkdir -p "$scratch" "$findings"
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  echo "== $t: ${seconds}s"
  if ! "build-asan/${t}_fuzz" "$scratch" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
      >"build-asan/fuzz-runs/$t.log" 2>&1; then
    tail -n 60 "build-asan/fuzz-runs/$t.log" >&2
    failed+=("$t")
  else
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "build-asan/fuzz-runs/$t.log" | tail -n 1 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]} (inputs in build-asan/fuzz-runs/findings/)" >&2
  exit 1
fi
