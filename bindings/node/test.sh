#!/usr/bin/env bash
# The Node binding's tests: installs what they need (idempotent), builds the addon minhu.node
# from the one top-level CMake project into build-node/, then runs `node --test` on the
# binding's and the example service's tests (node's own summary is the last lines).
#   bindings/node/test.sh [EXTRA_NODE_TEST_ARGS...]     (MINHU_NODE_BUILD_DIR: use that build tree)
# Debian packages through scripts/ensure-packages.sh; nothing from npm (the package has no
# dependencies) and nothing downloaded by the build: the Node headers are the local ones.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
build="${MINHU_NODE_BUILD_DIR:-$root/build-node}"

# The core's build dependencies (as in scripts/setup.sh, without the test/benchmark ones), SWIG.
scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
  libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev opencc libopencc-data swig
command -v node >/dev/null || scripts/ensure-packages.sh nodejs

# V8/Node headers of the node on PATH: nodesource's and the official builds carry them in
# <prefix>/include/node; Debian's nodejs has them in libnode-dev.
prefix="$(node -p 'process.config.variables.node_prefix')"
if [ ! -f "$prefix/include/node/v8.h" ] && [ ! -f /usr/include/node/v8.h ] &&
  [ ! -f /usr/local/include/node/v8.h ]; then
  scripts/ensure-packages.sh libnode-dev
fi

echo "== building the Node addon ($build)"
if [ -n "${MINHU_NODE_BUILD_DIR:-}" ] && [ -f "$build/CMakeCache.txt" ]; then
  # A shared build tree (scripts/test.sh): only switch the binding on, keep its other options.
  cmake -S "$root" -B "$build" -DMINHU_BUILD_NODE=ON >/dev/null
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINHU_BUILD_NODE=ON \
    -DMINHU_BUILD_TESTS=OFF -DMINHU_BUILD_BENCHMARKS=OFF -DMINHU_BUILD_TOOLS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target minhu_node

echo "== node --test"
export MINHU_NODE_ADDON="$build/bindings/node/minhu.node"
exec node --test "$@" bindings/node/test/*.test.js examples/node-service/test/*.test.js
