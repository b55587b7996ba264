#!/usr/bin/env python3
"""`minhu bench` (the CLI's end-to-end throughput: read JSON Lines, dispatch, one thread) run
--reps times on a workload's full ruleset and petitions; the median of its own petitions/s
figure is reported in the result format of harness.py (no per-petition decisions).

    minhu_bench.py --cli build-peers/libdispatch/minhu --ruleset R --petitions P.jsonl --out F
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys


def rate_of(obj, path=""):
    """single_thread.petitions_per_s of `minhu bench --json`; failing that, the first number
    whose key names a per-second rate; None if there is none."""
    if not path and isinstance(obj, dict) and isinstance(obj.get("single_thread"), dict) \
            and "petitions_per_s" in obj["single_thread"]:
        return float(obj["single_thread"]["petitions_per_s"]), "/single_thread/petitions_per_s"
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = k.lower()
            if isinstance(v, (int, float)) and ("per_s" in key or "per_sec" in key or key in ("throughput", "rate")):
                return float(v), path + "/" + k
        for k, v in obj.items():
            r = rate_of(v, path + "/" + k)
            if r:
                return r
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--ruleset", required=True)
    ap.add_argument("--petitions", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cmd = [args.cli, "bench", "-r", args.ruleset, args.petitions, "--threads", str(args.threads),
           "--seconds", str(args.seconds), "--compile-runs", "1", "--json"]
    rates, raw, field = [], [], None
    for _ in range(args.reps + 1):  # the first run warms the page cache (and is dropped)
        p = subprocess.run(cmd, capture_output=True, text=True, check=True)
        doc = json.loads(p.stdout)
        raw.append(doc)
        found = rate_of(doc)
        if not found:
            print("minhu bench --json: no per-second figure in " + p.stdout[:300], file=sys.stderr)
            return 1
        rates.append(found[0])
        field = found[1]
    rates = rates[1:]
    res = {"engine": "minhu c++", "mode": "bench", "n_checked": 0, "per_sec": rates,
           "median_per_sec": statistics.median(rates), "field": field, "command": " ".join(cmd),
           "cli_output": raw[-1]}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False)
    print(f"{'minhu bench (cli)':>22} {'bench':<8} {res['median_per_sec']:>14,.0f} petitions/s "
          f"({field}, reps={args.reps})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
