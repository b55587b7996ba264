#!/usr/bin/env bash
# Every test: builds minhu (Release) and runs, in turn, the C++ suite (ctest), the Python
# binding's (pytest), the Java binding's (Maven Surefire) and the Node binding's (node --test).
# Every suite runs even when an earlier one failed; the exit status is non-zero if any did.
# Each step installs what it needs (idempotently) and builds its own part.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

scripts/setup.sh build || exit 1
status=0
run() {
  echo
  echo "==== $1"
  shift
  "$@" || status=1
}
run "C++ (ctest)" ctest --test-dir build -j2 --output-on-failure
[ -f bindings/python/test.sh ] && run "Python (pytest)" bash bindings/python/test.sh
run "Java (Maven)" env MINHU_JAVA_BUILD_DIR="$root/build" bash bindings/java/test.sh
run "Node (node --test)" env MINHU_NODE_BUILD_DIR="$root/build" bash bindings/node/test.sh
exit "$status"
