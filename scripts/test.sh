#!/usr/bin/env bash
# Every test: builds minhu (Release) and runs the whole suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
ctest --test-dir build -j2 --output-on-failure
