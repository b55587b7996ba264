#!/usr/bin/env bash
# ThreadSanitizer run of the concurrency tests (ctest label "concurrency": engine_test — 8
# threads classifying/dispatching through 100 hot reloads — and api_test — the facade's
# dispatcher and case tracker shared by 8 threads). Builds into build-tsan/ (-j2).
#   scripts/tsan.sh            exit status non-zero on any race report or test failure
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
  libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev opencc libopencc-data libgtest-dev
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINHU_BUILD_BENCHMARKS=OFF \
  -DMINHU_BUILD_TOOLS=ON -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" >/dev/null
cmake --build build-tsan -j2 --target engine_test api_test
# halt_on_error: the first race fails the test instead of scrolling by.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ctest --test-dir build-tsan -R "^(engine_test|api_test)$" --output-on-failure
