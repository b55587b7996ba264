#!/usr/bin/env bash
# Installs what building and testing minhu needs, then configures and builds it (Release).
# Idempotent: installs only what is missing; `apt-get update` runs at most once.
#   scripts/setup.sh [BUILD_DIR]          (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"

scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
  libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev libgtest-dev libgmock-dev \
  libbenchmark-dev opencc libopencc-data clang-format python3 python3-pip
# The schema check (a ctest) validates rulesets with Python's jsonschema.
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j2
