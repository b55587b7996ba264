#!/usr/bin/env bash
# One command for the whole benchmark report (benchmarks/README.md): builds minhu (Release, with
# the benchmarks, the CLI and the Python, Node and Java bindings) into build-peers/, installs the
# peer engines, generates the workloads, runs every engine on the same texts and writes
# benchmarks/results/{results.json,results.md,throughput.png}.
#
#   benchmarks/run.sh            full: 500 / 5,000 / 50,000 keywords at 10,000 units, and
#                                1,000 / 100,000 units at 5,000 keywords (C++ dispatch),
#                                10,000 petitions of at most 300 bytes, 5 repetitions after
#                                3 s of untimed warm-up passes (every engine: JITs compile)
#   benchmarks/run.sh --quick    smoke run in a few minutes: 500 / 5,000 keywords, 2,000
#                                petitions, shorter time budgets, 1 s of warm-up
# options:
#   --snapshot        build minhu from `git archive HEAD` (build-peers/src) instead of the
#                     working tree, so that uncommitted edits of others do not leak in
#   --no-build        reuse the minhu build in build-peers/ (the small drivers are still rebuilt)
#   --keywords "K.."  keyword counts (default "500 5000 50000"; quick "500 5000")
#   --petitions N     petitions per workload (default 10000; quick 2000)
#   --reps R          timed repetitions per engine (default 5)
#   --out DIR         results directory (default benchmarks/results)
#   --workload-tool P use this minhu_workload binary (default: the one of the build)
#   --only "E.."      run only these engines (tags below), e.g. --only "cpp python-re"
# Engines (tags): cpp (minhu C++ core, its normalise and scan parts, facade single/batch,
# dispatch), bench (`minhu bench`
# if the CLI has it), python, node, java (minhu bindings, single + batch), hyperscan,
# python-re, zen-py, zen-node, jre (json-rules-engine).
#
# Everything is installed idempotently: Debian packages through scripts/ensure-packages.sh, npm
# packages into benchmarks/peers/node_modules (package.json), PyPI packages into the venv
# build-peers/venv. Workloads come from benchmarks' minhu_workload (a generated city whose
# rules hold exactly K keywords of real vocabulary, petitions from real messages); if this
# build has no minhu_workload, from rulesets/demo-city.json and ../shared/data/messages_train.csv.
# Uses -j2 and one thread per engine; the machine's other load is recorded, not controlled.
set -euo pipefail
# The whole script is one function, read before it runs: editing this file during a run does
# not change the run.
main() {
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

workload_override="" quick=0 snapshot=0 build=1 keywords="" petitions="" reps=5 out="$root/benchmarks/results" only=""
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --snapshot) snapshot=1 ;;
    --no-build) build=0 ;;
    --keywords) keywords="$2"; shift ;;
    --petitions) petitions="$2"; shift ;;
    --reps) reps="$2"; shift ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    --only) only="$2"; shift ;;
    --workload-tool) workload_override="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if ((quick)); then
  keywords="${keywords:-500 5000}" petitions="${petitions:-2000}" units_sweep=""
  bench_seconds=0.5 min_rep=0.2 warmup=1 timing=(--budget 1.5 --check 8)
else
  keywords="${keywords:-500 5000 50000}" petitions="${petitions:-10000}" units_sweep="1000 100000"
  bench_seconds=2 min_rep=0.3 warmup=3 timing=(--budget 4 --check 30)
fi
timing+=(--min-rep "$min_rep" --warmup "$warmup")
want() { [ -z "$only" ] || [[ " $only " == *" $1 "* ]]; }

peers="$root/benchmarks/peers"
bp="$root/build-peers"
mkdir -p "$bp/peers" "$bp/work"
log() { printf '\n== %s\n' "$*" >&2; }

# ---- 1. packages -----------------------------------------------------------------------------
if ((build)); then
  log "Debian packages"
  scripts/ensure-packages.sh build-essential cmake ninja-build pkg-config nlohmann-json3-dev libsimdjson-dev \
    libre2-dev libsqlite3-dev libboost-graph-dev libboost-dev opencc libopencc-data \
    libbenchmark-dev swig libhyperscan-dev python3 python3-venv
  command -v node >/dev/null || scripts/ensure-packages.sh nodejs
  command -v npm >/dev/null || scripts/ensure-packages.sh npm
  command -v javac >/dev/null || scripts/ensure-packages.sh openjdk-17-jdk-headless
  prefix="$(node -p 'process.config.variables.node_prefix')"
  if [ ! -f "$prefix/include/node/v8.h" ] && [ ! -f /usr/include/node/v8.h ] &&
    [ ! -f /usr/local/include/node/v8.h ]; then
    scripts/ensure-packages.sh libnode-dev
  fi
fi

# ---- 2. minhu --------------------------------------------------------------------------------
venv="$bp/venv"
py="$venv/bin/python"
if ((snapshot)); then
  src="$bp/src" tree="$bp/snap"
  if ((build)); then
    log "snapshot of HEAD ($(git rev-parse --short HEAD)) in $src"
    rm -rf "$src" && mkdir -p "$src"
    git archive HEAD | tar -x -C "$src"
    git rev-parse HEAD >"$src/.commit"
  fi
  # The workload generator reads <source>/../shared/data (real messages, taxonomy).
  [ -e "$bp/shared" ] || ln -s "$root/../shared" "$bp/shared"
else
  src="$root" tree="$bp"
fi
if ((build)); then
  if [ ! -x "$py" ]; then
    log "Python venv $venv"
    python3 -m venv "$venv"
  fi
  if ! "$py" -c "import zen, matplotlib, pybind11" 2>/dev/null; then
    "$py" -m pip install --quiet --disable-pip-version-check zen-engine matplotlib pybind11
  fi
  log "minhu Release build in $tree (-j2)"
  cmake -S "$src" -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINHU_BUILD_TESTS=OFF \
    -DMINHU_BUILD_BENCHMARKS=ON -DMINHU_BUILD_TOOLS=ON -DMINHU_BUILD_PYTHON=ON \
    -DMINHU_BUILD_NODE=ON -DMINHU_BUILD_JAVA=ON -DMINHU_INSTALL=OFF \
    -DPython_EXECUTABLE="$py" >"$bp/cmake.log"
  cmake --build "$tree" -j2
fi
minhu_cli="$tree/libdispatch/minhu"
workload_tool="${workload_override:-$tree/benchmarks/minhu_workload}"
pyso="$(ls "$tree"/bindings/python/_core*.so | head -n 1)"
node_addon="$tree/bindings/node/minhu.node"
java_so="$tree/bindings/java/native-resources/META-INF/native/linux-x86_64/libminhu_java.so"

# The Python package: the sources of $src with the freshly built extension, as symlinks.
pylib="$bp/pylib"
rm -rf "$pylib" && mkdir -p "$pylib/minhu"
for f in "$src"/bindings/python/src/minhu/*; do ln -s "$f" "$pylib/minhu/"; done
ln -s "$pyso" "$pylib/minhu/"
export PYTHONPATH="$pylib:$peers"
export MINHU_NODE_ADDON="$node_addon"

# ---- 3. peers and drivers ----------------------------------------------------------------------
log "npm packages of benchmarks/peers"
if [ ! -d "$peers/node_modules/json-rules-engine" ] || [ ! -d "$peers/node_modules/@gorules/zen-engine" ] ||
  [ "$peers/package.json" -nt "$peers/node_modules" ]; then
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error && touch node_modules)
fi
log "drivers: minhu_driver (C++), hs_scan (Hyperscan), MinhuBench (Java)"
g++ -std=c++17 -O3 -DNDEBUG -I"$src/libdispatch/include" -I"$tree/libdispatch/generated" \
  "$peers/minhu_driver.cpp" "$tree/libdispatch/libminhu_dispatch.a" -lre2 -lsimdjson -lsqlite3 -pthread \
  -o "$bp/peers/minhu_driver"
g++ -std=c++17 -O3 -DNDEBUG "$peers/hs_scan.cpp" -lhs -o "$bp/peers/hs_scan"
rm -rf "$bp/peers/java" && mkdir -p "$bp/peers/java"
javac -nowarn -encoding UTF-8 -d "$bp/peers/java" \
  $(find "$src/bindings/java/src/main/java" "$tree/bindings/java/generated-sources" -name '*.java') \
  "$peers/java/MinhuBench.java"

# ---- 4. machine --------------------------------------------------------------------------------
machine="$bp/work/machine.json"
"$py" - "$machine" "$src" <<'EOF'
import json, os, platform, subprocess, sys
def sh(c):
    try:
        return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""
cpu = sh("lscpu | sed -n 's/^Model name: *//p' | head -n1")
mem = sh("free -g | awk '/^Mem:/ {print $2}'")
m = {
    "cpu": cpu, "nproc": sh("nproc"), "memory_gib": mem, "kernel": platform.release(),
    "hypervisor": sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'"),
    "load_before": os.getloadavg(),
    "gcc": sh("g++ -dumpfullversion"), "python": platform.python_version(),
    "node": sh("node --version"), "java": sh("java -version 2>&1 | head -n1"),
    "hyperscan": sh("dpkg-query -W -f='${Version}' libhyperscan-dev"),
    "zen_engine_py": sh(sys.executable + " -m pip show zen-engine 2>/dev/null | sed -n 's/^Version: //p'"),
    "commit": (open(os.path.join(sys.argv[2], ".commit")).read().strip()
               if os.path.exists(os.path.join(sys.argv[2], ".commit"))
               else sh("git rev-parse HEAD") + (" + working tree" if sh("git status --porcelain") else "")),
}
m["summary"] = (f"{cpu}, {m['nproc']} cores ({m['hypervisor'] or 'bare metal'} VM), {mem} GiB; "
                f"load average {m['load_before'][0]:.1f} when the run started (shared machine)")
json.dump(m, open(sys.argv[1], "w"), indent=1)
print(m["summary"])
EOF

# ---- 5. workloads --------------------------------------------------------------------------------
workdirs=() units_dirs=()
make_workload() {  # name keywords units
  local name="$1" k="$2" u="$3" wd="$bp/work/$1"
  mkdir -p "$wd/res"
  rm -f "$wd"/res/*.json
  if [ -x "$workload_tool" ]; then
    "$workload_tool" --out "$wd/gen" --keywords "$k" --units "$u" --petitions "$petitions" \
      --seed 42 --text-bytes 300 >"$wd/gen.log"
    "$py" "$peers/prepare.py" --ruleset "$wd/gen/ruleset.json" --petitions "$wd/gen/petitions.jsonl" \
      --out "$wd" >/dev/null
    echo "{\"name\": \"$name\", \"keywords\": $k, \"units\": $u, \"petitions\": $petitions, \"generator\": \"minhu_workload --keywords $k --units $u --petitions $petitions --seed 42 --text-bytes 300\"}" >"$wd/meta.json"
  else
    "$py" "$peers/prepare.py" --ruleset "$src/rulesets/demo-city.json" \
      --csv "$root/../shared/data/messages_train.csv" --text-bytes 300 --limit "$petitions" \
      --out "$wd" >/dev/null
    echo "{\"name\": \"$name\", \"generator\": \"demo-city.json + messages_train.csv\"}" >"$wd/meta.json"
  fi
  "$py" "$peers/zen_jdm.py" "$wd/peer_rules.json" >"$wd/zen-decision.json" 2>/dev/null
  cat "$wd/info.json" >&2
  echo >&2
}

run_engines() {  # workdir
  local wd="$1" r="$1/res" t=("${timing[@]}" --reps "$reps")
  local full="$wd/gen/ruleset.json" jsonl="$wd/gen/petitions.jsonl"
  if want cpp; then
    for m in core normalize scan api-single api-batch api-packed; do
      "$bp/peers/minhu_driver" --work "$wd" --out "$r/cpp-$m.json" --mode "$m" "${t[@]}"
    done
    if [ -f "$full" ]; then
      "$bp/peers/minhu_driver" --work "$wd" --out "$r/cpp-dispatch.json" --mode dispatch \
        --ruleset "$full" --petitions "$jsonl" "${t[@]}"
    fi
  fi
  if want bench && [ -f "$full" ] && "$minhu_cli" bench --help >/dev/null 2>&1; then
    "$py" "$peers/minhu_bench.py" --cli "$minhu_cli" --ruleset "$full" --petitions "$jsonl" \
      --reps "$reps" --seconds "$bench_seconds" --out "$r/cli-bench.json" || echo "minhu bench failed" >&2
  fi
  if want python; then
    for m in single batch; do "$py" "$peers/minhu_py.py" --work "$wd" --out "$r/py-$m.json" --mode "$m" "${t[@]}"; done
  fi
  if want node; then
    for m in single batch; do node "$peers/minhu_node.js" --work "$wd" --out "$r/node-$m.json" --mode "$m" "${t[@]}"; done
  fi
  if want java; then
    for m in single batch; do
      java -Xss4m -Dminhu.native.library="$java_so" -cp "$bp/peers/java" MinhuBench --work "$wd" \
        --out "$r/java-$m.json" --mode "$m" "${t[@]}"
    done
  fi
  if want hyperscan; then
    "$bp/peers/hs_scan" --work "$wd" --out "$r/hyperscan.json" --reps "$reps" --min-rep "$min_rep" --warmup "$warmup"
    # The same scan for minhu's whole pattern set: the keywords and the gazetteer's names.
    "$bp/peers/hs_scan" --work "$wd" --out "$r/hyperscan-gazetteer.json" --reps "$reps" --min-rep "$min_rep" \
      --warmup "$warmup" --patterns patterns.txt --mode scan+gazetteer
  fi
  if want python-re; then "$py" "$peers/re_peer.py" --work "$wd" --out "$r/python-re.json" "${t[@]}"; fi
  if want zen-py; then "$py" "$peers/zen_peer.py" --work "$wd" --out "$r/zen-py.json" "${t[@]}"; fi
  if want zen-node; then node "$peers/zen_peer.js" --work "$wd" --out "$r/zen-node.json" "${t[@]}"; fi
  if want jre; then node "$peers/jre_peer.js" --work "$wd" --out "$r/jre.json" "${t[@]}"; fi
}

if [ ! -x "$workload_tool" ]; then
  echo "no $workload_tool in this build: one workload from demo-city.json and real messages" >&2
  keywords="demo"
fi
for k in $keywords; do
  if [ "$k" = demo ]; then name="demo-city-tipdm"; else name="k$k-u10000"; fi
  log "workload $name ($petitions petitions)"
  make_workload "$name" "$k" 10000
  run_engines "$bp/work/$name"
  workdirs+=("$bp/work/$name")
done
# Units only matter for routing: the C++ dispatch (and `minhu bench`) at 5,000 keywords.
if [ -x "$workload_tool" ]; then
  for u in $units_sweep; do
    name="k5000-u$u"
    log "workload $name (dispatch only)"
    make_workload "$name" 5000 "$u"
    wd="$bp/work/$name"
    if want cpp; then
      "$bp/peers/minhu_driver" --work "$wd" --out "$wd/res/cpp-dispatch.json" --mode dispatch \
        --ruleset "$wd/gen/ruleset.json" --petitions "$wd/gen/petitions.jsonl" "${timing[@]}" --reps "$reps"
    fi
    if want bench && "$minhu_cli" bench --help >/dev/null 2>&1; then
      "$py" "$peers/minhu_bench.py" --cli "$minhu_cli" --ruleset "$wd/gen/ruleset.json" \
        --petitions "$wd/gen/petitions.jsonl" --reps "$reps" --seconds "$bench_seconds" \
        --out "$wd/res/cli-bench.json" || echo "minhu bench failed" >&2
    fi
    units_dirs+=("$wd")
  done
fi

# ---- 6. report -----------------------------------------------------------------------------------
"$py" - "$machine" <<'EOF'
import json, os, sys
m = json.load(open(sys.argv[1]))
m["load_after"] = os.getloadavg()
m["summary"] += f", {m['load_after'][0]:.1f} when it ended"
json.dump(m, open(sys.argv[1], "w"), indent=1)
EOF
log "report → $out"
"$py" "$peers/report.py" --out "$out" --machine "$machine" --title "$( ((quick)) && echo quick || echo full)" \
  --units-sweep "${units_dirs[@]}" -- "${workdirs[@]}"
}
main "$@"
