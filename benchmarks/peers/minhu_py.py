#!/usr/bin/env python3
"""minhu through its Python binding: the raw petitions of WORK/petitions.json (as
minhu.Petition objects, built once outside the timed loop) classified with WORK/common.json
(or --ruleset). Mode `single`: Engine.classify(p) per petition; `batch`:
Engine.classify_many(ps, threads=1) once per pass (one crossing, the GIL released, one C++
worker thread, so it compares per core with the other engines).
"""
from __future__ import annotations

import os
import sys

import harness
import minhu


def main() -> int:
    ap = harness.args_parser(__doc__)
    ap.add_argument("--mode", choices=("single", "batch"), default="single")
    ap.add_argument("--ruleset")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    raw = harness.load(args.work, "petitions.json")
    ps = [minhu.Petition(id=p["id"], title=p["title"], text=p["text"]) for p in raw]
    engine = minhu.Engine(args.ruleset or os.path.join(args.work, "common.json"))

    def rule_of(d):
        return d.rules[0] if d.decided_by == "rule" and d.rules else None

    if args.mode == "single":
        classify = engine.classify

        def run_pass(k):
            return [rule_of(classify(p)) for p in ps[:k]]
    else:
        def run_pass(k):
            return [rule_of(d) for d in engine.classify_many(ps[:k], threads=args.threads)]

    acc = [0]
    for p in raw:
        acc.append(acc[-1] + len(p["title"].encode()) + len(p["text"].encode()))
    harness.measure("minhu python", args.mode, run_pass, len(ps), args, lambda k: acc[k])
    return 0


if __name__ == "__main__":
    sys.exit(main())
