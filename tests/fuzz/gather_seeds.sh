#!/usr/bin/env bash
# Gathers the seed corpora of the fuzz targets into OUT/<target>/ (recreated each run):
#   ruleset   rulesets/*.json, rulesets/fixtures/*.json, tests/schema/{valid,invalid}/*.json
#   jsonl     one file per line of examples/petitions/*.jsonl, and the "petition" object of
#             every line of rulesets/fixtures/*.cases.jsonl
#   text      the committed seeds/text/, and petition texts (one file per line of demo.jsonl)
#   calendar  the committed seeds/calendar/ (binary operation scripts)
#   journal   the committed seeds/journal/ (a valid journal file, scripts)
# Every target also gets its regressions/<target>/ (inputs that once crashed it).
# Usage: tests/fuzz/gather_seeds.sh OUT [MAX_BYTES]   (files above MAX_BYTES are skipped for
# the fuzzers; the ctest replay still runs them all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$1"
max="${2:-65536}"

add() {  # add TARGET FILE...: copy files not larger than $max
  local target="$1"
  shift
  mkdir -p "$out/$target"
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in .*) continue ;; esac
    if [ "$(stat -c %s "$f")" -le "$max" ]; then
      cp "$f" "$out/$target/$(echo "${f#"$root"/}" | tr '/' '_')"
    fi
  done
}

split_lines() {  # split_lines TARGET PREFIX FILE: one seed per line
  local target="$1" prefix="$2" file="$3" n=0 line
  mkdir -p "$out/$target"
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    printf '%s' "$line" >"$out/$target/$prefix-$n"
  done <"$file"
}

rm -rf "$out"
mkdir -p "$out"
for t in ruleset jsonl text calendar journal; do
  add "$t" "$here"/regressions/"$t"/* "$here"/seeds/"$t"/*
done
add ruleset "$root"/rulesets/*.json "$root"/rulesets/fixtures/*.json \
  "$root"/tests/schema/valid/*.json "$root"/tests/schema/invalid/*.json

for f in "$root"/examples/petitions/*.jsonl; do
  split_lines jsonl "$(basename "$f" .jsonl)" "$f"
done
if command -v python3 >/dev/null; then
  python3 - "$out/jsonl" "$out/text" "$root"/rulesets/fixtures/*.cases.jsonl \
    "$root"/examples/petitions/demo.jsonl <<'EOF'
import json, os, sys
jsonl, text = sys.argv[1], sys.argv[2]
for path in sys.argv[3:]:
    name = os.path.basename(path).split(".")[0]
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        obj = json.loads(line)
        if "petition" in obj:
            p = obj["petition"]
            with open(os.path.join(jsonl, f"{name}-case-{n}"), "w", encoding="utf-8") as f:
                f.write(json.dumps(p, ensure_ascii=False))
        elif "text" in obj:
            p = obj
        else:
            continue
        # text target: one keyword-count byte (0 keywords), then the petition's text
        with open(os.path.join(text, f"{name}-case-{n}"), "wb") as f:
            f.write(b"\0" + (p.get("title", "") + p.get("text", "")).encode())
EOF
fi
for t in ruleset jsonl text calendar journal; do
  echo "seeds/$t: $(find "$out/$t" -type f | wc -l) files"
done
