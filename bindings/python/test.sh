#!/usr/bin/env bash
# The Python binding's tests: installs what they need (idempotent), builds and installs the
# package from the one top-level CMake project, then runs pytest (its summary is the last line).
#   bindings/python/test.sh [PYTEST_ARGS...]
# Debian packages through scripts/ensure-packages.sh; Python packages with pip into a venv at
# build/python/venv; the CMake tree is kept in build/python/<wheel tag> so reruns are quick.
# The full TipDM model is NOT trained here: rulesets/tipdm-7class.model is committed and the
# tests train only on tests/data/tipdm-small.csv.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
  libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev opencc libopencc-data python3 python3-pip

venv="$root/build/python/venv"
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$root/build/python"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    scripts/ensure-packages.sh python3-venv
    python3 -m venv "$venv"
  fi
fi
py="$venv/bin/python"
need=(pybind11 scikit-build-core numpy scipy scikit-learn pandas matplotlib tqdm pytest)
if ! "$py" -c "import pybind11, scikit_build_core, numpy, scipy, sklearn, pandas, matplotlib, tqdm, pytest" 2>/dev/null; then
  echo "installing ${need[*]} into $venv"
  "$py" -m pip install --quiet --disable-pip-version-check "${need[@]}"
fi

echo "== building and installing the minhu Python package"
"$py" -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps \
  ./bindings/python

echo "== pytest"
cd "$root/bindings/python"
exec "$py" -m pytest -q -p no:cacheprovider "$@"
