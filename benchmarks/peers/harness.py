"""The timing protocol shared by every engine of benchmarks/run.sh (harness.js,
java/MinhuBench.java, minhu_driver.cpp and hs_scan.cpp implement the same one). N texts:

1. probe: the first min(N, --min-n) texts once, to estimate the rate;
2. check (also the warm-up): the first c texts, c = N, or fewer if N would take longer than
   --check seconds at the probed rate; these decisions are compared with minhu's (agreement);
3. timed: --reps repetitions over the first k texts, k = N, or fewer (at least --min-n) if N
   would take longer than --budget seconds at the checked rate; a repetition runs the k texts
   `inner` times so that it lasts at least --min-rep seconds (fast engines);
   throughput = inner * k / elapsed, and the median of the repetitions is reported.
   Before the repetitions, --warmup seconds (default 0) of untimed passes over the k texts: a
   JIT (the JVM's, V8's) may still be compiling during the first repetitions, above all on a
   busy machine; benchmarks/run.sh gives every engine the same warm-up.

The same prefixes of the same texts for every engine; the result is one JSON object in --out.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Callable, List, Optional


def args_parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--work", required=True, help="the workload directory written by prepare.py")
    ap.add_argument("--out", required=True, help="result JSON")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--budget", type=float, default=4.0,
                    help="seconds a timed pass may take; slower engines time a prefix")
    ap.add_argument("--check", type=float, default=30.0,
                    help="seconds the checked (warm-up) pass may take; slower engines check a prefix")
    ap.add_argument("--min-n", type=int, default=200)
    ap.add_argument("--min-rep", type=float, default=0.3, help="seconds a repetition lasts at least")
    ap.add_argument("--warmup", type=float, default=0.0,
                    help="seconds of untimed passes before the repetitions")
    return ap


def load(work: str, name: str):
    with open(os.path.join(work, name), encoding="utf-8") as f:
        return json.load(f)


def plan(n: int, seconds_for: Callable[[int], float], args) -> tuple:
    """Steps 1-3 above: returns (c, decisions of the first c, k, inner)."""
    p = min(n, args.min_n)
    rate = p / max(seconds_for(p)[0], 1e-9)
    c = n if n / rate <= args.check else max(p, int(rate * args.check))
    t, decisions = seconds_for(c)
    rate = c / max(t, 1e-9)
    k = n if n / rate <= args.budget else max(p, int(rate * args.budget))
    inner = max(1, int(-(-args.min_rep * rate // k)))
    return c, decisions, k, inner, t


def measure(engine: str, mode: str, run_pass: Callable[[int], List[Optional[str]]], n: int,
            args, bytes_of: Callable[[int], int], extra: Optional[dict] = None) -> dict:
    """run_pass(k) processes texts 0..k-1 and returns their decisions (rule id or None)."""
    def seconds_for(k):
        t0 = time.perf_counter()
        d = run_pass(k)
        return time.perf_counter() - t0, d

    c, decisions, k, inner, warm = plan(n, seconds_for, args)
    w0 = time.perf_counter()
    while time.perf_counter() - w0 < args.warmup:
        run_pass(k)
    secs = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            run_pass(k)
        secs.append(time.perf_counter() - t0)
    per_sec = [inner * k / s for s in secs]
    res = {
        "engine": engine, "mode": mode, "n": n, "n_checked": c, "n_timed": k, "inner": inner,
        "check_seconds": warm, "seconds": secs, "per_sec": per_sec,
        "median_per_sec": statistics.median(per_sec),
        "bytes_timed": bytes_of(k),
        "decisions": decisions,
    }
    if extra:
        res.update(extra)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False)
    print(f"{engine:>22} {mode:<8} {res['median_per_sec']:>14,.0f} petitions/s "
          f"(checked {c}, timed {k} x{inner}, reps={args.reps})", file=sys.stderr)
    return res


def norm_bytes(norm: list) -> Callable[[int], int]:
    acc = [0]
    for x in norm:
        acc.append(acc[-1] + len(x["both"].encode()))
    return lambda k: acc[k]
