#!/usr/bin/env bash
# The Java binding's tests: installs what they need (idempotent), builds the JNI library from
# the one top-level CMake project into build-java/ (-j2), then with Maven installs the binding
# (org.minhu:minhu, JUnit 5 tests on the shared fixtures) to the local repository and tests the
# 12345 plug-in example against it. The last lines are Surefire's own summaries, the example's
# last; the exit status is non-zero on any failure.
#   bindings/java/test.sh [EXTRA_MAVEN_ARGS...]        e.g. -Dtest=RouterTest
# Debian packages through scripts/ensure-packages.sh; Maven artifacts from Maven Central only.
# MINHU_JAVA_BUILD_DIR overrides the build directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
build="${MINHU_JAVA_BUILD_DIR:-$root/build-java}"

# The core's build dependencies (as in scripts/setup.sh, without the test/benchmark ones),
# SWIG, a JDK (javac >= 9 for --release 8) and Maven.
scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
  libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev opencc libopencc-data swig
command -v javac >/dev/null || scripts/ensure-packages.sh openjdk-17-jdk-headless
command -v mvn >/dev/null || scripts/ensure-packages.sh maven

echo "== building the JNI library ($build)"
if [ -n "${MINHU_JAVA_BUILD_DIR:-}" ] && [ -f "$build/CMakeCache.txt" ]; then
  # A shared build tree (scripts/test.sh): only switch the binding on, keep its other options.
  cmake -S "$root" -B "$build" -DMINHU_BUILD_JAVA=ON >/dev/null
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINHU_BUILD_JAVA=ON \
    -DMINHU_BUILD_TESTS=OFF -DMINHU_BUILD_BENCHMARKS=OFF -DMINHU_BUILD_TOOLS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target minhu_java

# Maven's full log goes to a file; what is shown is Surefire's "Results" block (or, if the
# build failed before the tests, the log's tail).
mvn_step() {
  local name="$1" dir="$2" log="$build/maven-$1.log"
  shift 2
  echo "== mvn $* ($name; full log: $log)"
  local status=0
  mvn -B -ntp -Dstyle.color=never -f "$dir/pom.xml" -Dminhu.source.dir="$root" "$@" >"$log" 2>&1 || status=$?
  local results
  results="$(awk '/\[(INFO|ERROR|WARNING)\] Results:/ {p = 1}
                  p {print}
                  p && /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {exit}' \
             "$log")"
  if [ "$status" -ne 0 ]; then
    [ -n "$results" ] && echo "$results" || tail -n 60 "$log"
    grep -E '^\[ERROR\] Failed to execute goal' "$log" | head -n 3 || true
    echo "== $name: Maven failed (exit $status)" >&2
    exit "$status"
  fi
  if [ -z "$results" ]; then
    echo "== $name: no test results in $log" >&2
    exit 1
  fi
  echo "$results"
}

# The library was just built: Maven packs it without invoking CMake again.
mvn_step binding bindings/java -Dminhu.build.dir="$build" -Dminhu.native.skip=true \
  "$@" install
mvn_step example examples/java-12345-plugin "$@" test
