#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in build-fuzz/ and runs
# each for SECONDS (default 60), one at a time, in one process (no -jobs/-workers: libFuzzer's
# job mode would fork a child and write fuzz-N.log into the working directory).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: ruleset jsonl text calendar journal
#
# Seeds are gathered from rulesets/, examples/ and tests/fuzz/{seeds,regressions}/ into
# build-fuzz/seeds/<target>/; what the fuzzer learns accumulates in build-fuzz/corpus/<target>/
# (kept between runs, never committed). A crash, leak, timeout or UBSan report stops the target;
# its input lands in build-fuzz/artifacts/<target>/ — add it to tests/fuzz/regressions/<target>/
# once fixed (the gcc ctest replays that directory). Prints executions, corpus size and crashes
# per target; exits non-zero when any target found something.
#
# Environment: MINHU_FUZZ_JOBS (build parallelism, default 2), MINHU_FUZZ_RSS_MB (default 2048),
# MINHU_FUZZ_TIMEOUT (seconds per input before libFuzzer calls it a hang, default 10),
# MINHU_FUZZ_FLAGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(ruleset jsonl text calendar journal)

# Clang with libFuzzer's runtime (Debian ships it in libclang-rt-<ver>-dev); idempotent.
scripts/ensure-packages.sh clang libclang-rt-14-dev cmake ninja-build
cxx="$(command -v clang++)"

build="$root/build-fuzz"
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMINHU_BUILD_FUZZERS=ON -DMINHU_BUILD_TESTS=OFF -DMINHU_BUILD_BENCHMARKS=OFF \
  -DMINHU_BUILD_TOOLS=OFF -DMINHU_INSTALL=OFF >/dev/null
cmake --build "$build" -j "${MINHU_FUZZ_JOBS:-2}" --target "${targets[@]/%/_fuzz}"

tests/fuzz/gather_seeds.sh "$build/seeds" >/dev/null

status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t" artifacts="$build/artifacts/$t" log="$build/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== fuzzing $t for ${seconds}s"
  start=$(date +%s)
  set +e
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/tests/fuzz/${t}_fuzz" "$corpus" "$build/seeds/$t" \
    -max_total_time="$seconds" -timeout="${MINHU_FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb="${MINHU_FUZZ_RSS_MB:-2048}" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${MINHU_FUZZ_FLAGS:-} >"$log" 2>&1
  rc=$?
  set -e
  wall=$(($(date +%s) - start))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ -z "$execs" ]; then  # no final stats (crash): the last status line
    execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  fi
  files=$(find "$corpus" -type f | wc -l)
  line="$t: ${execs:-?} executions in ${wall}s, corpus $files files"
  if [ "$rc" -ne 0 ]; then
    status=1
    line="$line, FOUND a problem (exit $rc): $(ls -t "$artifacts" | head -1) — see $log"
    grep -E 'ERROR|SUMMARY|fuzz invariant|runtime error|Test unit written' "$log" | head -8 || true
  else
    line="$line, no crash"
  fi
  echo "$line"
  summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$status"
