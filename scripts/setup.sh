#!/usr/bin/env bash
# Installs what building and testing minhu needs, then configures and builds it (Release).
# Idempotent: installs only what is missing; `apt-get update` runs at most once.
#   scripts/setup.sh [BUILD_DIR]          (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"

packages=(build-essential cmake ninja-build pkg-config nlohmann-json3-dev libre2-dev
          libboost-graph-dev libgtest-dev libgmock-dev libbenchmark-dev opencc libopencc-data
          clang-format python3 python3-pip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The schema check (a ctest) validates rulesets with Python's jsonschema.
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j2
