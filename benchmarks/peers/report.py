#!/usr/bin/env python3
"""Collects the engines' result files of benchmarks/run.sh into benchmarks/results/:
results.json (everything but the per-petition decisions), results.md (the tables) and
throughput.png (petitions/s against ruleset size, log scales, one line per engine).

    report.py --out benchmarks/results --machine machine.json WORKDIR [WORKDIR ...]

Each WORKDIR (written by prepare.py) holds info.json, meta.json and res/*.json (one per
engine and mode). Agreement = share of the checked petitions on which the engine's decision
(the deciding rule's id, or none) equals minhu's on the same common ruleset (expected.json).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys

# Display order and names; the reference for "ours" is minhu's C++ core classify.
NO_DECISION = ("dispatch", "bench", "normalize", "scan")  # modes without a checked decision
BREAKDOWN = ("normalize", "scan")  # parts of minhu's classify (engine "minhu c++"), not engines


def is_part(r) -> bool:
    return r["engine"] == "minhu c++" and r["mode"] in BREAKDOWN
ORDER = [
    ("minhu c++", "core"), ("minhu c++", "normalize"), ("minhu c++", "scan"),
    ("minhu c++", "api-single"), ("minhu c++", "api-batch"), ("minhu c++", "api-packed"),
    ("minhu c++", "dispatch"), ("minhu c++", "bench"),
    ("minhu python", "single"), ("minhu python", "batch"),
    ("minhu node", "single"), ("minhu node", "batch"),
    ("minhu java", "single"), ("minhu java", "batch"),
    ("hyperscan scan", "scan"), ("hyperscan scan", "scan+gazetteer"),
    ("python-re", "single"),
    ("zen-engine (py)", "single"), ("zen-engine (py)", "batch"),
    ("zen-engine (node)", "single"), ("zen-engine (node)", "parallel"),
    ("json-rules-engine", "single"),
]
OURS = ("minhu c++", "core")


def label(e, m):
    if e == "hyperscan scan" and m != "scan":
        return f"hyperscan {m}"
    return e if m == "scan" else f"{e} {m}"


def load_workload(wd: str) -> dict:
    with open(os.path.join(wd, "info.json"), encoding="utf-8") as f:
        info = json.load(f)
    meta = {}
    if os.path.exists(os.path.join(wd, "meta.json")):
        with open(os.path.join(wd, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
    with open(os.path.join(wd, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    engines = []
    for path in sorted(glob.glob(os.path.join(wd, "res", "*.json"))):
        try:
            with open(path, encoding="utf-8") as f:
                r = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            print(f"skipping {path}: {e}", file=sys.stderr)
            continue
        dec = r.pop("decisions", None)
        if dec is not None and r.get("mode") not in NO_DECISION and r.get("n_checked"):
            n = min(len(dec), len(expected))
            same = sum(1 for i in range(n) if dec[i] == expected[i])
            r["agreement"] = same / n if n else None
            r["agreement_n"] = n
            # Where they differ: a few examples for the README.
            r["disagreements"] = [{"i": i, "minhu": expected[i], "engine": dec[i]}
                                  for i in range(n) if dec[i] != expected[i]][:5]
        if r.get("bytes_timed") and r.get("n_timed"):
            r["mb_per_sec"] = r["median_per_sec"] * r["bytes_timed"] / r["n_timed"] / 1e6
        if r.get("per_sec"):
            r["min_per_sec"], r["max_per_sec"] = min(r["per_sec"]), max(r["per_sec"])
        engines.append(r)
    rank = {k: i for i, k in enumerate(ORDER)}
    engines.sort(key=lambda r: rank.get((r["engine"], r["mode"]), 99))
    ours = next((r for r in engines if (r["engine"], r["mode"]) == OURS), None)
    facade = next((r for r in engines if (r["engine"], r["mode"]) == ("minhu c++", "api-single")), None)
    # The C++ side of every binding's batch: what a batch could do with a free crossing.
    packed = next((r for r in engines if (r["engine"], r["mode"]) == ("minhu c++", "api-packed")), None)
    for r in engines:
        if ours and r is not ours and not is_part(r):
            r["ours_over_this"] = ours["median_per_sec"] / r["median_per_sec"]
        if r["engine"].startswith("minhu ") and r["engine"] != "minhu c++":
            if ours:
                r["share_of_cpp_core"] = r["median_per_sec"] / ours["median_per_sec"]
            if facade:
                r["share_of_cpp_facade"] = r["median_per_sec"] / facade["median_per_sec"]
            if packed and r["mode"] == "batch":
                r["share_of_cpp_packed"] = r["median_per_sec"] / packed["median_per_sec"]
    name = meta.get("name") or os.path.basename(wd.rstrip("/"))
    return {"name": name, "meta": meta, "info": info, "engines": engines}


def fmt(x, d=0):
    if x is None:
        return "–"
    return f"{x:,.{d}f}"


def pct(x):
    return "–" if x is None else fmt(100 * x, 1) + " %"


def table(w: dict) -> str:
    i, m = w["info"], w["meta"]
    lines = [
        f"### {w['name']}: {i['keywords']:,} keywords, {i['rules_kept']:,} rules"
        f" ({i['rules_left_out']} left out), {m.get('units', i.get('units')):,} units,"
        f" {i['petitions']:,} petitions, {i['normalised_bytes'] / max(1, i['petitions']):.0f}"
        f" bytes/petition normalised",
        "",
        "| engine | mode | petitions/s (median) | min–max | MB/s | texts timed | ours ÷ this | agreement |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in w["engines"]:
        ratio = r.get("ours_over_this")
        agree = r.get("agreement")
        lines.append(
            f"| {r['engine']} | {r['mode']} | {fmt(r['median_per_sec'])} | "
            f"{fmt(r.get('min_per_sec'))}–{fmt(r.get('max_per_sec'))} | {fmt(r.get('mb_per_sec'), 1)} | "
            f"{fmt(r.get('n_timed'))} | {'(ours)' if (r['engine'], r['mode']) == OURS else ('(part of core)' if is_part(r) else (f'{ratio:,.2f}×' if ratio else '–'))} | "
            f"{f'{agree * 100:.2f} %' if agree is not None else '–'} |")
    return "\n".join(lines)


def binding_table(ws: list) -> str:
    lines = ["| workload | binding | mode | petitions/s | % of C++ core | % of C++ facade single |"
             " % of C++ packed batch |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: |"]
    for w in ws:
        for r in w["engines"]:
            if r["engine"] in ("minhu python", "minhu node", "minhu java"):
                lines.append(f"| {w['name']} | {r['engine'].split()[1]} | {r['mode']} | "
                             f"{fmt(r['median_per_sec'])} | {pct(r.get('share_of_cpp_core'))} | "
                             f"{pct(r.get('share_of_cpp_facade'))} | "
                             f"{pct(r.get('share_of_cpp_packed'))} |")
    return "\n".join(lines)


def plot(ws: list, path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    series = {}
    for w in ws:
        k = w["meta"].get("keywords") or w["info"]["keywords"]
        for r in w["engines"]:
            if r["mode"] in ("dispatch", "bench") or is_part(r):
                continue
            series.setdefault(label(r["engine"], r["mode"]), []).append((k, r["median_per_sec"]))
    fig, ax = plt.subplots(figsize=(11, 6), dpi=110)
    colours = plt.get_cmap("tab20").colors
    for i, (name, pts) in enumerate(series.items()):
        pts.sort()
        xs, ys = zip(*pts)
        style = "-" if name.startswith("minhu") else ("--" if name.startswith("hyperscan") else ":")
        ax.plot(xs, ys, style, marker="o", color=colours[i % len(colours)], label=name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("keywords in the ruleset (log)")
    ax.set_ylabel("petitions per second, one thread (median, log)")
    ax.set_title("minhu vs peers: classification throughput against ruleset size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--machine")
    ap.add_argument("--title", default="")
    ap.add_argument("--units-sweep", nargs="*", default=[],
                    help="workloads run only for the C++ dispatch (other unit counts)")
    ap.add_argument("workdirs", nargs="+")
    args = ap.parse_args()
    ws = [load_workload(wd) for wd in args.workdirs]
    ws.sort(key=lambda w: (w["meta"].get("keywords") or w["info"]["keywords"]))
    machine = {}
    if args.machine and os.path.exists(args.machine):
        with open(args.machine, encoding="utf-8") as f:
            machine = json.load(f)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"machine": machine, "workloads": ws,
                   "units_sweep": [load_workload(wd) for wd in args.units_sweep]},
                  f, ensure_ascii=False, indent=1)
    md = [f"# Benchmark results{(' — ' + args.title) if args.title else ''}", ""]
    if machine:
        md += ["Machine: " + machine.get("summary", ""), ""]
    md += ["Ratios are minhu's C++ core classify (one thread) over the engine, measured in the same"
           " run on the same texts; agreement is the share of petitions on which the engine's"
           " deciding rule equals minhu's on the same (common) ruleset.", ""]
    for w in ws:
        md += [table(w), ""]
    us = [load_workload(wd) for wd in args.units_sweep]
    disp = [(w["meta"].get("units") or w["info"]["units"], w["meta"].get("keywords") or w["info"]["keywords"], r)
            for w in ws + us for r in w["engines"] if r["mode"] in ("dispatch", "bench")]
    if disp:
        md += ["### Dispatch (classify + locate + route) against the number of units, C++, one thread", "",
               "| units | keywords | engine | mode | dispatches/s (median) | min–max |",
               "| ---: | ---: | --- | --- | ---: | ---: |"]
        for u, k, r in sorted(disp, key=lambda x: (x[1], x[0])):
            md.append(f"| {u:,} | {k:,} | {r['engine']} | {r['mode']} | {fmt(r['median_per_sec'])} | "
                      f"{fmt(r.get('min_per_sec'))}–{fmt(r.get('max_per_sec'))} |")
        md.append("")
    md += ["### Bindings against the C++ API (same ruleset, same petitions, one thread)", "",
           binding_table(ws), ""]
    with open(os.path.join(args.out, "results.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    plot(ws, os.path.join(args.out, "throughput.png"))
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
